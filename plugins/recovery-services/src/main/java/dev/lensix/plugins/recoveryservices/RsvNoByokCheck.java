package dev.lensix.plugins.recoveryservices;

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
import dev.lensix.api.resource.Resource;
import org.pf4j.Extension;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code rsv_nobyok}: a Recovery Services vault that encrypts its backups with a Microsoft-managed key
 * instead of a customer-managed key (BYOK) held in Azure Key Vault.
 *
 * <p>The vault's own {@code properties.encryption.keyVaultProperties.keyUri} says which key it was given.
 * When the vault's backup encryption config ({@code Microsoft.RecoveryServices/vaults/backupEncryptionConfigs})
 * was collected, its {@code encryptionAtRestType} is what the backup service actually applies, so it decides
 * the verdict; the message says when the two disagree. Without a usable config the vault alone decides, and
 * the evidence says why the config was not used.
 */
@Extension
public final class RsvNoByokCheck implements Check {

    static final String VAULT_TYPE = "Microsoft.RecoveryServices/vaults";
    static final String CONFIG_TYPE = "Microsoft.RecoveryServices/vaults/backupEncryptionConfigs";

    private static final String KEY_URI = "/properties/encryption/keyVaultProperties/keyUri";
    private static final String INFRASTRUCTURE_ENCRYPTION = "/properties/encryption/infrastructureEncryption";
    private static final String KEK_IDENTITY = "/properties/encryption/kekIdentity";
    private static final String AT_REST_TYPE = "/properties/encryptionAtRestType";
    private static final String CONFIG_KEY_URI = "/properties/keyUri";
    private static final String LAST_UPDATE_STATUS = "/properties/lastUpdateStatus";
    private static final String INFRASTRUCTURE_STATE = "/properties/infrastructureEncryptionState";

    private static final String CONFIG_LABEL = "backupEncryptionConfig";
    private static final String BASIS_LABEL = "verdictBasis";
    private static final String FROM_VAULT = "the vault's properties.encryption.keyVaultProperties.keyUri";
    /** The vault has one config, whose observations (under its own id) are beside this note: not named again. */
    private static final String CONFIG_BASIS = "the backup encryption config's encryptionAtRestType";

