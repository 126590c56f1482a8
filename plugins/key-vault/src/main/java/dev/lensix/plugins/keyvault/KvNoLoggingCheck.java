package dev.lensix.plugins.keyvault;

import dev.lensix.api.check.Check;
import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Remediation;
import dev.lensix.api.check.Severity;
import dev.lensix.api.check.Verdict;
import dev.lensix.api.resource.Coverage;
import dev.lensix.api.resource.Inventory;
import dev.lensix.api.resource.Resource;
import org.pf4j.Extension;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code kv_nologging}: a Key Vault with no diagnostic setting that sends its audit events somewhere.
 *
 * <p>PASS when one setting has both a non-empty destination and an enabled {@code logs[]} entry with
 * {@code category} AuditEvent or {@code categoryGroup} audit or allLogs. Retention is not required. ERROR when
 * diagnostic settings were not collected.
 */
@Extension
public final class KvNoLoggingCheck implements Check {

    static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("kv_nologging")
            .title("Key Vault without audit logging")
            .severity(Severity.MEDIUM)
            .service(KeyVaultResources.SERVICE)
            .targetType(KeyVaultResources.VAULT_TYPE)
            .relatedType(KeyVaultResources.DIAGNOSTIC_SETTING_TYPE)
            .description("Finds Key Vaults whose audit events are not kept: no diagnostic setting"
                    + " (Microsoft.Insights/diagnosticSettings) of the vault both has a destination (a non-empty"
                    + " workspaceId, storageAccountId, eventHubAuthorizationRuleId or marketplacePartnerId) and, in"
                    + " that same setting, an enabled logs[] entry with category AuditEvent or categoryGroup audit"
                    + " or allLogs (any casing). A setting whose only destination is an empty string sends nothing."
                    + " Retention is not required. ERROR when diagnostic settings were not collected.")
            .rationale("The AuditEvent log is the only record of who read, wrapped, unwrapped, disabled, deleted or"
                    + " purged a key, and of every change to the vault's access. For a vault holding backup keys it"
                    + " is how an attack on the backups (removing the backup service's access, disabling or deleting"
                    + " the key) is detected in time, and how an incident is reconstructed afterwards. Key Vault"
                    + " keeps no such log by itself.")
            .remediation(Remediation.of("""
                    Add a diagnostic setting to the vault that sends the audit category group (or the AuditEvent \
                    category, or allLogs) to a Log Analytics workspace, a storage account or an event hub your \
                    security team watches. Check that the destination id is filled in: a setting with an empty \
                    workspaceId sends nothing. Retention is set on the destination (storage retention in the \
                    diagnostic setting was retired in 2025).""")
                    .withOneLine("Add a diagnostic setting that sends the vault's audit logs to a Log Analytics workspace, "
                            + "storage account or event hub your security team watches.")
                    .withAzureCli("""
                            az monitor diagnostic-settings create --name kv-audit --resource $(az keyvault show --name <key-vault> --resource-group <key-vault-rg> --query id --output tsv) --workspace <log-analytics-workspace-id> --logs '[{"categoryGroup":"audit","enabled":true}]'
                            az monitor diagnostic-settings list --resource $(az keyvault show --name <key-vault> --resource-group <key-vault-rg> --query id --output tsv)""")
                    .withTerraform("""
                            resource "azurerm_monitor_diagnostic_setting" "key_vault_audit" {
                              name                       = "kv-audit"
                              target_resource_id         = azurerm_key_vault.backup_keys.id
                              log_analytics_workspace_id = azurerm_log_analytics_workspace.security.id

                              enabled_log {
                                category_group = "audit"
                              }
                            }""")
                    .withAzurePolicy("cf820ca0-f99e-4f3e-84fb-66e913812d21"))
            .reference("https://learn.microsoft.com/azure/key-vault/general/logging")
            .reference("https://learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings")
            .reference("https://www.azadvertizer.net/azpolicyadvertizer/cf820ca0-f99e-4f3e-84fb-66e913812d21.html")
            .complianceId("CIS Azure 6.0 6.1.1.4")
            .complianceId("MCSB LT-3")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Verdict evaluate(Resource vault, Inventory inventory) {
        Evidence.Builder evidence = Evidence.builder();
        String subject = "Key Vault " + vault.name();
        Coverage coverage = inventory.coverage(KeyVaultResources.DIAGNOSTIC_SETTING_TYPE, vault);
        if (!coverage.collected()) {
            evidence.note(vault, "diagnosticSettings", "not collected (" + coverage.reason() + ")");
            return Verdict.error(subject + ": its diagnostic settings were not collected, so audit logging cannot be"
                    + " evaluated", evidence.build());
        }
        List<Resource> settings = inventory.childrenOf(vault, KeyVaultResources.DIAGNOSTIC_SETTING_TYPE);
        if (settings.isEmpty()) {
            evidence.note(vault, "diagnosticSettings", "collected; none for this vault");
            return Verdict.fail(subject + " has no diagnostic setting: its audit events (AuditEvent) are not kept",
                    evidence.build());
        }
        List<String> shortcomings = new ArrayList<>();
        for (Resource setting : settings) {
            AuditLogSetting read = AuditLogSetting.read(setting, evidence);
            if (read.keepsAuditEvents()) {
                evidence.note(setting, "auditLogging", String.join(", ", read.auditLogs()) + " to "
                        + String.join(", ", read.destinations()));
                return Verdict.pass(subject + " sends its audit events (" + String.join(", ", read.auditLogs())
                        + ") to " + String.join(", ", read.destinations()) + " through diagnostic setting "
                        + read.name(), evidence.build());
            }
            shortcomings.add(read.shortcoming());
        }
        return Verdict.fail(subject + " keeps no audit log: " + String.join("; ", shortcomings), evidence.build());
    }
}
