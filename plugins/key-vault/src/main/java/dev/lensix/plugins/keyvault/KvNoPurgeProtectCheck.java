package dev.lensix.plugins.keyvault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.lensix.api.check.Check;
import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Field;
import dev.lensix.api.check.Remediation;
import dev.lensix.api.check.Severity;
import dev.lensix.api.check.Verdict;
import dev.lensix.api.resource.Coverage;
import dev.lensix.api.resource.Inventory;
import dev.lensix.api.resource.KeyVaultKeyUri;
import dev.lensix.api.resource.Resource;
import dev.lensix.api.resource.ResourceIds;
import org.pf4j.Extension;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code kv_nopurgeprotect}: a Key Vault whose {@code properties.enablePurgeProtection} is not {@code true}.
 *
 * <p>Medium by default; high when a Recovery Services vault in the inventory names a key of this vault as its
 * customer-managed key ({@code properties.encryption.keyVaultProperties.keyUri}, resolved by the host of the
 * vault's {@code properties.vaultUri}), and the message names those vaults.
 */
@Extension
public final class KvNoPurgeProtectCheck implements Check {

    private static final String PURGE_PROTECTION = "/properties/enablePurgeProtection";
    private static final String VAULT_URI = "/properties/vaultUri";
    private static final String RSV_KEY_URI = "/properties/encryption/keyVaultProperties/keyUri";

    static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("kv_nopurgeprotect")
            .title("Key Vault without purge protection")
            .severity(Severity.MEDIUM)
            .service(KeyVaultResources.SERVICE)
            .targetType(KeyVaultResources.VAULT_TYPE)
            .relatedType(KeyVaultResources.RECOVERY_VAULT_TYPE)
            .description("Finds Key Vaults whose properties.enablePurgeProtection is not true (false or absent), so"
                    + " that a soft-deleted vault or key can be purged, destroyed for good, before its retention"
                    + " period ends. Severity is raised to high when a Recovery Services vault in the scan uses a"
                    + " key of this vault as its customer-managed key, and the message names those vaults.")
            .rationale("Soft delete alone does not protect a backup key: anyone with the purge permission (an"
                    + " insider, a compromised administrator, ransomware operators who target backups first) can"
                    + " delete the key and purge it at once, and every backup encrypted under it becomes"
                    + " unrecoverable. Purge protection enforces the retention period even against the vault's"
                    + " owners. Azure Backup requires it on the Key Vault that holds a Recovery Services vault's"
                    + " customer-managed key, and refuses to apply the key without it.")
            .remediation(Remediation.of("""
                    Turn purge protection on. It is irreversible: once on, it cannot be turned off, and a deleted \
                    vault or key stays soft-deleted until its retention period (7 to 90 days) ends, with no way to \
                    purge it early. Until then the vault's name cannot be reused for a new vault, so plan \
                    deletions and test vaults accordingly. Soft delete must be on (kv_nosoftdelete). Then retry \
                    the customer-managed key setting of any Recovery Services vault whose backup encryption \
                    config reports a failed update.""")
                    .withAzureCli("""
                            az keyvault update --name <key-vault> --resource-group <key-vault-rg> --enable-purge-protection true
                            az keyvault show --name <key-vault> --resource-group <key-vault-rg> --query properties.enablePurgeProtection""")
                    .withTerraform("""
                            resource "azurerm_key_vault" "backup_keys" {
                              purge_protection_enabled   = true  # irreversible
                              soft_delete_retention_days = 90
                            }""")
                    .withAzurePolicy("0b60c0b2-2dc2-4e1c-b5c9-abbed971de53"))
            .reference("https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview#purge-protection")
            .reference("https://learn.microsoft.com/azure/backup/encryption-at-rest-with-cmk")
            .reference("https://www.azadvertizer.net/azpolicyadvertizer/0b60c0b2-2dc2-4e1c-b5c9-abbed971de53.html")
            .complianceId("CIS Azure 6.0 8.3.5")
            .complianceId("MCSB DP-8")
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
        Field<Boolean> purgeProtection = evidence.bool(vault, PURGE_PROTECTION);
        List<String> dependents = recoveryVaultsUsingKeysOf(vault, inventory, evidence);
        String dependentsText = dependents.isEmpty() ? ""
                : "; it holds the customer-managed key of Recovery Services vault" + (dependents.size() > 1 ? "s " : " ")
                + String.join(", ", dependents);
        Verdict verdict;
        if (purgeProtection.orElse(false)) {
            verdict = Verdict.pass(subject + " has purge protection on" + dependentsText, evidence.build());
        } else {
            String state = purgeProtection.optional().map(String::valueOf)
                    .orElse(vault.nodeTypeAt(PURGE_PROTECTION) == JsonNodeType.NULL ? "null" : "absent");
            verdict = Verdict.fail(subject + " has no purge protection (enablePurgeProtection " + state
                    + "): a deleted key can be purged at once" + dependentsText, evidence.build());
        }
        return dependents.isEmpty() ? verdict : verdict.withSeverity(Severity.HIGH);
    }

    /** Names of the Recovery Services vaults whose customer-managed key URI points at this Key Vault. */
    private static List<String> recoveryVaultsUsingKeysOf(Resource vault, Inventory inventory, Evidence.Builder evidence) {
        Coverage coverage = inventory.coverage(KeyVaultResources.RECOVERY_VAULT_TYPE, vault);
        if (vault.text(VAULT_URI).flatMap(KeyVaultKeyUri::vaultHost).isEmpty()) {
            if (!coverage.collected()) {
                evidence.note(vault, "recoveryServicesVaults", "not collected (" + coverage.reason()
                        + "); severity not raised for backup keys");
                return List.of();
            }
            evidence.read(vault, VAULT_URI);
            evidence.note(vault, "recoveryServicesVaults", "the vault has no usable vaultUri, so no key URI can point at it");
            return List.of();
        }
        List<String> names = new ArrayList<>();
        Map<String, List<Resource>> byKeyVault = inventory.derived(RECOVERY_VAULTS_BY_KEY_VAULT,
                KvNoPurgeProtectCheck::recoveryVaultsByKeyVault);
        for (Resource recoveryVault : byKeyVault.getOrDefault(vault.key(), List.of())) {
            evidence.read(recoveryVault, RSV_KEY_URI);
            names.add(recoveryVault.name());
        }
        // a vault found that uses a key here raises the severity even when not every vault was collected
        if (names.isEmpty() && !coverage.collected()) {
            evidence.note(vault, "recoveryServicesVaults", "not collected (" + coverage.reason()
                    + "); severity not raised for backup keys");
        } else if (names.isEmpty()) {
            evidence.note(vault, "recoveryServicesVaults", "none in the scan uses a key of this vault");
        }
        return names;
    }

    private static final Object RECOVERY_VAULTS_BY_KEY_VAULT = new Object();

    /**
     * Recovery Services vaults by the Key Vault ({@link ResourceIds#key}) holding their customer-managed key, in id
     * order: built once per scan rather than going through every Recovery Services vault for every Key Vault.
     */
    private static Map<String, List<Resource>> recoveryVaultsByKeyVault(Inventory inventory) {
        Map<String, List<Resource>> byKeyVault = new HashMap<>();
        for (Resource recoveryVault : inventory.ofType(KeyVaultResources.RECOVERY_VAULT_TYPE)) {
            Optional<Resource> holder = recoveryVault.text(RSV_KEY_URI).flatMap(KeyVaultKeyUri::parse)
                    .flatMap(inventory::keyVaultFor);
            holder.ifPresent(keyVault -> byKeyVault.computeIfAbsent(keyVault.key(), key -> new ArrayList<>())
                    .add(recoveryVault));
        }
        byKeyVault.replaceAll((key, list) -> List.copyOf(list));
        return Map.copyOf(byKeyVault);
    }
}
