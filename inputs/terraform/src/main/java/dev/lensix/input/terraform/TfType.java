package dev.lensix.input.terraform;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The JSON type {@code terraform show -json} writes for an attribute of a provider's schema: what a mapping declares
 * for the attributes it reads ({@link dev.lensix.input.terraform.mapping.ArmMapping#attributeTypes}), so that a value
 * of another type (a hand-edited or damaged plan) is not known rather than read as something it is not.
 *
 * <pre>{@code
 * Map.of("purge_protection_enabled", TfType.BOOL, "encryption", TfType.LIST, "encryption.*.key_id", TfType.STRING);
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
