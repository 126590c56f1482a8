package dev.lensix.plugins.keyvault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Verdict;
import dev.lensix.api.resource.Resource;
import dev.lensix.api.resource.ResourceIds;

import java.util.Optional;

/** The ARM types the Key Vault checks read, and the reading rules they share. */
final class KeyVaultResources {

    static final String VAULT_TYPE = "Microsoft.KeyVault/vaults";
    static final String KEY_TYPE = "Microsoft.KeyVault/vaults/keys";
    static final String DIAGNOSTIC_SETTING_TYPE = "Microsoft.Insights/diagnosticSettings";
    static final String RECOVERY_VAULT_TYPE = "Microsoft.RecoveryServices/vaults";
    static final String SERVICE = "key-vault";

    private KeyVaultResources() {
    }

    /**
     * ERROR when {@code resource} came without its {@code properties} object, as the generic
     * {@code /resources} listing returns it: nothing about its settings can be told from that.
     */
    static Optional<Verdict> propertiesNotCollected(Resource resource, String subject, Evidence.Builder evidence) {
        if (resource.nodeTypeAt("/properties") == JsonNodeType.OBJECT) {
            return Optional.empty();
        }
        evidence.object(resource, "/properties");
        return Optional.of(Verdict.error(subject + ": its properties were not collected (a generic resource listing"
                + " returns none), so its settings cannot be evaluated", evidence.build()));
    }

    /** The name of the vault a key belongs to, from the key's id. */
    static String vaultNameOf(Resource key) {
        return key.parentId().map(ResourceIds::lastSegment).orElse("(unknown vault)");
    }

    /** True for {@code true} and {@code "true"} (any casing), the forms ARM exports use. */
    static boolean isTrue(JsonNode node) {
        return node.isBoolean() ? node.booleanValue() : node.isTextual() && node.asText().strip().equalsIgnoreCase("true");
    }

    /** True for {@code false} and {@code "false"} (any casing). */
    static boolean isFalse(JsonNode node) {
        return node.isBoolean() ? !node.booleanValue() : node.isTextual() && node.asText().strip().equalsIgnoreCase("false");
    }

    /** A non-blank string, stripped; empty otherwise. */
    static Optional<String> nonBlank(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText().strip()) : Optional.empty();
    }
}
