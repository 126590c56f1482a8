package dev.lensix.input.terraform;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.lensix.api.resource.JsonPointers;
import dev.lensix.api.resource.Resource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The ARM resource a mapping builds from a plan instance: its JSON, the values not known before apply with why, and
 * which Terraform attribute each ARM value comes from, so a result can point at the line that sets it.
 *
 * <pre>{@code
 * arm.copy("/properties/enablePurgeProtection", instance, "purge_protection_enabled");
 * arm.copy("/properties/encryption/infrastructureEncryption", instance, "encryption.0.infrastructure_encryption_enabled",
 *         enabled -> TextNode.valueOf(enabled.asBoolean() ? "Enabled" : "Disabled"));
 * }</pre>
 */
public final class ArmShape {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectNode json = NODES.objectNode();
    private final Map<String, String> notKnown = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final String address;

    /** @param address the instance's address, named in the reasons of values not known */
    public ArmShape(String address) {
        this.address = address;
    }

    /** Sets the value at a JSON pointer, making the objects on the way. */
    public ArmShape put(String pointer, JsonNode value) {
        JsonPointer path = JsonPointers.compiled(pointer);
        ObjectNode parent = objectAt(path.head());
        parent.set(path.last().getMatchingProperty(), value);
        return this;
    }

    public ArmShape put(String pointer, String text) {
        return put(pointer, TextNode.valueOf(text));
    }

    /** Marks a pointer as not known before apply, with the reason. */
    public ArmShape notKnown(String pointer, String reason) {
        notKnown.put(pointer, reason);
        return this;
    }

    /** Says that the ARM value at {@code pointer} comes from the Terraform attribute {@code tfPath}. */
    public ArmShape from(String pointer, String tfPath) {
        sources.put(pointer, tfPath);
        return this;
    }

    /** {@link #copy(String, PlanInstance, String, Function)} without changing the value. */
    public TfValue copy(String pointer, PlanInstance instance, String tfPath) {
        return copy(pointer, instance, tfPath, Function.identity());
    }

    /**
     * The attribute's value at the pointer: a known value set (as {@code convert} makes it), an unknown or sensitive
     * one marked not known, an absent one left absent. Returns what the plan said.
     */
    public TfValue copy(String pointer, PlanInstance instance, String tfPath, Function<JsonNode, JsonNode> convert) {
        return set(pointer, tfPath, instance.value(tfPath), convert);
    }

    /** As {@link #copy} with a value already looked up (a reference resolved, say). */
    public TfValue set(String pointer, String tfPath, TfValue value) {
        return set(pointer, tfPath, value, Function.identity());
    }

    public TfValue set(String pointer, String tfPath, TfValue value, Function<JsonNode, JsonNode> convert) {
        from(pointer, tfPath);
        switch (value.kind()) {
            case KNOWN -> put(pointer, convert.apply(value.node()));
            case UNKNOWN, SENSITIVE, WRONG_TYPE -> notKnown(pointer, reasonNotKnown(tfPath, value));
            case ABSENT -> { }
        }
        return value;
    }

    /** Why a value that is unknown until apply, sensitive, or of the wrong type, is not known. */
    public String reasonNotKnown(String tfPath, TfValue value) {
        return switch (value.kind()) {
            case SENSITIVE -> "sensitive in the plan (" + address + "." + tfPath + "): lensix does not read sensitive values";
            case WRONG_TYPE -> "not known: " + address + "." + value.problem()
                    + " (not as terraform show -json writes it)";
            default -> unknownReason(tfPath, value);
        };
    }

    /** "known only after apply (ADDRESS.PATH ...)": the reason for an unknown value. */
    public String unknownReason(String tfPath, TfValue value) {
        String from = value.references().isEmpty() ? "" : ", from " + String.join(", ", value.references().stream()
                .filter(reference -> !reference.isEmpty()).limit(2).toList());
        return "known only after apply (" + address + "." + tfPath + from + ")";
    }

    /** The object at a pointer, made when absent. */
    public ObjectNode objectAt(String pointer) {
        return objectAt(JsonPointers.compiled(pointer));
    }

    private ObjectNode objectAt(JsonPointer pointer) {
        ObjectNode node = json;
        for (JsonPointer rest = pointer; rest != null && !rest.matches(); rest = rest.tail()) {
            String name = rest.getMatchingProperty();
            JsonNode child = node.get(name);
            if (!(child instanceof ObjectNode)) {
                child = node.putObject(name);
            }
            node = (ObjectNode) child;
        }
        return node;
    }

    /** The array at a pointer, made when absent. */
    public ArrayNode arrayAt(String pointer) {
        JsonPointer path = JsonPointers.compiled(pointer);
        ObjectNode parent = objectAt(path.head());
        JsonNode child = parent.get(path.last().getMatchingProperty());
        if (child instanceof ArrayNode array) {
            return array;
        }
        return parent.putArray(path.last().getMatchingProperty());
    }

    public Optional<JsonNode> get(String pointer) {
        JsonNode node = json.at(pointer);
        return node.isMissingNode() ? Optional.empty() : Optional.of(node);
    }

    ObjectNode json() {
        return json;
    }

    Map<String, String> notKnownPointers() {
        return notKnown;
    }

    /** ARM pointer to Terraform attribute path. */
    Map<String, String> sources() {
        return sources;
    }

    /** The dotted path evidence names a pointer with. */
    static String evidencePath(String pointer) {
        return Resource.pointerToPath(pointer);
    }
}
