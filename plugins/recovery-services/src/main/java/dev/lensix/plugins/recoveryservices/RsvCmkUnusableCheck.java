package dev.lensix.plugins.recoveryservices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.lensix.api.check.Check;
import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Remediation;
import dev.lensix.api.check.Severity;
import dev.lensix.api.check.Verdict;
import dev.lensix.api.resource.Coverage;
import dev.lensix.api.resource.Inventory;
import dev.lensix.api.resource.KeyVaultKeyUri;
import dev.lensix.api.resource.Resource;
import dev.lensix.api.resource.ResourceIds;
import jakarta.inject.Inject;
import org.pf4j.Extension;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code rsv_cmk_unusable}: a Recovery Services vault whose customer-managed key cannot be relied on: the key is
 * missing, disabled, expired, not RSA or RSA-HSM, shorter than 2048 bits, or its Key Vault has soft delete
 * explicitly off or purge protection not on.
 *
 * <p>Only vaults that name a key are evaluated. ERROR ("key vault outside the scanned scope") when the key's
 * vault is not in the inventory, and when something the verdict needs was not collected and nothing already
 * fails. "Expired" compares {@code attributes.exp} (epoch seconds) with the injected clock.
 */
@Extension
public final class RsvCmkUnusableCheck implements Check {

    private static final String SOFT_DELETE = "/properties/enableSoftDelete";
    private static final String PURGE_PROTECTION = "/properties/enablePurgeProtection";
    private static final String ENABLED = "/properties/attributes/enabled";
    private static final String EXPIRES = "/properties/attributes/exp";
    private static final String KEY_TYPE_FIELD = "/properties/kty";
    private static final String KEY_SIZE = "/properties/keySize";
    private static final String KEY_URI_WITH_VERSION = "/properties/keyUriWithVersion";
    private static final Set<String> RSA_TYPES = Set.of("rsa", "rsa-hsm");
    private static final int MINIMUM_KEY_SIZE = 2048;

    static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("rsv_cmk_unusable")
            .title("Recovery Services vault customer-managed key is missing, disabled, expired or unprotected")
            .severity(Severity.CRITICAL)
            .service("recovery-services")
            .targetType(CustomerManagedKey.RSV_TYPE)
            .relatedType(CustomerManagedKey.KEY_VAULT_TYPE)
            .relatedType(CustomerManagedKey.KEY_TYPE)
            .relatedType(CustomerManagedKey.KEY_VERSION_TYPE)
            .description("For every Recovery Services vault that names a customer-managed key"
                    + " (properties.encryption.keyVaultProperties.keyUri), resolves the key URI to the Key Vault"
                    + " whose properties.vaultUri has that host and to its key of that name (case-insensitively),"
                    + " and fails when the key is absent (the vault's keys were collected), attributes.enabled is"
                    + " false, attributes.exp is in the past, kty is not RSA or RSA-HSM, keySize is below 2048, or"
                    + " the Key Vault has soft delete explicitly off or purge protection not on. ERROR (key vault"
                    + " outside the scanned scope) when the Key Vault is not in the scan; ERROR when the keys or"
                    + " attributes needed were not collected and nothing else fails.")
            .rationale("A vault encrypted with a customer-managed key can restore nothing without that key: disable"
                    + " the key, let it expire, delete it, or purge its vault, and every backup in the vault becomes"
                    + " unrecoverable at once, usually discovered only when a restore is needed. Azure Backup needs"
                    + " an RSA key of 2048 bits or more in a Key Vault with soft delete and purge protection on.")
            .remediation(Remediation.of("""
                    Make the key usable before anything needs restoring: re-enable a disabled key; give an \
                    expired key a new expiry date (or rotate it and point the vault at the versionless URI); \
                    recover a soft-deleted key or vault (az keyvault key recover / az keyvault recover); replace an \
                    unsupported key (EC, or RSA below 2048 bits) with an RSA or RSA-HSM key of 2048, 3072 or 4096 \
                    bits and update the vault's encryption settings to it; turn on purge protection and keep soft \
                    delete on in the Key Vault. Never delete or disable a key version while backups encrypted under \
                    it are retained.""")
                    .withOneLine("Make the key usable before anything needs restoring: enable it, extend its expiry, recover "
                            + "it, or replace an unsupported key.")
                    .withAzureCli("""
                            az keyvault key set-attributes --vault-name <key-vault> --name <key-name> --enabled true
                            az keyvault key set-attributes --vault-name <key-vault> --name <key-name> --expires <yyyy-mm-ddThh:mm:ssZ>
                            az keyvault key recover --vault-name <key-vault> --name <key-name>
                            az keyvault update --name <key-vault> --resource-group <key-vault-rg> --enable-purge-protection true
                            az keyvault key create --vault-name <key-vault> --name <new-key-name> --kty RSA --size 3072
                            az backup vault encryption update --name <vault> --resource-group <vault-rg> --encryption-key-id https://<key-vault>.vault.azure.net/keys/<new-key-name>""")
                    .withTerraform("""
                            resource "azurerm_key_vault" "backup_keys" {
                              purge_protection_enabled   = true
                              soft_delete_retention_days = 90
                            }

                            resource "azurerm_key_vault_key" "backup_cmk" {
                              name            = "<key-name>"
                              key_vault_id    = azurerm_key_vault.backup_keys.id
                              key_type        = "RSA"
                              key_size        = 3072
                              key_opts        = ["wrapKey", "unwrapKey"]
                              expiration_date = "<yyyy-mm-ddThh:mm:ssZ>"
                            }""")
                    .withAzurePolicy("0b60c0b2-2dc2-4e1c-b5c9-abbed971de53, 1e66c121-a66a-4b1f-9b83-0fd99bf0fc2d"))
            .reference("https://learn.microsoft.com/azure/backup/encryption-at-rest-with-cmk")
            .reference("https://learn.microsoft.com/azure/key-vault/keys/about-keys-details")
            .reference("https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview")
            .complianceId("NIST SP 800-53 R5 SC-12")
            .complianceId("MCSB DP-6")
            .build();