    static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("rsv_nobyok")
            .title("Recovery Services vault backups not encrypted with a customer-managed key")
            .severity(Severity.HIGH)
            .service("recovery-services")
            .targetType(VAULT_TYPE)
            .relatedType(CONFIG_TYPE)
            .description("Finds Recovery Services vaults whose backup data is encrypted with a Microsoft-managed"
                    + " (platform) key rather than a customer-managed key (BYOK) kept in Azure Key Vault. A vault"
                    + " passes when its properties.encryption.keyVaultProperties.keyUri names a key; when the"
                    + " vault's backup encryption config was collected, its encryptionAtRestType (CustomerManaged"
                    + " or MicrosoftManaged) is what the backup service applies and decides the verdict.")
            .rationale("Backups hold a full copy of the data they protect, often for years. With a customer-managed"
                    + " key the organisation, not the platform, controls the key's lifecycle: it sets rotation and"
                    + " expiry, can revoke access to make every backup unreadable at once (after a breach, or to"
                    + " crypto-shred at the end of retention), and sees every use of the key in Key Vault's audit"
                    + " log. It separates duties, since those who administer backups need not control the key that"
                    + " protects them, and many regulations and frameworks (NIST SP 800-53 SC-12, PCI DSS, HIPAA"
                    + " guidance, sector regulators) expect customer control of the keys for sensitive data at rest.")
            .remediation(Remediation.of("""
                    Encrypt the vault's backups with a customer-managed key in three steps:
                    1. Keep the key in a Key Vault with soft delete and purge protection on, as an RSA or RSA-HSM \
                    key of 2048 bits or more (2048, 3072 or 4096).
                    2. Give the vault a managed identity (system-assigned, or a user-assigned one attached to the \
                    vault) with get, wrapKey and unwrapKey permissions on the key (an access policy, or the \
                    "Key Vault Crypto Service Encryption User" role when the Key Vault uses Azure RBAC).
                    3. Point the vault at the key (a versionless key URI lets the vault follow automatic key \
                    rotation).
                    Caveats: a customer-managed key can be set only on a vault that has no protected items and \
                    has never had items registered, and once set the vault cannot go back to platform-managed \
                    keys. For an existing vault with protected items, create a new vault with the \
                    customer-managed key, protect the items there, and retire the old vault when its recovery \
                    points expire. Keep the key and the identity's access for as long as any backup needs them: \
                    losing either makes the backups unrecoverable.""")
                    .withOneLine("Encrypt the vault's backups with an RSA key from a Key Vault with soft delete and purge "
                            + "protection, used through the vault's managed identity.")
                    .withAzureCli("""
                            az keyvault create --name <key-vault> --resource-group <key-vault-rg> --location <region> --retention-days 90 --enable-purge-protection true
                            az keyvault key create --vault-name <key-vault> --name <key-name> --kty RSA --size 3072
                            az backup vault identity assign --name <vault> --resource-group <vault-rg> --system-assigned
                            az keyvault set-policy --name <key-vault> --object-id $(az backup vault show --name <vault> --resource-group <vault-rg> --query identity.principalId --output tsv) --key-permissions get wrapKey unwrapKey
                            # a Key Vault that uses Azure RBAC instead of access policies: az role assignment create --role "Key Vault Crypto Service Encryption User" --assignee-object-id <principal-id> --assignee-principal-type ServicePrincipal --scope <key-vault-id>/keys/<key-name>
                            az backup vault encryption update --name <vault> --resource-group <vault-rg> --encryption-key-id https://<key-vault>.vault.azure.net/keys/<key-name> --mi-system-assigned --infrastructure-encryption Enabled""")
                    .withTerraform("""
                            resource "azurerm_recovery_services_vault" "backup" {
                              name                = "<vault>"
                              location            = "<region>"
                              resource_group_name = "<vault-rg>"
                              sku                 = "Standard"

                              identity {
                                type = "SystemAssigned"
                              }

                              encryption {
                                key_id                            = azurerm_key_vault_key.backup.versionless_id
                                infrastructure_encryption_enabled = true
                                use_system_assigned_identity      = true
                                # or, with a user-assigned identity attached to the vault:
                                # use_system_assigned_identity = false
                                # user_assigned_identity_id    = azurerm_user_assigned_identity.backup.id
                              }
                            }""")
                    .withAzurePolicy("2e94d99a-8a36-4563-bc77-810d8893b671"))
            .reference("https://learn.microsoft.com/azure/backup/encryption-at-rest-with-cmk")
            .reference("https://learn.microsoft.com/azure/backup/backup-encryption")
            .reference("https://github.com/Azure/azure-policy/blob/master/built-in-policies/policyDefinitions/Backup/AzBackupRSVault_CMKEnabled_Audit.json")
            .complianceId("NIST SP 800-53 R5 SC-12")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Verdict evaluate(Resource vault, Inventory inventory) {
        Evidence.Builder evidence = Evidence.builder();
        VaultKey vaultKey = VaultKey.read(vault, evidence);

        Coverage coverage = inventory.coverage(CONFIG_TYPE, vault);
        if (!coverage.collected()) {
            evidence.note(vault, CONFIG_LABEL, "not collected (" + coverage.reason() + ")")
                    .note(vault, BASIS_LABEL, FROM_VAULT);
            return fromVault(vault, vaultKey, "", evidence);
        }
        List<Resource> configs = inventory.childrenOf(vault, CONFIG_TYPE);
        if (configs.isEmpty()) {
            evidence.note(vault, CONFIG_LABEL, "collected, but none found for this vault")
                    .note(vault, BASIS_LABEL, FROM_VAULT);
            return fromVault(vault, vaultKey, "; no backup encryption config was found for the vault", evidence);
        }
        // A vault has one config, the singleton "backupResourceEncryptionConfig"; the list is sorted by id.
        Resource config = configs.get(0);
        JsonNode atRestType = evidence.read(config, AT_REST_TYPE);
        JsonNode configKeyUri = evidence.readIfPresent(config, CONFIG_KEY_URI);
        JsonNode lastUpdate = evidence.readIfPresent(config, LAST_UPDATE_STATUS);
        evidence.readIfPresent(config, INFRASTRUCTURE_STATE);

        String word = atRestType.isTextual() ? atRestType.asText().strip().toLowerCase(Locale.ROOT) : "";
        return switch (word) {
            case "customermanaged" -> configCustomerManaged(vault, vaultKey, configKeyUri, config, evidence);
            case "microsoftmanaged" -> configMicrosoftManaged(vault, vaultKey, lastUpdate, config, evidence);
            default -> {
                evidence.note(config, CONFIG_LABEL, "encryptionAtRestType "
                                + (atRestType.isMissingNode() ? "absent" : atRestType + " not recognized")
                                + "; expected CustomerManaged or MicrosoftManaged")
                        .note(vault, BASIS_LABEL, FROM_VAULT);
                yield fromVault(vault, vaultKey,
                        "; its backup encryption config gives no usable encryptionAtRestType", evidence);
            }
        };
    }

