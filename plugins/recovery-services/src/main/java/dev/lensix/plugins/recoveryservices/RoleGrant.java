package dev.lensix.plugins.recoveryservices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.lensix.api.check.Evidence;
import dev.lensix.api.resource.Coverage;
import dev.lensix.api.resource.Inventory;
import dev.lensix.api.resource.Presence;
import dev.lensix.api.resource.Resource;
import dev.lensix.api.resource.ResourceIds;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether Azure RBAC gives a principal key read, wrap and unwrap on one Key Vault key.
 *
 * <p>A role assignment ({@code Microsoft.Authorization/roleAssignments}) counts when its
 * {@code properties.principalId} is the principal (case-insensitive) and its {@code properties.scope} (or, when
 * absent, the part of its id before {@code /providers/Microsoft.Authorization/roleAssignments}) is the key, its
 * vault, or a parent of them: the scope's segments are a prefix of the key's id, whole segments, compared
 * case-insensitively ({@link ResourceIds#isWithin}). Its role grants access when {@code properties.roleDefinitionId}
 * ends in the GUID of a built-in role that does (Key Vault Crypto Service Encryption User, Crypto User, Crypto
 * Officer, Administrator), or names a collected role definition whose {@code permissions[]} data actions, less
 * their not-data-actions, cover all of {@code Microsoft.KeyVault/vaults/keys/read}, {@code .../keys/wrap/action}
 * and {@code .../keys/unwrap/action} (wildcards allowed, any casing).
 *
 * <p>An assignment at a management group scope cannot be placed above the vault from ids alone: when its role
 * could grant access and nothing else does, the answer is unknown (ERROR), not FAIL. Deny assignments and ABAC
 * conditions are not evaluated (a condition is shown in the evidence).
 */
final class RoleGrant {

    static final Map<String, String> BUILT_IN_ROLES = Map.of(
            "e147488a-f6f5-4113-8e2d-b22465e65bf6", "Key Vault Crypto Service Encryption User",
            "12338af0-0e69-4776-bea7-57ae8d297424", "Key Vault Crypto User",
            "14b46e9e-c2b7-41b4-b07b-48a6ebf60603", "Key Vault Crypto Officer",
            "00482a5a-887f-4fb3-b363-3b7fe8e74483", "Key Vault Administrator");
    static final List<String> REQUIRED_DATA_ACTIONS = List.of(
            "Microsoft.KeyVault/vaults/keys/read",
            "Microsoft.KeyVault/vaults/keys/wrap/action",
            "Microsoft.KeyVault/vaults/keys/unwrap/action");
    private static final String ASSIGNMENT_PROVIDER = "/providers/microsoft.authorization/roleassignments/";
    private static final String MANAGEMENT_GROUPS = "/providers/microsoft.management/managementgroups/";

    /** What the role assignments say. */
    enum Outcome { GRANTED, NOT_GRANTED, UNKNOWN }

    /**
     * @param outcome granted, not granted, or cannot be told from the data
     * @param detail  for the message: the granting role and scope, or why it cannot be told
     */
    record Decision(Outcome outcome, String detail) {
    }

    private RoleGrant() {
    }

    /** Decides from the collected role assignments (the caller checked they were collected). */
    static Decision decide(String principalId, String keyId, Resource keyVault, Inventory inventory,
                           Evidence.Builder evidence) {
        List<String> unknown = new ArrayList<>();
        int considered = 0;
        List<Resource> ofPrincipal = inventory.derived(ASSIGNMENTS_BY_PRINCIPAL, RoleGrant::assignmentsByPrincipal)
                .getOrDefault(principalId.toLowerCase(Locale.ROOT), List.of());
        for (Resource assignment : ofPrincipal) {
            String scope = scopeOf(assignment);
            boolean managementGroup = scope.toLowerCase(Locale.ROOT).startsWith(MANAGEMENT_GROUPS);
            if (!managementGroup && !ResourceIds.isWithin(keyId, scope)) {
                continue;
            }
            considered++;
            evidence.read(assignment, "/properties/scope");
            JsonNode definitionId = evidence.read(assignment, "/properties/roleDefinitionId");
            JsonNode condition = assignment.at("/properties/condition");
            if (!condition.isMissingNode() && !condition.isNull()) {
                evidence.read(assignment, "/properties/condition");
            }
            String guid = ResourceIds.lastSegment(definitionId.asText("")).toLowerCase(Locale.ROOT);
            Grant grant = grantOf(guid, assignment, keyVault, inventory, evidence);
            if (grant.grants() == Outcome.NOT_GRANTED) {
                continue;
            }
            if (managementGroup) {
                unknown.add("role assignment " + assignment.name() + " (" + grant.role() + ") is at management group "
                        + ResourceIds.lastSegment(scope) + ", which cannot be placed above the vault from ids alone");
            } else if (grant.grants() == Outcome.UNKNOWN) {
                unknown.add("role definition " + guid + " of assignment " + assignment.name()
                        + " was not collected, so what it grants cannot be read");
            } else {
                return new Decision(Outcome.GRANTED, "role " + grant.role() + " at " + describeScope(scope, keyVault));
            }
        }
        long unreadable = inventory.derived(UNREADABLE_ASSIGNMENTS, RoleGrant::unreadableAssignments);
        if (unreadable > 0) {
            evidence.note(keyVault, "roleAssignments", unreadable + " role assignment(s) in the inputs without a readable"
                    + " properties.principalId");
            unknown.add(unreadable + " role assignment(s) were exported without a readable principalId, so whether one"
                    + " of them grants the key cannot be told");
        }
        if (!unknown.isEmpty()) {
            return new Decision(Outcome.UNKNOWN, String.join("; ", unknown));
        }
        evidence.note(keyVault, "roleAssignments", considered + " assignment(s) of principal " + principalId
                + " at the key, the vault or above; none grants key read, wrap and unwrap");
        return new Decision(Outcome.NOT_GRANTED, considered == 0
                ? "no role assignment at the key, the vault or a parent scope"
                : "none of its " + considered + " role assignment(s) at the key, the vault or above grants key read,"
                + " wrap and unwrap");
    }

    private static final Object ASSIGNMENTS_BY_PRINCIPAL = new Object();
    private static final Object UNREADABLE_ASSIGNMENTS = new Object();

    /** How many role assignments name no principal the export makes known: any of them might grant the key. */
    private static long unreadableAssignments(Inventory inventory) {
        return inventory.ofType(CustomerManagedKey.ROLE_ASSIGNMENT_TYPE).stream()
                .filter(assignment -> assignment.locate("/properties/principalId").presence() != Presence.PRESENT
                        || !assignment.at("/properties/principalId").isTextual())
                .count();
    }

    /**
     * Role assignments by their lower-cased {@code properties.principalId}, in id order: built once per scan rather
     * than going through every assignment for every Recovery Services vault.
     */
    private static Map<String, List<Resource>> assignmentsByPrincipal(Inventory inventory) {
        Map<String, List<Resource>> byPrincipal = new HashMap<>();
        for (Resource assignment : inventory.ofType(CustomerManagedKey.ROLE_ASSIGNMENT_TYPE)) {
            assignment.text("/properties/principalId").ifPresent(id -> byPrincipal
                    .computeIfAbsent(id.strip().toLowerCase(Locale.ROOT), key -> new ArrayList<>()).add(assignment));
        }
        byPrincipal.replaceAll((key, list) -> List.copyOf(list));
        return Map.copyOf(byPrincipal);
    }

    /**
     * @param role   the role's name, or its GUID when unknown
     * @param grants whether it grants key read, wrap and unwrap
     */
    private record Grant(String role, Outcome grants) {
    }

    private static Grant grantOf(String guid, Resource assignment, Resource keyVault, Inventory inventory,
                                 Evidence.Builder evidence) {
        String builtIn = BUILT_IN_ROLES.get(guid);
        if (builtIn != null) {
            evidence.note(assignment, "role", builtIn + " (built-in; grants key read, wrap and unwrap)");
            return new Grant(builtIn, Outcome.GRANTED);
        }
        Coverage definitions = inventory.coverage(CustomerManagedKey.ROLE_DEFINITION_TYPE, keyVault);
        if (!definitions.collected()) {
            evidence.note(assignment, "role", "definition " + guid + " not collected (" + definitions.reason() + ")");
            return new Grant(guid, Outcome.UNKNOWN);
        }
        Optional<Resource> definition = inventory.ofType(CustomerManagedKey.ROLE_DEFINITION_TYPE).stream()
                .filter(candidate -> ResourceIds.lastSegment(candidate.id()).equalsIgnoreCase(guid))
                .findFirst();
        if (definition.isEmpty()) {
            evidence.note(assignment, "role", "definition " + guid
                    + " not among the collected role definitions; treated as granting nothing on keys");
            return new Grant(guid, Outcome.NOT_GRANTED);
        }
        JsonNode permissions = evidence.array(definition.get(), "/properties/permissions").orElse(MissingNode.getInstance());
        String roleName = definition.get().text("/properties/roleName").orElse(guid);
        if (grantsKeyUse(permissions)) {
            evidence.note(definition.get(), "role", roleName + " grants " + String.join(", ", REQUIRED_DATA_ACTIONS));
            return new Grant(roleName, Outcome.GRANTED);
        }
        evidence.note(definition.get(), "role", roleName + " does not grant all of " + String.join(", ", REQUIRED_DATA_ACTIONS));
        return new Grant(roleName, Outcome.NOT_GRANTED);
    }

    /** True when the permission blocks together allow every required data action. */
    static boolean grantsKeyUse(JsonNode permissions) {
        if (!permissions.isArray()) {
            return false;
        }
        for (String action : REQUIRED_DATA_ACTIONS) {
            boolean allowed = false;
            for (JsonNode block : permissions) {
                if (matchesAny(block.path("dataActions"), action) && !matchesAny(block.path("notDataActions"), action)) {
                    allowed = true;
                    break;
                }
            }
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesAny(JsonNode patterns, String action) {
        if (!patterns.isArray()) {
            return false;
        }
        for (JsonNode pattern : patterns) {
            if (pattern.isTextual() && wildcard(pattern.asText().strip()).matcher(action).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern wildcard(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }

    /** {@code properties.scope}, or the assignment id's part before the roleAssignments provider. */
    static String scopeOf(Resource assignment) {
        Optional<String> scope = assignment.text("/properties/scope").filter(text -> !text.isBlank());
        if (scope.isPresent()) {
            return scope.get().strip();
        }
        int at = assignment.id().toLowerCase(Locale.ROOT).indexOf(ASSIGNMENT_PROVIDER);
        return at < 0 ? "" : at == 0 ? "/" : assignment.id().substring(0, at);
    }

    private static String describeScope(String scope, Resource keyVault) {
        if (ResourceIds.key(scope).equals(keyVault.key())) {
            return "the Key Vault";
        }
        if (ResourceIds.isWithin(scope, keyVault.id())) {
            return "the key";
        }
        return "scope " + scope;
    }
}