    private final Clock clock;

    @Inject
    public RsvCmkUnusableCheck(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

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
        CustomerManagedKey.Lookup<CustomerManagedKey> located = CustomerManagedKey.locate(recoveryVault, inventory, evidence);
        if (located.error().isPresent()) {
            return located.error().get();
        }
        CustomerManagedKey cmk = located.value().orElseThrow();
        Findings findings = new Findings();
        readKeyVault(cmk, findings, evidence);
        readKey(cmk, inventory, findings, evidence);

        String subject = CustomerManagedKey.subject(recoveryVault);
        String key = "key " + cmk.uri().keyName() + " in Key Vault " + cmk.keyVaultName();
        if (!findings.problems.isEmpty()) {
            return Verdict.fail(subject + " cannot rely on its customer-managed " + key + ": "
                    + String.join("; ", findings.problems) + unknownSuffix(findings), evidence.build());
        }
        if (!findings.unknowns.isEmpty()) {
            return Verdict.error(subject + ": whether its customer-managed " + key + " is usable cannot be told: "
                    + String.join("; ", findings.unknowns), evidence.build());
        }
        return Verdict.pass(subject + "'s customer-managed " + key + " is usable: " + String.join(", ", findings.good),
                evidence.build());
    }

    private static String unknownSuffix(Findings findings) {
        return findings.unknowns.isEmpty() ? "" : " (also not evaluated: " + String.join("; ", findings.unknowns) + ")";
    }

    private static void readKeyVault(CustomerManagedKey cmk, Findings findings, Evidence.Builder evidence) {
        Resource keyVault = cmk.keyVault();
        if (keyVault.nodeTypeAt("/properties") != JsonNodeType.OBJECT) {
            evidence.object(keyVault, "/properties");
            findings.unknowns.add("the properties of Key Vault " + keyVault.name() + " were not collected");
            return;
        }
        JsonNode softDelete = evidence.read(keyVault, SOFT_DELETE);
        if (isFalse(softDelete)) {
            findings.problems.add("Key Vault " + keyVault.name() + " has soft delete off");
        } else if (isTrue(softDelete)) {
            findings.good.add("soft delete on");
        } else if (softDelete.isMissingNode() || softDelete.isNull()) {
            findings.good.add("soft delete on (platform default)");
        } else {
            findings.unknowns.add("enableSoftDelete of Key Vault " + keyVault.name() + " is " + softDelete);
        }
        JsonNode purgeProtection = evidence.read(keyVault, PURGE_PROTECTION);
        if (isTrue(purgeProtection)) {
            findings.good.add("purge protection on");
        } else if (!purgeProtection.isMissingNode() && !purgeProtection.isNull() && !isFalse(purgeProtection)) {
            findings.unknowns.add("enablePurgeProtection of Key Vault " + keyVault.name() + " is " + purgeProtection);
        } else {
            findings.problems.add("Key Vault " + keyVault.name() + " has no purge protection (enablePurgeProtection "
                    + (purgeProtection.isMissingNode() ? "absent" : purgeProtection.toString()) + ")");
        }
    }

    private void readKey(CustomerManagedKey cmk, Inventory inventory, Findings findings, Evidence.Builder evidence) {
        Resource keyVault = cmk.keyVault();
        Coverage keys = inventory.coverage(CustomerManagedKey.KEY_TYPE, keyVault);
        if (!keys.collected()) {
            evidence.note(keyVault, "keys", "not collected (" + keys.reason() + ")");
            findings.unknowns.add("the keys of Key Vault " + keyVault.name() + " were not collected");
            return;
        }
        List<Resource> vaultKeys = inventory.childrenOf(keyVault, CustomerManagedKey.KEY_TYPE);
        Optional<Resource> found = vaultKeys.stream()
                .filter(key -> ResourceIds.lastSegment(key.id()).equalsIgnoreCase(cmk.uri().keyName()))
                .findFirst();
        if (found.isEmpty()) {
            evidence.note(keyVault, "key " + cmk.uri().keyName(), "not found among the " + vaultKeys.size()
                    + " collected keys of the vault");
            findings.problems.add("the key does not exist in the vault (deleted, or never created)");
            return;
        }
        Optional<Resource> version = keyVersion(cmk.uri(), found.get(), inventory, findings, evidence);
        version.ifPresent(attributes -> readAttributes(attributes, findings, evidence));
    }

