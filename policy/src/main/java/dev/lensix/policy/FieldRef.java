package dev.lensix.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.lensix.api.resource.CutShort;
import dev.lensix.api.resource.Resource;
import dev.lensix.api.resource.ResourceIds;
import dev.lensix.policy.language.ExpressionException;
import dev.lensix.policy.language.Values;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A {@code field} of a policy rule, resolved to ARM JSON: {@code type}, {@code name}, {@code fullName},
 * {@code kind}, {@code location}, {@code id}, {@code identity.type}, {@code tags}, a tag, or a property alias.
 *
 * <p>An alias {@code Microsoft.X/y/a.b} is read at {@code properties.a.b} of a resource of type
 * {@code Microsoft.X/y}. When its first segment is a top-level ARM member ({@code sku}, {@code identity},
 * {@code plan}, {@code zones}, {@code kind}, {@code extendedLocation}, {@code managedBy}) and the resource has
 * that member, it is read there instead ({@code Microsoft.Storage/storageAccounts/sku.name} is {@code sku.name};
 * Key Vault keeps its sku in {@code properties.sku}). {@code [*]} selects every element of an array; a plain
 * segment that meets an array (a legacy alias such as {@code Microsoft.Insights/diagnosticSettings/logs.enabled},
 * whose Azure path is {@code properties.logs[*].enabled}) is read as if it had {@code [*]}.
 */
final class FieldRef {

    enum Kind { TYPE, NAME, FULL_NAME, KIND, LOCATION, ID, IDENTITY_TYPE, TAGS, TAG, ALIAS }

    /** Alias segments that name top-level ARM members rather than properties. */
    static final Set<String> TOP_LEVEL = Set.of("sku", "identity", "plan", "zones", "kind", "extendedlocation", "managedby");

    record Step(String name, boolean wildcard) {
    }

    /** What a field selects in one resource: one value, or a collection when it goes through an array. */
    record Selection(List<JsonNode> values, boolean collection, String path, String pointer) {
    }

    private final Kind kind;
    private final String text;
    private final String tag;
    private final String aliasType;
    private final List<Step> steps;

    private FieldRef(Kind kind, String text, String tag, String aliasType, List<Step> steps) {
        this.kind = kind;
        this.text = text;
        this.tag = tag;
        this.aliasType = aliasType;
        this.steps = steps;
    }

