package dev.lensix.plugins.recoveryservices;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Verdict;
import dev.lensix.api.resource.Coverage;
import dev.lensix.api.resource.Inventory;
import dev.lensix.api.resource.KeyVaultKeyUri;
import dev.lensix.api.resource.Resource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The customer-managed key a Recovery Services vault names in {@code properties.encryption.keyVaultProperties.keyUri},
 * and the Key Vault that holds it: the vault in the inventory whose {@code properties.vaultUri} has the key URI's
 * host (case-insensitive, port and trailing slash ignored). The {@code rsv_cmk_*} checks apply only to vaults that
 * name a key.
 *
 * @param uri      the parsed key URI
 * @param keyVault the Key Vault that holds it
 */
record CustomerManagedKey(KeyVaultKeyUri uri, Resource keyVault) {

    static final String RSV_TYPE = "Microsoft.RecoveryServices/vaults";
    static final String KEY_VAULT_TYPE = KeyVaultKeyUri.VAULT_TYPE;
    static final String KEY_TYPE = "Microsoft.KeyVault/vaults/keys";
    static final String KEY_VERSION_TYPE = "Microsoft.KeyVault/vaults/keys/versions";
    static final String ROLE_ASSIGNMENT_TYPE = "Microsoft.Authorization/roleAssignments";
    static final String ROLE_DEFINITION_TYPE = "Microsoft.Authorization/roleDefinitions";
    static final String KEY_URI = "/properties/encryption/keyVaultProperties/keyUri";

    /** True when the vault names a key (a non-blank {@code keyUri}): the only vaults the CMK checks evaluate. */
    static boolean isNamedBy(Resource recoveryVault) {
        return recoveryVault.text(KEY_URI).filter(uri -> !uri.isBlank()).isPresent();
    }

    /** "Recovery Services vault NAME", how messages start. */
    static String subject(Resource recoveryVault) {
        return "Recovery Services vault " + recoveryVault.name();
    }

    /**
     * Reads the key URI into {@code evidence} and parses it.
     *
     * @return the URI, or an ERROR verdict when it is not a Key Vault key URI
     */
    static Lookup<KeyVaultKeyUri> parse(Resource recoveryVault, Evidence.Builder evidence) {
        JsonNode keyUri = evidence.read(recoveryVault, KEY_URI);
        Optional<KeyVaultKeyUri> uri = KeyVaultKeyUri.parse(keyUri.asText(""));
        if (uri.isEmpty()) {
            return Lookup.failed(Verdict.error(subject(recoveryVault) + ": its keyUri " + keyUri
                    + " is not a Key Vault key URI (https://<vault>.vault.azure.net/keys/<name>[/<version>]), so the"
                    + " key cannot be found", evidence.build()));
        }
        return Lookup.found(uri.get());
    }

    private static final Object KEY_VAULTS_BY_NAME = new Object();

    /** Key Vaults by lower-cased name, in id order: built once per scan, not searched for every Recovery Services vault. */
    private static Map<String, List<Resource>> keyVaultsByName(Inventory inventory) {
        Map<String, List<Resource>> byName = new HashMap<>();
        for (Resource vault : inventory.ofType(KEY_VAULT_TYPE)) {
            byName.computeIfAbsent(vault.name().toLowerCase(Locale.ROOT), name -> new ArrayList<>()).add(vault);
        }
        byName.replaceAll((name, vaults) -> List.copyOf(vaults));
        return Map.copyOf(byName);
    }

    /**
     * Parses the key URI and finds the Key Vault that holds the key.
     *
     * @return the key and its vault, or an ERROR verdict: the URI is not a key URI, the key is in a Managed HSM,
     *         Key Vaults were not collected, a vault of that name was collected without its vaultUri, or the key
     *         vault is outside the scanned scope
     */
    static Lookup<CustomerManagedKey> locate(Resource recoveryVault, Inventory inventory, Evidence.Builder evidence) {
        Lookup<KeyVaultKeyUri> parsed = parse(recoveryVault, evidence);
        if (parsed.error().isPresent()) {
            return Lookup.failed(parsed.error().get());
        }
        KeyVaultKeyUri uri = parsed.value().orElseThrow();
        String subject = subject(recoveryVault);
        if (uri.isManagedHsm()) {
            evidence.note(recoveryVault, "keyVault", "Managed HSM " + uri.host() + ": not read by lensix");
            return Lookup.failed(Verdict.error(subject + ": its key " + uri.keyName() + " is in Managed HSM "
                    + uri.host() + ", which lensix does not read, so the key cannot be evaluated", evidence.build()));
        }
        Optional<Resource> keyVault = inventory.keyVaultFor(uri);
        if (keyVault.isEmpty()) {
            Coverage vaults = inventory.coverage(KEY_VAULT_TYPE, recoveryVault);
            if (!vaults.collected()) {
                evidence.note(recoveryVault, "keyVault", "Key Vaults not collected (" + vaults.reason() + ")");
                return Lookup.failed(Verdict.error(subject + ": Key Vaults were not collected, so its key "
                        + uri.keyName() + " in " + uri.host() + " cannot be evaluated", evidence.build()));
            }
            Optional<Resource> bare = inventory.derived(KEY_VAULTS_BY_NAME, CustomerManagedKey::keyVaultsByName)
                    .getOrDefault(uri.vaultName().toLowerCase(Locale.ROOT), List.of()).stream()
                    .filter(vault -> vault.text("/properties/vaultUri").flatMap(KeyVaultKeyUri::vaultHost).isEmpty())
                    .findFirst();
            if (bare.isPresent()) {
                evidence.text(bare.get(), "/properties/vaultUri");
                return Lookup.failed(Verdict.error(subject + ": Key Vault " + bare.get().name() + ", which by its name"
                        + " may hold its key " + uri.keyName() + ", was collected without its properties"
                        + " (properties.vaultUri), so the key cannot be evaluated", evidence.build()));
            }
            evidence.note(recoveryVault, "keyVault", "no Key Vault in the inventory has the host " + uri.host());
            return Lookup.failed(Verdict.error(subject + ": key vault outside the scanned scope: no scanned Key Vault"
                    + " has the host " + uri.host() + " of its key " + uri.keyName(), evidence.build()));
        }
        evidence.note(recoveryVault, "keyVault", keyVault.get().id());
        return Lookup.found(new CustomerManagedKey(uri, keyVault.get()));
    }

    /** The id the key has as an ARM resource: {@code <key vault id>/keys/<name>}, the scope RBAC checks use. */
    String keyId() {
        return keyVault.id() + "/keys/" + uri.keyName();
    }

    String keyVaultName() {
        return keyVault.name();
    }

    /**
     * A value found, or the ERROR verdict that says why not.
     *
     * @param value what was found
     * @param error the verdict to return instead
     */
    record Lookup<T>(Optional<T> value, Optional<Verdict> error) {

        static <T> Lookup<T> found(T value) {
            return new Lookup<>(Optional.of(value), Optional.empty());
        }

        static <T> Lookup<T> failed(Verdict error) {
            return new Lookup<>(Optional.empty(), Optional.of(error));
        }
    }
}
