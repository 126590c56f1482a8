package dev.lensix.plugins.keyvault;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lensix.api.check.Check;
import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Field;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.lensix.api.check.Remediation;
import dev.lensix.api.check.Severity;
import dev.lensix.api.check.Verdict;
import dev.lensix.api.resource.Inventory;
import dev.lensix.api.resource.Resource;
import org.pf4j.Extension;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code kv_key_norotation}: a Key Vault key whose rotation policy does not rotate it automatically.
 *
 * <p>PASS when {@code properties.rotationPolicy.lifetimeActions} has an entry whose {@code action.type} is rotate
 * (any casing: the data plane says {@code Rotate}, several management-plane versions {@code rotate}) with a
 * {@code trigger.timeAfterCreate} or {@code trigger.timeBeforeExpiry}. FAIL for no policy or a notify-only one.
 */
@Extension
public final class KvKeyNoRotationCheck implements Check {

    private static final String ROTATION_POLICY = "/properties/rotationPolicy";
    private static final String LIFETIME_ACTIONS = ROTATION_POLICY + "/lifetimeActions";
    private static final String[] TRIGGERS = {"timeAfterCreate", "timeBeforeExpiry"};

    static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("kv_key_norotation")
            .title("Key Vault key without automatic rotation")
            .severity(Severity.MEDIUM)
            .service(KeyVaultResources.SERVICE)
            .targetType(KeyVaultResources.KEY_TYPE)
            .description("Finds Key Vault keys whose rotation policy does not rotate them: no"
                    + " properties.rotationPolicy, or lifetimeActions without an action of type rotate (any casing)"
                    + " that has a trigger (timeAfterCreate or timeBeforeExpiry). A notify-only policy only sends an"
                    + " event near expiry and fails.")
            .rationale("A customer-managed key that is never rotated protects ever more data under one key version,"
                    + " for years, and eventually expires: once a backup key expires, the backup service can no"
                    + " longer wrap or unwrap with it. Automatic rotation creates a new version on schedule, and a"
                    + " Recovery Services vault pointed at the versionless key URI follows it without any change"
                    + " (see rsv_cmk_pinned); old versions stay available to decrypt older backups.")
            .remediation(Remediation.of("""
                    Give the key a rotation policy with a rotate action, triggered a fixed time after creation \
                    (for example P180D) or before expiry (for example P30D), and an expiry for new versions. Point \
                    the services that use the key at its versionless URI so that they follow the rotation. Never \
                    disable or delete older versions while backups encrypted under them are retained.""")
                    .withOneLine("Give the key a rotation policy that rotates it automatically (for example 180 days after "
                            + "creation) and sets an expiry for new versions.")
                    .withAzureCli("""
                            az keyvault key rotation-policy update --vault-name <key-vault> --name <key-name> --value '{"lifetimeActions":[{"trigger":{"timeAfterCreate":"P180D"},"action":{"type":"Rotate"}},{"trigger":{"timeBeforeExpiry":"P30D"},"action":{"type":"Notify"}}],"attributes":{"expiryTime":"P1Y"}}'
                            az keyvault key rotation-policy show --vault-name <key-vault> --name <key-name>""")
                    .withTerraform("""
                            resource "azurerm_key_vault_key" "backup_cmk" {
                              name         = "<key-name>"
                              key_vault_id = azurerm_key_vault.backup_keys.id
                              key_type     = "RSA"
                              key_size     = 3072
                              key_opts     = ["wrapKey", "unwrapKey"]

                              rotation_policy {
                                automatic {
                                  time_after_creation = "P180D"
                                }
                                expire_after         = "P1Y"
                                notify_before_expiry = "P30D"
                              }
                            }""")
                    .withAzurePolicy("d8cf8476-a2ec-4916-896e-992351803c44"))
            .reference("https://learn.microsoft.com/azure/key-vault/keys/how-to-configure-key-rotation")
            .reference("https://learn.microsoft.com/azure/backup/encryption-at-rest-with-cmk")
            .reference("https://www.azadvertizer.net/azpolicyadvertizer/d8cf8476-a2ec-4916-896e-992351803c44.html")
            .complianceId("CIS Azure 6.0 8.3.9")
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Verdict evaluate(Resource key, Inventory inventory) {
        Evidence.Builder evidence = Evidence.builder();
        String subject = "key " + key.name() + " in Key Vault " + KeyVaultResources.vaultNameOf(key);
        Optional<Verdict> notCollected = KeyVaultResources.propertiesNotCollected(key, capitalized(subject), evidence);
        if (notCollected.isPresent()) {
            return notCollected.get();
        }
        JsonNode actions = evidence.array(key, LIFETIME_ACTIONS).orElse(MissingNode.getInstance());
        if (actions.isEmpty()) {
            boolean noPolicy = key.nodeTypeAt(ROTATION_POLICY) == JsonNodeType.MISSING
                    || key.nodeTypeAt(ROTATION_POLICY) == JsonNodeType.NULL;
            return Verdict.fail(capitalized(subject) + (noPolicy
                    ? " has no rotation policy: it is never rotated automatically"
                    : " has a rotation policy without lifetime actions: it is never rotated automatically"),
                    evidence.build());
        }
        List<String> others = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            String pointer = LIFETIME_ACTIONS + "/" + i;
            JsonNode action = objectOrEmpty(actions.get(i), key, pointer, evidence);
            String type = objectOrEmpty(action.path("action"), key, pointer + "/action", evidence)
                    .path("type").asText("").strip();
            Optional<String> trigger = trigger(objectOrEmpty(action.path("trigger"), key, pointer + "/trigger", evidence));
            if (type.equalsIgnoreCase("rotate") && trigger.isPresent()) {
                return Verdict.pass(capitalized(subject) + " rotates automatically (" + type + ", " + trigger.get() + ")",
                        evidence.build());
            }
            others.add((type.isEmpty() ? "an action without type" : type) + trigger.map(t -> " " + t).orElse(" without trigger"));
        }
        return Verdict.fail(capitalized(subject) + " is never rotated automatically: its rotation policy only has "
                + String.join(", ", others), evidence.build());
    }

    /** The object itself, an empty node when absent or null; anything else inside the policy is not known. */
    private static JsonNode objectOrEmpty(JsonNode node, Resource key, String pointer, Evidence.Builder evidence) {
        if (node.isMissingNode() || node.isNull()) {
            return MissingNode.getInstance();
        }
        if (!node.isObject()) {
            throw evidence.notKnown(key, pointer, Resource.kindOf(node) + " where ARM returns an object");
        }
        return node;
    }

    private static Optional<String> trigger(JsonNode trigger) {
        for (String name : TRIGGERS) {
            Optional<String> value = KeyVaultResources.nonBlank(trigger.path(name));
            if (value.isPresent()) {
                return Optional.of(name + " " + value.get());
            }
        }
        return Optional.empty();
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
