package dev.lensix.plugins.keyvault;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lensix.api.check.Check;
import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Remediation;
import dev.lensix.api.check.Severity;
import dev.lensix.api.check.Verdict;
import dev.lensix.api.resource.Inventory;
import dev.lensix.api.resource.Resource;
import org.pf4j.Extension;

import java.util.Optional;

/**
 * {@code kv_nosoftdelete}: a Key Vault whose {@code properties.enableSoftDelete} is explicitly {@code false}.
 *
 * <p>An absent property is the platform default, which is on (soft delete is mandatory for every vault since
 * February 2025): that passes, and the evidence says the property was absent. A vault read without its
 * {@code properties} (the generic resource listing) gives ERROR, never PASS.
 */
@Extension
public final class KvNoSoftDeleteCheck implements Check {

    private static final String SOFT_DELETE = "/properties/enableSoftDelete";
    private static final String RETENTION = "/properties/softDeleteRetentionInDays";

    static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("kv_nosoftdelete")
            .title("Key Vault with soft delete turned off")
            .severity(Severity.MEDIUM)
            .service(KeyVaultResources.SERVICE)
            .targetType(KeyVaultResources.VAULT_TYPE)
            .description("Finds Key Vaults whose properties.enableSoftDelete is explicitly false, so that a deleted"
                    + " vault, key, secret or certificate is gone at once instead of being kept recoverable for the"
                    + " retention period (7 to 90 days). An absent enableSoftDelete is the platform default, which"
                    + " is on: soft delete is mandatory for every vault since February 2025, so such a vault"
                    + " passes and the evidence says the property was absent. A vault read without its properties"
                    + " (a generic resource listing) cannot be evaluated and gives ERROR.")
            .rationale("A Key Vault that holds the customer-managed key of a Recovery Services vault, a storage"
                    + " account or a disk is the single point every encrypted backup depends on. Without soft"
                    + " delete, one mistaken or malicious delete of the key or the vault destroys the key for good,"
                    + " and with it every backup and every copy of the data encrypted under it. Soft delete turns"
                    + " that delete into a recoverable event for the retention period.")
            .remediation(Remediation.of("""
                    Turn soft delete on. Microsoft enables it on every vault and no longer lets it be turned off \
                    (since February 2025); a vault that still reports false predates that change or was exported \
                    before it. Soft delete cannot be turned off again once on, and the retention period \
                    (softDeleteRetentionInDays, 7 to 90 days, 90 by default) is fixed when soft delete is first \
                    turned on: choose 90 days for vaults that hold backup keys. Turn on purge protection as well \
                    (kv_nopurgeprotect), or a soft-deleted key can still be purged at once.""")
                    .withAzureCli("""
                            az resource update --ids $(az keyvault show --name <key-vault> --resource-group <key-vault-rg> --query id --output tsv) --set properties.enableSoftDelete=true
                            az keyvault show --name <key-vault> --resource-group <key-vault-rg> --query properties.enableSoftDelete""")
                    .withTerraform("""
                            resource "azurerm_key_vault" "backup_keys" {
                              # azurerm 3.x and later always create vaults with soft delete on;
                              # keep the retention at its maximum for vaults that hold backup keys
                              soft_delete_retention_days = 90
                              purge_protection_enabled   = true
                            }""")
                    .withAzurePolicy("1e66c121-a66a-4b1f-9b83-0fd99bf0fc2d"))
            .reference("https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview")
            .reference("https://learn.microsoft.com/azure/key-vault/general/soft-delete-change")
            .reference("https://www.azadvertizer.net/azpolicyadvertizer/1e66c121-a66a-4b1f-9b83-0fd99bf0fc2d.html")
            .complianceId("CIS Azure 3.0 3.3.5")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Verdict evaluate(Resource vault, Inventory inventory) {
        Evidence.Builder evidence = Evidence.builder();
        String subject = "Key Vault " + vault.name();
        Optional<Verdict> notCollected = KeyVaultResources.propertiesNotCollected(vault, subject, evidence);
        if (notCollected.isPresent()) {
            return notCollected.get();
        }
        JsonNode softDelete = evidence.read(vault, SOFT_DELETE);
        JsonNode retention = evidence.readIfPresent(vault, RETENTION);
        if (softDelete.isMissingNode() || softDelete.isNull()) {
            evidence.note(vault, "softDelete", (softDelete.isNull() ? "null" : "absent")
                    + ": the platform default applies, which is on (mandatory for every vault since February 2025)");
            return Verdict.pass(subject + " has soft delete on (enableSoftDelete " + (softDelete.isNull() ? "null" : "absent")
                    + ": the platform default, on)", evidence.build());
        }
        if (KeyVaultResources.isFalse(softDelete)) {
            return Verdict.fail(subject + " has soft delete turned off (enableSoftDelete false): a deleted key or the"
                    + " vault itself is lost at once", evidence.build());
        }
        if (KeyVaultResources.isTrue(softDelete)) {
            return Verdict.pass(subject + " has soft delete on" + (retention.canConvertToInt()
                    ? " (" + retention.asInt() + " days retention)" : ""), evidence.build());
        }
        return Verdict.error(subject + ": enableSoftDelete is " + softDelete + ", neither true nor false", evidence.build());
    }
}
