package dev.lensix.plugins.recoveryservices;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Verdict;
import dev.lensix.api.resource.Resource;
import dev.lensix.api.resource.ResourceIds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The managed identity a Recovery Services vault uses to reach its customer-managed key
 * ({@code properties.encryption.kekIdentity}), and that identity's principal (object) id.
 *
 * <p>{@code useSystemAssignedIdentity: true} means the vault's system-assigned identity: {@code identity.type} must
 * include SystemAssigned, and its principal is {@code identity.principalId}. Otherwise
 * {@code userAssignedIdentity} names a user-assigned identity, which must be a key of
 * {@code identity.userAssignedIdentities} (ids compared case-insensitively); its principal is that entry's
 * {@code principalId}.
 *
 * @param description how messages name the identity ({@code system-assigned identity}, {@code user-assigned identity id-x})
 * @param principalId the identity's principal (object) id
 */
record KekIdentity(String description, String principalId) {

    private static final String KEK_IDENTITY = "/properties/encryption/kekIdentity";

    /**
     * Reads the KEK identity of {@code recoveryVault}.
     *
     * @return the identity, or a FAIL verdict (the vault does not have the identity it names, or names none) or an
     *         ERROR verdict (kekIdentity absent, principal id not in the data)
     */
    static CustomerManagedKey.Lookup<KekIdentity> read(Resource recoveryVault, Evidence.Builder evidence) {
        String subject = CustomerManagedKey.subject(recoveryVault);
        JsonNode kek = evidence.read(recoveryVault, KEK_IDENTITY);
        if (!kek.isObject()) {
            return CustomerManagedKey.Lookup.failed(Verdict.error(subject + ": properties.encryption.kekIdentity is "
                    + (kek.isMissingNode() ? "absent" : kek.toString()) + ", so which identity reaches the key cannot be told",
                    evidence.build()));
        }
        JsonNode useSystem = kek.path("useSystemAssignedIdentity");
        boolean system = useSystem.isBoolean() ? useSystem.booleanValue()
                : useSystem.isTextual() && useSystem.asText().strip().equalsIgnoreCase("true");
        if (system) {
            return systemAssigned(recoveryVault, subject, evidence);
        }
        JsonNode userAssigned = kek.path("userAssignedIdentity");
        if (userAssigned.isTextual() && !userAssigned.asText().isBlank()) {
            return userAssigned(recoveryVault, subject, userAssigned.asText().strip(), evidence);
        }
        return CustomerManagedKey.Lookup.failed(Verdict.fail(subject + ": its kekIdentity names no identity"
                + " (useSystemAssignedIdentity not true, no userAssignedIdentity), so nothing can reach the key",
                evidence.build()));
    }

    private static CustomerManagedKey.Lookup<KekIdentity> systemAssigned(Resource recoveryVault, String subject,
                                                                         Evidence.Builder evidence) {
        JsonNode type = evidence.read(recoveryVault, "/identity/type");
        boolean hasSystem = type.isTextual() && Arrays.stream(type.asText().split(","))
                .map(part -> part.strip().toLowerCase(Locale.ROOT))
                .anyMatch(part -> part.equals("systemassigned"));
        if (!hasSystem) {
            return CustomerManagedKey.Lookup.failed(Verdict.fail(subject + " reaches its key with its system-assigned"
                    + " identity (kekIdentity.useSystemAssignedIdentity true) but has none (identity.type "
                    + (type.isMissingNode() ? "absent" : type.toString()) + ")", evidence.build()));
        }
        JsonNode principal = evidence.read(recoveryVault, "/identity/principalId");
        if (!principal.isTextual() || principal.asText().isBlank()) {
            return CustomerManagedKey.Lookup.failed(Verdict.error(subject + ": the principal id of its system-assigned"
                    + " identity is not in the data, so its access to the key cannot be told", evidence.build()));
        }
        return CustomerManagedKey.Lookup.found(new KekIdentity("system-assigned identity", principal.asText().strip()));
    }

    private static CustomerManagedKey.Lookup<KekIdentity> userAssigned(Resource recoveryVault, String subject, String id,
                                                                       Evidence.Builder evidence) {
        String name = ResourceIds.lastSegment(id);
        JsonNode attached = recoveryVault.at("/identity/userAssignedIdentities");
        JsonNode entry = null;
        if (attached.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = attached.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (ResourceIds.key(field.getKey()).equals(ResourceIds.key(id))) {
                    entry = field.getValue();
                }
            }
        }
        if (entry == null) {
            evidence.read(recoveryVault, "/identity/type");
            evidence.note(recoveryVault, "identity.userAssignedIdentities", attached.isObject()
                    ? "attached: " + String.join(", ", fieldNames(attached)) : "absent");
            return CustomerManagedKey.Lookup.failed(Verdict.fail(subject + " reaches its key with user-assigned identity "
                    + name + " (kekIdentity.userAssignedIdentity), which is not attached to the vault", evidence.build()));
        }
        JsonNode principal = entry.path("principalId");
        evidence.note(recoveryVault, "identity.userAssignedIdentities[" + id + "].principalId",
                principal.isMissingNode() ? "(absent)" : principal.toString());
        if (!principal.isTextual() || principal.asText().isBlank()) {
            return CustomerManagedKey.Lookup.failed(Verdict.error(subject + ": the principal id of user-assigned identity "
                    + name + " is not in the data, so its access to the key cannot be told", evidence.build()));
        }
        return CustomerManagedKey.Lookup.found(new KekIdentity("user-assigned identity " + name, principal.asText().strip()));
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** {@code system-assigned identity (principal 3f91...)}. */
    String describe() {
        return description + " (principal " + principalId + ")";
    }
}
