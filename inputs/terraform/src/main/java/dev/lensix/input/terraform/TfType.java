package dev.lensix.input.terraform;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON type {@code terraform show -json} writes for an attribute of a provider's schema: what a mapping declares
 * for the attributes it reads ({@link dev.lensix.input.terraform.mapping.ArmMapping#attributeTypes}), so that a value
 * of another type (a hand-edited or damaged plan) is not known rather than read as something it is not.
 *
 * <pre>{@code
 * TfType.declared("purge_protection_enabled bool, encryption list, encryption.*.key_id string");
 * }</pre>
 */
public enum TfType {
    STRING("a string"), BOOL("a bool"), NUMBER("a number"), LIST("a list"), OBJECT("an object");

    private final String spelled;

    TfType(String spelled) {
        this.spelled = spelled;
    }

    /** True when {@code node} (known, not null) is of this type. */
    public boolean fits(JsonNode node) {
        return switch (this) {
            case STRING -> node.isTextual();
            case BOOL -> node.isBoolean();
            case NUMBER -> node.isNumber();
            case LIST -> node.isArray();
            case OBJECT -> node.isObject();
        };
    }

    /**
     * Attribute types written as a mapping declares them: {@code PATH TYPE} pairs separated by commas (or line breaks),
     * the type lower-case, {@code *} for a list index ({@code "encryption list, encryption.*.key_id string"}).
     *
     * @throws IllegalArgumentException for a pair that is not {@code PATH TYPE} with one of the five types
     */
    public static Map<String, TfType> declared(String pairs) {
        Map<String, TfType> types = new LinkedHashMap<>();
        for (String pair : pairs.split("[,\\n]")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] parts = pair.strip().split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException("not PATH TYPE: " + pair.strip());
            }
            types.put(parts[0], valueOf(parts[1].toUpperCase(Locale.ROOT)));
        }
        return Map.copyOf(types);
    }

    /** "a bool": as messages name the type. */
    public String spelled() {
        return spelled;
    }

    /** How messages name the type of a JSON value the plan holds. */
    static String spelledOf(JsonNode node) {
        if (node.isTextual()) {
            return STRING.spelled;
        }
        if (node.isBoolean()) {
            return BOOL.spelled;
        }
        if (node.isNumber()) {
            return NUMBER.spelled;
        }
        return node.isArray() ? LIST.spelled : OBJECT.spelled;
    }
}
