package dev.lensix.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lensix.policy.language.ExpressionException;
import dev.lensix.policy.language.Values;

import java.util.Locale;
import java.util.Optional;

/** The conditions of Azure Policy: how one value is compared with the condition's operand. */
enum Operator {
    EQUALS("equals"),
    NOT_EQUALS("notEquals"),
    LIKE("like"),
    NOT_LIKE("notLike"),
    MATCH("match"),
    MATCH_INSENSITIVELY("matchInsensitively"),
    NOT_MATCH("notMatch"),
    NOT_MATCH_INSENSITIVELY("notMatchInsensitively"),
    CONTAINS("contains"),
    NOT_CONTAINS("notContains"),
    IN("in"),
    NOT_IN("notIn"),
    CONTAINS_KEY("containsKey"),
    NOT_CONTAINS_KEY("notContainsKey"),
    LESS("less"),
    LESS_OR_EQUALS("lessOrEquals"),
    GREATER("greater"),
    GREATER_OR_EQUALS("greaterOrEquals"),
    EXISTS("exists");

    private final String key;

    Operator(String key) {
        this.key = key;
    }

    /** The name as a policy rule spells it. */
    String key() {
        return key;
    }

    static Optional<Operator> byKey(String name) {
        for (Operator operator : values()) {
            if (operator.key.equalsIgnoreCase(name)) {
                return Optional.of(operator);
            }
        }
        return Optional.empty();
    }

    /** True for the operators whose operand must be an array. */
    boolean wantsArray() {
        return this == IN || this == NOT_IN;
    }

    /**
     * Applies the condition to one value.
     *
     * @param actual   the value of the field, value or count; a missing node when absent
     * @param expected the operand, already evaluated
     * @throws ExpressionException when the operand does not suit the condition or the two cannot be ordered
     */
    boolean test(JsonNode actual, JsonNode expected) {
        return switch (this) {
            case EQUALS -> Values.same(actual, expected);
            case NOT_EQUALS -> !Values.same(actual, expected);
            case LIKE -> Values.like(actual, pattern(expected));
            case NOT_LIKE -> !Values.like(actual, pattern(expected));
            case MATCH -> Values.match(actual, pattern(expected), false);
            case MATCH_INSENSITIVELY -> Values.match(actual, pattern(expected), true);
            case NOT_MATCH -> !Values.match(actual, pattern(expected), false);
            case NOT_MATCH_INSENSITIVELY -> !Values.match(actual, pattern(expected), true);
            case CONTAINS -> contains(actual, expected);
            case NOT_CONTAINS -> !contains(actual, expected);
            case IN -> in(actual, expected);
            case NOT_IN -> !in(actual, expected);
            case CONTAINS_KEY -> containsKey(actual, expected);
            case NOT_CONTAINS_KEY -> !containsKey(actual, expected);
            case LESS -> Values.present(actual) && Values.compare(actual, expected) < 0;
            case LESS_OR_EQUALS -> Values.present(actual) && Values.compare(actual, expected) <= 0;
            case GREATER -> Values.present(actual) && Values.compare(actual, expected) > 0;
            case GREATER_OR_EQUALS -> Values.present(actual) && Values.compare(actual, expected) >= 0;
            case EXISTS -> Values.present(actual) == flag(expected);
        };
    }

    /** The operand of {@code exists}: a boolean, or the string {@code "true"} or {@code "false"}. */
    static boolean flag(JsonNode expected) {
        if (expected.isBoolean()) {
            return expected.booleanValue();
        }
        if (expected.isTextual()) {
            String text = expected.textValue().strip().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return text.equals("true");
            }
        }
        throw new ExpressionException("exists needs true or false, not " + Values.describe(expected));
    }

    private String pattern(JsonNode expected) {
        if (!expected.isValueNode() || expected.isNull()) {
            throw new ExpressionException(key + " needs a string pattern, not " + Values.describe(expected));
        }
        return Values.text(expected);
    }

    private static boolean contains(JsonNode actual, JsonNode expected) {
        if (!Values.present(actual)) {
            return false;
        }
        if (actual.isArray()) {
            for (JsonNode element : actual) {
                if (Values.same(element, expected)) {
                    return true;
                }
            }
            return false;
        }
        if (actual.isObject() || !expected.isValueNode() || expected.isNull()) {
            return false;
        }
        return Values.text(actual).toLowerCase(Locale.ROOT).contains(Values.text(expected).toLowerCase(Locale.ROOT));
    }

    private boolean in(JsonNode actual, JsonNode expected) {
        if (!expected.isArray()) {
            throw new ExpressionException(key + " needs an array, not " + Values.describe(expected));
        }
        for (JsonNode element : expected) {
            if (Values.same(actual, element)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsKey(JsonNode actual, JsonNode expected) {
        return actual != null && actual.isObject() && expected.isValueNode() && !expected.isNull()
                && !Values.property(actual, Values.text(expected)).isMissingNode();
    }
}
