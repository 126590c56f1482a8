package dev.lensix.api.resource;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A read-only view of one ARM resource object, exactly as Azure Resource Manager returns it
 * ({@code id}, {@code type}, {@code name}, {@code location}, {@code identity}, {@code properties}, ...).
 *
 * <pre>{@code
 * Resource vault = Resource.of(json);
 * Optional<String> keyUri = vault.text("/properties/encryption/keyVaultProperties/keyUri");
 * boolean softDeleteOff = vault.at("/properties/enableSoftDelete").asBoolean(true) == false;
 * }</pre>
 *
 * Nodes returned by {@link #at} are copies when they are objects or arrays, so no check can change
 * what another check sees.
 */
public final class Resource {

    private final ObjectNode json;
    private final String id;
    private final String key;
    private final String type;
    private final String name;
    /** Null for a top-level resource. */
    private final String parentId;
    /** Null for a resource read from Azure or a snapshot. */
    private final Origin origin;
    /** Values not known until deployment, by JSON pointer, with the reason; empty for resources read from Azure. */
    private final Map<String, String> notKnown;

    private Resource(ObjectNode json, String id, String type, String name, Origin origin, Map<String, String> notKnown) {
        this.json = json;
        this.origin = origin;
        this.notKnown = notKnown;
        this.id = id;
        // worked out once, where the resource is made (on the reading threads), rather than on every lookup
        this.key = ResourceIds.key(id);
        this.type = type;
        this.name = name;
        this.parentId = ResourceIds.parentId(id).orElse(null);
    }

    /**
     * Wraps an ARM resource object. The node must not be changed afterwards.
     *
     * @throws IllegalArgumentException when {@code json} is not an object with a non-blank textual {@code id} and {@code type}
     */
    public static Resource of(JsonNode json) {
        Objects.requireNonNull(json, "json");
        if (!json.isObject()) {
            throw new IllegalArgumentException("a resource must be a JSON object, not " + describe(json));
        }
        JsonNode id = json.get("id");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            throw new IllegalArgumentException("resource has no \"id\" string");
        }
        JsonNode type = json.get("type");
        if (type == null || !type.isTextual() || type.asText().isBlank()) {
            throw new IllegalArgumentException("resource " + id.asText() + " has no \"type\" string");
        }
        JsonNode name = json.get("name");
        String resourceName = name != null && name.isTextual() && !name.asText().isBlank()
                ? name.asText() : ResourceIds.lastSegment(id.asText());
        return new Resource((ObjectNode) json, id.asText(), type.asText(), resourceName, null, Map.of());
    }

    /**
     * A resource declared in a file (a template, a Terraform plan), in the ARM shape it will have once deployed, with
     * where it was declared and the values that are not known before deployment: {@link #locate} says
     * {@link Presence#NOT_KNOWN} at those pointers and anywhere below them, with the reason given.
     *
     * <pre>{@code
     * Resource vault = Resource.declared(armShaped, origin,
     *         Map.of("/identity/principalId", "known only after apply (azurerm_recovery_services_vault.legacy)"));
     * }</pre>
     *
     * @param notKnown JSON pointer ({@code /properties/encryption/keyVaultProperties/keyUri}) to why it is not known
     * @throws IllegalArgumentException as {@link #of}
     */
    public static Resource declared(JsonNode json, Origin origin, Map<String, String> notKnown) {
        Resource plain = of(json);
        return new Resource(plain.json, plain.id, plain.type, plain.name, Objects.requireNonNull(origin, "origin"),
                Map.copyOf(notKnown));
    }

    /**
     * Why it is not known whether the resource will be deployed at all (a template's {@code condition} known only at
     * deployment), given as the reason for the pointer {@code ""} in {@link #declared}; empty when it will be, or is.
     * No check can give it a verdict: whatever it reads or finds missing may never exist.
     */
    public Optional<String> deploymentNotKnown() {
        return Optional.ofNullable(notKnown.get(""));
    }

    /** Where the resource was declared, when it was read from a file that declares it. */
    public Optional<Origin> origin() {
        return Optional.ofNullable(origin);
    }

    private static String describe(JsonNode node) {
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    public String id() {
        return id;
    }

    /** The id in the canonical form ids are compared and indexed by: {@link ResourceIds#key}. */
    public String key() {
        return key;
    }

    public String type() {
        return type;
    }

    public String name() {
        return name;
    }

    public Optional<String> location() {
        return text("/location");
    }

    public Optional<String> subscriptionId() {
        return ResourceIds.subscriptionId(id);
    }

    public Optional<String> resourceGroup() {
        return ResourceIds.resourceGroup(id);
    }

    /** The id of the resource this one is a child or extension of (a key's vault, a setting's resource). */
    public Optional<String> parentId() {
        return Optional.ofNullable(parentId);
    }

    /** True when this resource's type is {@code armType}, compared case-insensitively. */
    public boolean isOfType(String armType) {
        return type.equalsIgnoreCase(armType);
    }

    /** The {@code properties} object, or a missing node. */
    public JsonNode properties() {
        return at("/properties");
    }

    /** The node at a JSON pointer ({@code /properties/encryption}); a {@code MissingNode} when absent. */
    public JsonNode at(String jsonPointer) {
        JsonNode node = json.at(JsonPointers.compiled(jsonPointer));
        if (node.isMissingNode()) {
            return MissingNode.getInstance();
        }
        return node.isContainerNode() ? node.deepCopy() : node;
    }

    /**
     * What the node at a JSON pointer is ({@code MISSING} when absent), without copying it: {@code
     * resource.nodeTypeAt("/properties") == JsonNodeType.OBJECT}.
     */
    public JsonNodeType nodeTypeAt(String jsonPointer) {
        return json.at(JsonPointers.compiled(jsonPointer)).getNodeType();
    }

    /**
     * Where a JSON pointer leads, told apart as {@link Presence present}, absent by the resource's own choice, or not
     * known: the resource came without its {@code properties} (as generic listings return it), a value on the way is
     * not an object or array, or it is text an exporter wrote in place of data ({@link CutShort}). An explicit
     * {@code null} inside a resource read whole is absent, as ARM and the Azure CLI write unset properties.
     */
    public Located locate(String jsonPointer) {
        if (!notKnown.isEmpty()) {
            Optional<Located> undecided = notKnownBeforeDeployment(jsonPointer);
            if (undecided.isPresent()) {
                return undecided.get();
            }
        }
        JsonPointer rest = JsonPointers.compiled(jsonPointer);
        JsonNode current = json;
        int depth = 0;
        while (!rest.matches()) {
            String segment = rest.getMatchingProperty();
            JsonNode child;
            if (current.isObject()) {
                child = current.get(segment);
            } else if (current.isArray() && rest.getMatchingIndex() >= 0) {
                child = current.get(rest.getMatchingIndex());
            } else {
                return notKnownAt(current, walked(jsonPointer, depth), "object");
            }
            if (depth == 0 && segment.equals("properties") && (child == null || child.isNull())) {
                return Located.notKnown("properties", NOT_EXPORTED);
            }
            depth++;
            rest = rest.tail();
            if (child == null || child.isNull()) {
                return rest.matches() && child != null ? Located.present(child, pointerToPath(jsonPointer))
                        : Located.absent(pointerToPath(jsonPointer));
            }
            if (!rest.matches() && !child.isContainerNode()) {
                return notKnownAt(child, walked(jsonPointer, depth), rest.getMatchingIndex() >= 0 ? "object or array" : "object");
            }
            current = child;
        }
        if (current.isTextual() && CutShort.isPowerShellText(current.textValue())) {
            return Located.notKnown(pointerToPath(jsonPointer), CUT_SHORT);
        }
        return Located.present(current, pointerToPath(jsonPointer));
    }

    /** The dotted path of the first {@code depth} segments of {@code jsonPointer}. */
    private static String walked(String jsonPointer, int depth) {
        int end = 0;
        for (int segment = 0; segment < depth && end >= 0; segment++) {
            end = jsonPointer.indexOf('/', end + 1);
        }
        return pointerToPath(end < 0 ? jsonPointer : jsonPointer.substring(0, end));
    }

    /** The pointer, or the nearest pointer above it, that is not known before deployment. */
    private Optional<Located> notKnownBeforeDeployment(String jsonPointer) {
        for (int slash = jsonPointer.indexOf('/', 1); ; slash = jsonPointer.indexOf('/', slash + 1)) {
            String prefix = slash < 0 ? jsonPointer : jsonPointer.substring(0, slash);
            String reason = notKnown.get(prefix);
            if (reason != null) {
                return Optional.of(Located.notKnown(pointerToPath(prefix), reason));
            }
            if (slash < 0) {
                return Optional.empty();
            }
        }
    }

    /** "not in this export ...": the reason given for a resource exported without its properties. */
    public static final String NOT_EXPORTED = "not in this export: the resource was exported without its properties"
            + " (as generic listings such as az resource list and Get-AzResource without -ExpandProperties do)";

    /** The reason given for text an exporter wrote in place of an object or array. */
    public static final String CUT_SHORT = "cut short by the exporter (PowerShell's ConvertTo-Json wrote it as text): "
            + CutShort.POWERSHELL_ADVICE;

    private static Located notKnownAt(JsonNode node, String where, String expected) {
        if (node.isTextual() && CutShort.isPowerShellText(node.textValue())) {
            return Located.notKnown(where, CUT_SHORT);
        }
        return Located.notKnown(where, kindOf(node) + " where ARM returns an " + expected);
    }

    /** "a string", "an array", ...: how a JSON node's kind reads in a sentence. */
    public static String kindOf(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case BINARY -> "binary data";
            case MISSING -> "nothing";
        };
    }

    /**
     * The string at a JSON pointer; empty when absent, null, not a string, or not known. For lookups that need no
     * verdict (indexing, matching); a check reads through {@link dev.lensix.api.check.Evidence.Builder#text}, which
     * tells absent from not known.
     */
    public Optional<String> text(String jsonPointer) {
        JsonNode node = json.at(JsonPointers.compiled(jsonPointer));
        return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }

    /** The boolean at a JSON pointer; empty when absent, null or not a boolean. */
    public Optional<Boolean> bool(String jsonPointer) {
        JsonNode node = json.at(JsonPointers.compiled(jsonPointer));
        return node.isBoolean() ? Optional.of(node.booleanValue()) : Optional.of(node)
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText)
                .filter(text -> text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))
                .map(Boolean::parseBoolean);
    }

    /** A copy of the whole ARM object. */
    public JsonNode json() {
        return json.deepCopy();
    }

    /** {@code /properties/enableSoftDelete} becomes {@code properties.enableSoftDelete}, the form evidence uses. */
    public static String pointerToPath(String jsonPointer) {
        return JsonPointers.dotted(jsonPointer);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Resource that && json.equals(that.json);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return type + " " + id;
    }
}