    /**
     * @param types the resource types whose aliases may appear here
     * @throws IllegalArgumentException naming what is wrong with the field
     */
    static FieldRef parse(String text, Collection<String> types) {
        String field = text.strip();
        String lower = field.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "type" -> {
                return simple(Kind.TYPE, field);
            }
            case "name" -> {
                return simple(Kind.NAME, field);
            }
            case "fullname" -> {
                return simple(Kind.FULL_NAME, field);
            }
            case "kind" -> {
                return simple(Kind.KIND, field);
            }
            case "location" -> {
                return simple(Kind.LOCATION, field);
            }
            case "id" -> {
                return simple(Kind.ID, field);
            }
            case "identity.type" -> {
                return simple(Kind.IDENTITY_TYPE, field);
            }
            case "tags" -> {
                return simple(Kind.TAGS, field);
            }
            default -> {
                // an alias or a tag, below
            }
        }
        if (lower.startsWith("tags.") && field.length() > 5) {
            return new FieldRef(Kind.TAG, field, field.substring(5), null, List.of());
        }
        if (lower.startsWith("tags[") && field.endsWith("]")) {
            return new FieldRef(Kind.TAG, field, tagName(field.substring(5, field.length() - 1)), null, List.of());
        }
        String type = null;
        for (String candidate : types) {
            if (lower.startsWith(candidate.toLowerCase(Locale.ROOT) + "/")
                    && (type == null || candidate.length() > type.length())) {
                type = candidate;
            }
        }
        if (type == null) {
            if (field.contains("/")) {
                throw new IllegalArgumentException("alias '" + field + "' is not an alias of "
                        + (types.size() == 1 ? "the type the rule evaluates here, " : "the types the rule evaluates here, ")
                        + String.join(", ", types) + " (lensix reads an alias Microsoft.X/y/a.b at properties.a.b of"
                        + " a Microsoft.X/y resource)");
            }
            throw new IllegalArgumentException("field '" + field + "' is not supported: use type, name, fullName, kind,"
                    + " location, id, identity.type, tags, tags['name'] or a property alias");
        }
        return new FieldRef(Kind.ALIAS, field, null, type, steps(field, field.substring(type.length() + 1)));
    }

    private static FieldRef simple(Kind kind, String text) {
        return new FieldRef(kind, text, null, null, List.of());
    }

    /** {@code 'a.b'}, {@code '''quoted'''} (quotes doubled inside) or a bare name. */
    private static String tagName(String inside) {
        String name = inside.strip();
        if (name.length() >= 2 && name.startsWith("'") && name.endsWith("'")) {
            name = name.substring(1, name.length() - 1).replace("''", "'");
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("field 'tags[" + inside + "]' names no tag");
        }
        return name;
    }

    private static List<Step> steps(String alias, String path) {
        List<Step> steps = new ArrayList<>();
        for (String segment : path.split("\\.", -1)) {
            String name = segment;
            boolean wildcard = false;
            if (name.endsWith("[*]")) {
                name = name.substring(0, name.length() - 3);
                wildcard = true;
            }
            if (name.isEmpty() || name.contains("[") || name.contains("]") || name.contains("/")) {
                throw new IllegalArgumentException("alias '" + alias + "': segment '" + segment + "' is not supported"
                        + " (lensix reads dotted property names, with [*] for every element of an array)");
            }
            steps.add(new Step(name, wildcard));
        }
        return List.copyOf(steps);
    }

    Kind kind() {
        return kind;
    }

    String text() {
        return text;
    }

    boolean isAlias() {
        return kind == Kind.ALIAS;
    }

    boolean isLocation() {
        return kind == Kind.LOCATION;
    }

    /** The resource type this alias belongs to; null for the other fields. */
    String aliasType() {
        return aliasType;
    }

    List<Step> steps() {
        return steps;
    }

    /** True for an alias that ends in {@code [*]}: one a field count can count. */
    boolean endsWithWildcard() {
        return isAlias() && steps.get(steps.size() - 1).wildcard();
    }

    boolean hasWildcard() {
        return isAlias() && steps.stream().anyMatch(Step::wildcard);
    }

    /** Whether this alias applies to a resource of {@code type}; fields that are not aliases apply to every type. */
    boolean appliesTo(String type) {
        return !isAlias() || aliasType.equalsIgnoreCase(type);
    }

    /** Where an alias starts in {@code json}: the resource itself for top-level members, else its properties. */
    boolean readsTopLevel(JsonNode json) {
        String first = steps.get(0).name();
        return TOP_LEVEL.contains(first.toLowerCase(Locale.ROOT)) && Values.present(Values.property(json, first));
    }

    Selection select(Subject subject) {
        JsonNode json = subject.json();
        return switch (kind) {
            case TYPE -> single(text(subject.resource().type()), "type", "/type");
            case NAME -> single(text(ResourceIds.lastSegment(subject.resource().id())), "name", null);
            case FULL_NAME -> single(text(fullName(subject.resource().id())), "fullName", null);
            case ID -> single(text(subject.resource().id()), "id", "/id");
            case KIND -> single(Values.property(json, "kind"), "kind", "/" + Values.keyOf(json, "kind"));
            case LOCATION -> {
                JsonNode location = Values.property(json, "location");
                yield single(location.isTextual() ? text(Values.normalizeLocation(location.textValue())) : location,
                        "location", null);
            }
            case IDENTITY_TYPE -> {
                JsonNode identity = Values.property(json, "identity");
                yield single(Values.property(identity, "type"), "identity.type",
                        "/" + Values.keyOf(json, "identity") + "/" + Values.keyOf(identity, "type"));
            }
            case TAGS -> single(Values.property(json, "tags"), "tags", "/" + Values.keyOf(json, "tags"));
            case TAG -> {
                JsonNode tags = Values.property(json, "tags");
                String key = Values.keyOf(tags, tag);
                yield single(Values.property(tags, tag), "tags." + key,
                        "/" + Values.keyOf(json, "tags") + "/" + key.replace("~", "~0").replace("/", "~1"));
            }
            case ALIAS -> selectAlias(json);
        };
    }

    private static JsonNode text(String value) {
        return Values.NODES.textNode(value);
    }

    private static Selection single(JsonNode value, String path, String pointer) {
        List<JsonNode> values = new ArrayList<>();
        values.add(value == null ? MissingNode.getInstance() : value);
        return new Selection(values, false, path, pointer);
    }

    private Selection selectAlias(JsonNode json) {
        boolean top = readsTopLevel(json);
        JsonNode root = top ? json : Values.property(json, "properties");
        if (!top && !Values.present(root)) {
            throw new ExpressionException("field '" + text + "' cannot be read: properties is "
                    + Resource.NOT_EXPORTED);
        }
        StringBuilder path = new StringBuilder(top ? "" : "properties");
        StringBuilder pointer = new StringBuilder(top ? "" : "/" + Values.keyOf(json, "properties"));
        JsonNode cursor = root;
        for (Step step : steps) {
            if (nested(cursor, step.name())) {
                path.append(path.length() == 0 ? "" : ".").append(Values.keyOf(cursor, "properties"));
                pointer.append('/').append(Values.keyOf(cursor, "properties"));
                cursor = Values.property(cursor, "properties");
            }
            path.append(path.length() == 0 ? "" : ".").append(step.name()).append(step.wildcard() ? "[*]" : "");
            String key = Values.keyOf(cursor, step.name());
            pointer.append('/').append(key.replace("~", "~0").replace("/", "~1"));
            cursor = Values.property(cursor, step.name());
        }
        List<JsonNode> values = new ArrayList<>();
        boolean[] collection = {hasWildcard()};
        walk(root, 0, values, collection);
        return new Selection(values, collection[0], path.toString(), collection[0] ? null : pointer.toString());
    }

    private void walk(JsonNode node, int index, List<JsonNode> out, boolean[] collection) {
        if (node.isTextual() && CutShort.isPowerShellText(node.textValue())) {
            throw new ExpressionException("field '" + text + "' cannot be read: a value on its way is "
                    + Resource.CUT_SHORT);
        }
        if (index == steps.size()) {
            out.add(node);
            return;
        }
        if (node.isValueNode() && !node.isNull()) {
            throw new ExpressionException("field '" + text + "' cannot be read: a value on its way is "
                    + Resource.kindOf(node) + " where ARM returns an object");
        }
        if (node.isArray()) { // a plain segment meeting an array: the legacy alias form, read as [*]
            collection[0] = true;
            for (JsonNode element : node) {
                walk(element, index, out, collection);
            }
            return;
        }
        Step step = steps.get(index);
        JsonNode child = child(node, step.name());
        if (step.wildcard()) {
            if (child.isArray()) {
                for (JsonNode element : child) {
                    walk(element, index + 1, out, collection);
                }
            }
            if (Values.present(child) && !child.isArray() && !child.isNull()) {
                throw new ExpressionException("field '" + text + "' cannot be read: " + step.name() + " is "
                        + Resource.kindOf(child) + " where ARM returns an array");
            }
            return; // [*] of an absent array selects nothing
        }
        walk(child, index + 1, out, collection);
    }

    /**
     * The concrete places of every element a {@code [*]} alias selects, from the resource root: property names
     * and array indexes. Used by a field count to narrow the resource to one element at a time.
     */
    List<List<Object>> locations(JsonNode json) {
        boolean top = readsTopLevel(json);
        List<Object> start = new ArrayList<>();
        JsonNode root = json;
        if (!top) {
            start.add(Values.keyOf(json, "properties"));
            root = Values.property(json, "properties");
        }
        List<List<Object>> out = new ArrayList<>();
        locate(root, 0, start, out);
        return out;
    }

    private void locate(JsonNode node, int index, List<Object> at, List<List<Object>> out) {
        if (index == steps.size()) {
            out.add(List.copyOf(at));
            return;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                at.add(i);
                locate(node.get(i), index, at, out);
                at.remove(at.size() - 1);
            }
            return;
        }
        Step step = steps.get(index);
        boolean nested = nested(node, step.name());
        if (nested) {
            at.add(Values.keyOf(node, "properties"));
            node = Values.property(node, "properties");
        }
        String key = Values.keyOf(node, step.name());
        JsonNode child = Values.property(node, step.name());
        at.add(key);
        if (step.wildcard()) {
            if (child.isArray()) {
                for (int i = 0; i < child.size(); i++) {
                    at.add(i);
                    locate(child.get(i), index + 1, at, out);
                    at.remove(at.size() - 1);
                }
            }
        } else if (Values.present(child)) {
            locate(child, index + 1, at, out);
        }
        at.remove(at.size() - 1);
        if (nested) {
            at.remove(at.size() - 1);
        }
    }

    /**
     * A property of an object, or of its {@code properties} object when the name is not on the object itself:
     * sub-resources kept in arrays (a security group's rules, a network's subnets) carry their own
     * {@code properties}, which aliases leave out ({@code securityRules[*].direction} is
     * {@code properties.securityRules[*].properties.direction}).
     */
    private static JsonNode child(JsonNode node, String name) {
        return nested(node, name) ? Values.property(Values.property(node, "properties"), name) : Values.property(node, name);
    }

    private static boolean nested(JsonNode node, String name) {
        return Values.property(node, name).isMissingNode() && !name.equalsIgnoreCase("properties")
                && Values.property(node, "properties").isObject()
                && !Values.property(Values.property(node, "properties"), name).isMissingNode();
    }

    /** {@code vault/key} for a key: the names of the resource and its parents after the provider namespace. */
    static String fullName(String id) {
        String[] segments = id.replaceAll("^/+|/+$", "").split("/");
        int providers = -1;
        for (int i = 0; i + 1 < segments.length; i += 2) {
            if (segments[i].equalsIgnoreCase("providers")) {
                providers = i;
            }
        }
        if (providers < 0) {
            return ResourceIds.lastSegment(id);
        }
        StringBuilder name = new StringBuilder();
        for (int i = providers + 3; i < segments.length; i += 2) {
            name.append(name.length() == 0 ? "" : "/").append(segments[i]);
        }
        return name.length() == 0 ? ResourceIds.lastSegment(id) : name.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
