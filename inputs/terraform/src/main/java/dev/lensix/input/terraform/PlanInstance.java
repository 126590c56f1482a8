package dev.lensix.input.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One resource instance of a plan, as it will be after apply: its address ({@code module.backup.azurerm_key_vault.kv[0]}),
 * the module calls it is in, its type and name, its {@code count} or {@code for_each} key, and its attributes with what
 * is unknown until apply and what is sensitive, beside the configuration's expressions for it.
 *
 * <pre>{@code
 * instance.value("purge_protection_enabled");  // TfValue KNOWN true
 * instance.value("identity.0.principal_id");    // TfValue UNKNOWN: known only after apply
 * }</pre>
 *
 * @param address       the instance's full address
 * @param moduleAddress the address of the module instance it is in ({@code module.a["x"]}), "" for the root module
 * @param modulePath    the module call names from the root ({@code [a]}), where its configuration is
 * @param type          the resource type ({@code azurerm_key_vault})
 * @param name          the resource name in its module
 * @param index         its {@code count} index or {@code for_each} key, or a missing node
 * @param actions       the planned actions ({@code create}, {@code update}, {@code no-op}, ...)
 * @param planLine      the line of its change in the plan file
 * @param types         the Terraform types of the attributes its mapping reads ({@link TfType}), by path with
 *                      {@code *} for list indexes: a value of another type there is {@link TfValue.Kind#WRONG_TYPE}
 */
public record PlanInstance(String address, String moduleAddress, List<String> modulePath, String type, String name,
                           JsonNode index, List<String> actions, JsonNode after, JsonNode afterUnknown,
                           JsonNode afterSensitive, JsonNode expressions, int planLine, Map<String, TfType> types) {

    public PlanInstance {
        Objects.requireNonNull(address, "address");
        modulePath = List.copyOf(modulePath);
        actions = List.copyOf(actions);
        types = Map.copyOf(types);
    }

    /** The address inside its module without the instance key: {@code azurerm_key_vault.kv}. */
    public String localAddress() {
        return type + "." + name;
    }

    /** The attribute at a dotted path, block lists by index ({@code encryption.0.key_id}). */
    public TfValue value(String path) {
        String[] segments = path.split("\\.");
        if (flagged(afterSensitive, segments)) {
            return TfValue.SENSITIVE;
        }
        if (flagged(afterUnknown, segments)) {
            return TfValue.unknown(references(path));
        }
        JsonNode node = after;
        for (int i = 0; i < segments.length; i++) {
            if (node.isMissingNode() || node.isNull()) {
                return TfValue.ABSENT;
            }
            String segment = segments[i];
            String problem = node.isArray() ? (isIndex(segment) ? "" : "a list where Terraform writes an object")
                    : node.isObject() ? (isIndex(segment) && !node.has(segment) ? "an object where Terraform writes a list" : "")
                    : TfType.spelledOf(node) + " where Terraform writes a block or an object";
            if (!problem.isEmpty()) {
                return TfValue.wrongType(String.join(".", java.util.Arrays.copyOf(segments, i)) + " holds " + problem);
            }
            node = step(node, segment);
        }
        if (node.isMissingNode() || node.isNull()) {
            return TfValue.ABSENT;
        }
        TfType declared = types.isEmpty() ? null : types.get(typePath(path, segments));
        if (declared != null && !declared.fits(node)) {
            return TfValue.wrongType(path + " holds " + TfType.spelledOf(node) + " where Terraform writes " + declared.spelled());
        }
        return TfValue.known(node);
    }

    /** {@code encryption.0.key_id} as attribute types are declared: {@code encryption.*.key_id}. */
    private static String typePath(String path, String[] segments) {
        boolean indexed = false;
        for (String segment : segments) {
            indexed |= isIndex(segment);
        }
        if (!indexed) {
            return path;
        }
        StringBuilder typed = new StringBuilder();
        for (String segment : segments) {
            typed.append(typed.length() == 0 ? "" : ".").append(isIndex(segment) ? "*" : segment);
        }
        return typed.toString();
    }

    /** The references the configuration's expression for a path makes; empty when it is a constant or not set. */
    public List<String> references(String path) {
        String[] segments = path.split("\\.");
        // an element of a list (identity_ids.0) has no expression of its own: the list's is the one that refers
        for (int length = segments.length; length > 0; length--) {
            JsonNode expression = walk(expressions, java.util.Arrays.copyOf(segments, length));
            if (expression.has("references") || expression.has("constant_value")) {
                List<String> references = new ArrayList<>();
                expression.path("references").forEach(reference -> references.add(reference.asText()));
                return references;
            }
        }
        return List.of();
    }

    /** True when the mirror document ({@code after_unknown}, {@code after_sensitive}) is {@code true} on the way. */
    private static boolean flagged(JsonNode mirror, String[] segments) {
        JsonNode node = mirror;
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        for (String segment : segments) {
            node = step(node, segment);
            if (node.isBoolean()) {
                return node.booleanValue();
            }
            if (node.isMissingNode()) {
                return false;
            }
        }
        return false;
    }

    static JsonNode walk(JsonNode from, String[] segments) {
        JsonNode node = from;
        for (String segment : segments) {
            node = step(node, segment);
            if (node.isMissingNode()) {
                return node;
            }
        }
        return node;
    }

    private static JsonNode step(JsonNode node, String segment) {
        if (node.isObject()) {
            return node.path(segment);
        }
        if (node.isArray() && isIndex(segment)) {
            return node.path(Integer.parseInt(segment));
        }
        return MissingNode.getInstance();
    }

    /** True for a path segment that is a list index ({@code 0}, {@code 12}). */
    static boolean isIndex(String segment) {
        if (segment.isEmpty() || segment.length() > 9) {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            if (segment.charAt(i) < '0' || segment.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * True when the instance will not be managed by the plan once applied: destroyed without being created again, or
     * removed from the state ({@code forget}).
     */
    public boolean deleted() {
        return notManagedAfter(actions);
    }

    /** {@link #deleted} for a change's actions, before there is an instance. */
    static boolean notManagedAfter(List<String> actions) {
        return (actions.contains("delete") && !actions.contains("create")) || actions.equals(List.of("forget"));
    }
}
