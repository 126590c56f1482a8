package dev.lensix.plugins.recoveryservices;

import dev.lensix.api.check.Check;
import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Remediation;
import dev.lensix.api.check.Severity;
import dev.lensix.api.check.Verdict;
import dev.lensix.api.resource.Inventory;
import dev.lensix.api.resource.KeyVaultKeyUri;
import dev.lensix.api.resource.Resource;
import org.pf4j.Extension;

/**
 * {@code rsv_cmk_pinned}: a Recovery Services vault whose key URI names a key version, so the vault keeps using
 * that version when the key rotates. Reads only the vault.
 */
@Extension
public final class RsvCmkPinnedCheck implements Check {

    static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("rsv_cmk_pinned")
            .title("Recovery Services vault pinned to one version of its customer-managed key")
            .severity(Severity.LOW)
            .service("recovery-services")
            .targetType(CustomerManagedKey.RSV_TYPE)
            .description("For every Recovery Services vault that names a customer-managed key, fails when"
                    + " properties.encryption.keyVaultProperties.keyUri names a key version"
                    + " (https://<vault>.vault.azure.net/keys/<name>/<version>): the vault then keeps using that"
                    + " version when the key rotates. A version-less key URI passes.")
            .rationale("With a version-less key URI the backup service picks up each new key version within a day"
                    + " of a rotation, so rotation actually limits how much backup data one key version protects."
                    + " A pinned vault silently keeps the old version: rotation gives no protection, and the old"
                    + " version's expiry or disabling, done as routine key hygiene, breaks the vault's backups.")
            .remediation(Remediation.of("""
                    Point the vault at the version-less key URI (https://<key-vault>.vault.azure.net/keys/<key-name>) \
                    so that it follows automatic key rotation, and give the key a rotation policy \
                    (kv_key_norotation). Keep the old versions enabled while backups encrypted under them are \
                    retained.""")
                    .withOneLine("Point the vault at the key's version-less URI so that it follows rotation, and give the "
                            + "key a rotation policy.")
                    .withAzureCli("""
                            az backup vault encryption update --name <vault> --resource-group <vault-rg> --encryption-key-id https://<key-vault>.vault.azure.net/keys/<key-name> --mi-system-assigned
                            az backup vault encryption show --name <vault> --resource-group <vault-rg> --query properties.keyUri""")
                    .withTerraform("""
                            resource "azurerm_recovery_services_vault" "backup" {
                              encryption {
                                key_id                            = azurerm_key_vault_key.backup_cmk.versionless_id
                                infrastructure_encryption_enabled = true
                                use_system_assigned_identity      = true
                              }
                            }""")
                    .withAzurePolicy("2e94d99a-8a36-4563-bc77-810d8893b671"))
            .reference("https://learn.microsoft.com/azure/backup/encryption-at-rest-with-cmk")
            .reference("https://learn.microsoft.com/azure/key-vault/keys/how-to-configure-key-rotation")
            .complianceId("NIST SP 800-53 R5 SC-12")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public boolean appliesTo(Resource recoveryVault, Inventory inventory) {
        return CustomerManagedKey.isNamedBy(recoveryVault);
    }

    @Override
    public Verdict evaluate(Resource recoveryVault, Inventory inventory) {
        Evidence.Builder evidence = Evidence.builder();
        CustomerManagedKey.Lookup<KeyVaultKeyUri> parsed = CustomerManagedKey.parse(recoveryVault, evidence);
        if (parsed.error().isPresent()) {
            return parsed.error().get();
        }
        KeyVaultKeyUri uri = parsed.value().orElseThrow();
        String subject = CustomerManagedKey.subject(recoveryVault);
        if (uri.version().isPresent()) {
            evidence.note(recoveryVault, "keyVersion", uri.version().get());
            return Verdict.fail(subject + " is pinned to version " + uri.version().get() + " of key " + uri.keyName()
                    + " in " + uri.vaultName() + ": it does not follow key rotation", evidence.build());
        }
        evidence.note(recoveryVault, "keyVersion", "none (version-less key URI)");
        return Verdict.pass(subject + " uses the version-less URI of key " + uri.keyName() + " in " + uri.vaultName()
                + ", so it follows key rotation", evidence.build());
    }
}
