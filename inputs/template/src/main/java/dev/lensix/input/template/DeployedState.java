package dev.lensix.input.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lensix.policy.language.ExpressionException;
import dev.lensix.policy.language.PartlyKnown;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * What Resource Manager adds to a resource when it deploys it that other resources of the same template refer to:
 * a key's URI, a vault's URI, the principal of a managed identity. URIs follow from names; a principal's id or a
 * key's version is known only once deployed, so it gets a stand-in, the same wherever the template refers to it:
 * an access policy for {@code reference(vault, '...', 'Full').identity.principalId} names the vault's identity.
 *
 * <pre>{@code
 * DeployedState.complete(vault); // identity.principalId: "(known after deployment) principal of /subscriptions/.../vaults/rsv"
 * }</pre>
 */
final class DeployedState {

    /** The version a key will have, in the URI of a key the template creates. */
    static final String VERSION_KNOWN_AFTER_DEPLOYMENT = "versionknownafterdeployment";

    private DeployedState() {
    }

    /** The stand-in for the principal of the identity of {@code id} (a resource, or a user-assigned identity). */
    static String principal(String id) {
        return "(known after deployment) principal of " + ResourceNames.key(id);
    }

    static void complete(ObjectNode arm) {
        String id = arm.path("id").asText();
        String type = arm.path("type").asText().toLowerCase(Locale.ROOT);
        JsonNode identity = arm.path("identity");
        if (identity instanceof ObjectNode block) {
            String kind = block.path("type").asText("").toLowerCase(Locale.ROOT);
            if (kind.contains("systemassigned") && !block.has("principalId")) {
                block.put("principalId", principal(id));
            }
            if (block.path("userAssignedIdentities") instanceof ObjectNode assigned) {
                for (Iterator<Map.Entry<String, JsonNode>> it = assigned.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    ObjectNode one = entry.getValue() instanceof ObjectNode given ? given : assigned.putObject(entry.getKey());
                    if (!one.has("principalId")) {
                        one.put("principalId", principal(entry.getKey()));
                    }
                    entry.setValue(one);
                }
            }
        }
        ObjectNode properties = arm.path("properties") instanceof ObjectNode given ? given : null;
        switch (type) {
            case "microsoft.managedidentity/userassignedidentities" -> {
                ObjectNode props = properties != null ? properties : arm.putObject("properties");
                if (!props.has("principalId")) {
                    props.put("principalId", principal(id));
                }
            }
            case "microsoft.keyvault/vaults" -> {
                if (properties != null && !properties.has("vaultUri")) {
                    properties.put("vaultUri", "https://" + arm.path("name").asText() + ".vault.azure.net/");
                }
            }
            case "microsoft.keyvault/vaults/keys" -> {
                ObjectNode props = properties != null ? properties : arm.putObject("properties");
                String vault = ResourceNames.parentOf(id);
                String uri = "https://" + vault.substring(vault.lastIndexOf('/') + 1) + ".vault.azure.net/keys/"
                        + arm.path("name").asText();
                if (!props.has("keyUri")) {
                    props.put("keyUri", uri);
                }
                // a key is created enabled unless the template says otherwise, as Key Vault does
                ObjectNode attributes = props.path("attributes") instanceof ObjectNode given ? given : props.putObject("attributes");
                if (!attributes.has("enabled")) {
                    attributes.put("enabled", true);
                }
                if (!props.has("keyUriWithVersion")) {
                    props.put("keyUriWithVersion", uri + "/" + VERSION_KNOWN_AFTER_DEPLOYMENT);
                }
            }
            default -> {
                // nothing the template's own references read
            }
        }
    }

    /** {@code node} as a deployed value: members it lacks are known only at deployment. */
    static JsonNode view(ObjectNode node, String pointer, Map<String, String> notKnown, String owner) {
        Deployed view = new Deployed(pointer, notKnown, owner);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String child = pointer + "/" + member.getKey();
            view.set(member.getKey(), member.getValue() instanceof ObjectNode object
                    ? view(object, child, notKnown, owner) : member.getValue() instanceof ArrayNode array ? array.deepCopy()
                    : member.getValue());
        }
        return view;
    }

    /** An object of a deployed resource's state. */
    private static final class Deployed extends ObjectNode implements PartlyKnown {
        private final transient String pointer;
        private final transient Map<String, String> notKnown;
        private final transient String owner;

        Deployed(String pointer, Map<String, String> notKnown, String owner) {
            super(JsonNodeFactory.instance);
            this.pointer = pointer;
            this.notKnown = notKnown;
            this.owner = owner;
        }

        @Override
        public ExpressionException missing(String member) {
            for (Map.Entry<String, String> entry : notKnown.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(pointer + "/" + member)) {
                    return new KnownAtDeployment(entry.getValue());
                }
            }
            String path = (pointer + "/" + member).substring(1).replace('/', '.');
            return new KnownAtDeployment("known only at deployment: " + path + " of " + owner + " is set by Azure, not by"
                    + " the template");
        }

        @Override
        public boolean equals(Object other) {
            return super.equals(other);
        }

        @Override
        public int hashCode() {
            return super.hashCode();
        }
    }
}