    private static Verdict fromVault(Resource vault, VaultKey key, String suffix, Evidence.Builder evidence) {
        return key.customerManaged()
                ? Verdict.pass(cmk(vault) + " (" + key.keyUri() + ")" + suffix, evidence.build())
                : Verdict.fail(microsoftManaged(vault) + " (" + key.problem() + ")" + suffix, evidence.build());
    }

    private static Verdict configCustomerManaged(Resource vault, VaultKey key, JsonNode configKeyUri, Resource config,
                                                 Evidence.Builder evidence) {
        evidence.note(vault, BASIS_LABEL, CONFIG_BASIS);
        if (key.customerManaged()) {
            return Verdict.pass(cmk(vault) + " (" + key.keyUri() + "), as its backup encryption config confirms",
                    evidence.build());
        }
        String configKey = nonBlankText(configKeyUri);
        return Verdict.pass(cmk(vault) + (configKey.isEmpty() ? "" : " (" + configKey + ")")
                + " according to its backup encryption config (CustomerManaged), although the vault itself names"
                + " no key (" + key.problem() + "): vault and config disagree", evidence.build());
    }

    private static Verdict configMicrosoftManaged(Resource vault, VaultKey key, JsonNode lastUpdate, Resource config,
                                                  Evidence.Builder evidence) {
        evidence.note(vault, BASIS_LABEL, CONFIG_BASIS);
        if (!key.customerManaged()) {
            return Verdict.fail(microsoftManaged(vault) + " (" + key.problem()
                    + "), as its backup encryption config confirms (MicrosoftManaged)", evidence.build());
        }
        String status = nonBlankText(lastUpdate);
        return Verdict.fail(microsoftManaged(vault) + ": its backup encryption config says MicrosoftManaged"
                + (status.isEmpty() ? "" : " (last update " + status + ")")
                + " although the vault names the key " + key.keyUri() + ": vault and config disagree",
                evidence.build());
    }

    private static String cmk(Resource vault) {
        return "Recovery Services vault " + vault.name() + " encrypts backups with a customer-managed key from Key Vault";
    }

    private static String microsoftManaged(Resource vault) {
        return "Recovery Services vault " + vault.name()
                + " encrypts backups with a Microsoft-managed key, not a customer-managed key from Key Vault";
    }

    private static String nonBlankText(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText().strip() : "";
    }

    /**
     * What the vault itself says about its key.
     *
     * @param keyUri  the key URI when one is configured, else empty
     * @param problem why the vault's setting does not name a key, else empty
     */
    private record VaultKey(String keyUri, String problem) {

        static VaultKey read(Resource vault, Evidence.Builder evidence) {
            Field<String> keyUri = evidence.text(vault, KEY_URI);
            evidence.read(vault, INFRASTRUCTURE_ENCRYPTION);
            evidence.readIfPresent(vault, KEK_IDENTITY);
            Optional<String> text = keyUri.optional();
            if (text.filter(uri -> !uri.isBlank()).isPresent()) {
                return new VaultKey(text.get().strip(), "");
            }
            return new VaultKey("", problem(vault, text));
        }

        private static String problem(Resource vault, Optional<String> keyUri) {
            if (keyUri.isPresent()) {
                return keyUri.get().isEmpty() ? "keyUri is empty" : "keyUri is blank";
            }
            if (vault.nodeTypeAt(KEY_URI) == JsonNodeType.NULL) {
                return "keyUri is null";
            }
            return vault.nodeTypeAt("/properties/encryption") == JsonNodeType.MISSING
                    ? "no properties.encryption settings"
                    : "no properties.encryption.keyVaultProperties.keyUri";
        }

        boolean customerManaged() {
            return !keyUri.isEmpty();
        }
    }
}