    /**
     * The resource whose attributes describe the version the vault uses: the key itself for a versionless URI or
     * when the pinned version is the key's current one, else that version's own resource when key versions
     * were collected.
     */
    private static Optional<Resource> keyVersion(KeyVaultKeyUri uri, Resource key, Inventory inventory, Findings findings,
                                                 Evidence.Builder evidence) {
        if (uri.version().isEmpty()) {
            return Optional.of(key);
        }
        String pinned = uri.version().get();
        JsonNode current = evidence.read(key, KEY_URI_WITH_VERSION);
        Optional<String> currentVersion = KeyVaultKeyUri.parse(current.asText("")).flatMap(KeyVaultKeyUri::version);
        if (currentVersion.isPresent() && currentVersion.get().equalsIgnoreCase(pinned)) {
            return Optional.of(key);
        }
        Coverage versions = inventory.coverage(CustomerManagedKey.KEY_VERSION_TYPE, key);
        if (!versions.collected()) {
            evidence.note(key, "version " + pinned, "not the current version; key versions not collected ("
                    + versions.reason() + ")");
            findings.unknowns.add("the vault pins version " + pinned + ", which is not the key's current version,"
                    + " and key versions were not collected");
            return Optional.empty();
        }
        Optional<Resource> version = inventory.childrenOf(key, CustomerManagedKey.KEY_VERSION_TYPE).stream()
                .filter(candidate -> ResourceIds.lastSegment(candidate.id()).equalsIgnoreCase(pinned))
                .findFirst();
        if (version.isEmpty()) {
            evidence.note(key, "version " + pinned, "not found among the collected versions of the key");
            findings.problems.add("the pinned key version " + pinned + " does not exist");
        }
        return version;
    }

    private void readAttributes(Resource key, Findings findings, Evidence.Builder evidence) {
        if (key.nodeTypeAt("/properties") != JsonNodeType.OBJECT) {
            evidence.object(key, "/properties");
            findings.unknowns.add("the key's properties were not collected");
            return;
        }
        JsonNode enabled = evidence.read(key, ENABLED);
        if (isFalse(enabled)) {
            findings.problems.add("the key is disabled");
        } else if (isTrue(enabled)) {
            findings.good.add("enabled");
        } else {
            findings.unknowns.add("attributes.enabled is " + describe(enabled));
        }
        JsonNode expires = evidence.read(key, EXPIRES);
        if (expires.isNumber()) {
            Instant expiry = Instant.ofEpochSecond(expires.asLong());
            boolean passed = !expiry.isAfter(clock.instant());
            // whether it has passed, not when lensix looked: the evidence stays the same from one scan to the next
            evidence.note(key, "expiry", expiry + (passed ? " (passed)" : " (ahead)"));
            if (passed) {
                findings.problems.add("the key expired on " + expiry);
            } else {
                findings.good.add("expires " + expiry);
            }
        } else if (expires.isMissingNode() || expires.isNull()) {
            findings.good.add("no expiry");
        } else {
            findings.unknowns.add("attributes.exp is " + expires + ", not epoch seconds");
        }
        JsonNode keyType = evidence.read(key, KEY_TYPE_FIELD);
        boolean rsa = keyType.isTextual() && RSA_TYPES.contains(keyType.asText().strip().toLowerCase(Locale.ROOT));
        if (keyType.isTextual() && !rsa) {
            findings.problems.add("key type " + keyType.asText() + " is not RSA or RSA-HSM");
        } else if (!rsa) {
            findings.unknowns.add("kty is " + describe(keyType));
        }
        JsonNode keySize = evidence.read(key, KEY_SIZE);
        if (keySize.canConvertToInt() && keySize.isNumber()) {
            if (keySize.asInt() < MINIMUM_KEY_SIZE) {
                findings.problems.add("key size " + keySize.asInt() + " is below " + MINIMUM_KEY_SIZE + " bits");
            } else if (rsa) {
                findings.good.add(keyType.asText() + " " + keySize.asInt());
            }
        } else if (rsa) {
            findings.unknowns.add("keySize is " + describe(keySize));
        }
    }

    private static String describe(JsonNode node) {
        return node.isMissingNode() ? "absent" : node.toString();
    }

    private static boolean isTrue(JsonNode node) {
        return node.isBoolean() ? node.booleanValue() : node.isTextual() && node.asText().strip().equalsIgnoreCase("true");
    }

    private static boolean isFalse(JsonNode node) {
        return node.isBoolean() ? !node.booleanValue() : node.isTextual() && node.asText().strip().equalsIgnoreCase("false");
    }

    /** What the evaluation found, in reading order. */
    private static final class Findings {
        private final List<String> problems = new ArrayList<>();
        private final List<String> unknowns = new ArrayList<>();
        private final List<String> good = new ArrayList<>();
    }
}
