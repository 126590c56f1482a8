package dev.lensix.policy.language;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** How Azure Policy compares JSON values: strings case-insensitively, numbers by value, dates as dates. */
public final class Values {

    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Values() {
    }

    /** An integer as a JSON parser reads it: an int node when it fits, else a long one. */
    public static JsonNode integer(long value) {
        return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
    }

    /** Present: neither absent from the resource nor JSON {@code null}. */
    public static boolean present(JsonNode node) {
        return node != null && !node.isMissingNode() && !node.isNull();
    }

    public static boolean isScalar(JsonNode node) {
        return present(node) && node.isValueNode();
    }

    /** The text of a scalar: strings as they are, {@code true}/{@code false}, numbers in JSON form. */
    public static String text(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? "true" : "false";
        }
        if (node.isNumber()) {
            return node.asText();
        }
        return node.toString();
    }

    /** Equality as the {@code equals} condition sees it. An absent value equals nothing. */
    public static boolean same(JsonNode a, JsonNode b) {
        if (!present(a) || !present(b)) {
            return false;
        }
        Optional<BigDecimal> na = numberOf(a, b);
        Optional<BigDecimal> nb = numberOf(b, a);
        if (na.isPresent() && nb.isPresent()) {
            return na.get().compareTo(nb.get()) == 0;
        }
        if (a.isValueNode() && b.isValueNode()) {
            return text(a).equalsIgnoreCase(text(b));
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                JsonNode other = property(b, entry.getKey());
                if (!same(entry.getValue(), other) && !(isNullish(entry.getValue()) && isNullish(other))) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean isNullish(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }

    /** A number, or a numeric string compared with a number (Azure compares {@code "0"} with {@code 0} as equal). */
    private static Optional<BigDecimal> numberOf(JsonNode node, JsonNode other) {
        if (node.isNumber()) {
            return Optional.of(node.decimalValue());
        }
        if (node.isTextual() && other.isNumber()) {
            try {
                return Optional.of(new BigDecimal(node.textValue().strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Ordering for {@code less}, {@code greater} and friends: numbers by value, dates (ISO 8601) in time, other
     * strings case-insensitively.
     *
     * @throws ExpressionException when the two cannot be compared (Azure Policy fails the evaluation too)
     */
    public static int compare(JsonNode a, JsonNode b) {
        Optional<BigDecimal> na = numberOf(a, b);
        Optional<BigDecimal> nb = numberOf(b, a);
        if (na.isPresent() && nb.isPresent()) {
            return na.get().compareTo(nb.get());
        }
        if (a.isTextual() && b.isTextual()) {
            Optional<Instant> da = date(a.textValue());
            Optional<Instant> db = date(b.textValue());
            if (da.isPresent() && db.isPresent()) {
                return da.get().compareTo(db.get());
            }
            return a.textValue().compareToIgnoreCase(b.textValue());
        }
        throw new ExpressionException("cannot compare " + describe(a) + " with " + describe(b));
    }

    public static Optional<Instant> date(String text) {
        String value = text.strip();
        if (value.length() < 10 || !Character.isDigit(value.charAt(0))) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            // try the forms without an offset
        }
        try {
            return Optional.of(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            // and a plain date
        }
        try {
            return Optional.of(LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code like}: {@code *} matches any run of characters, case-insensitively, over the whole value. Matched
     * without regular expressions, in time proportional to the value times the pattern whatever the pattern holds.
     */
    public static boolean like(JsonNode value, String pattern) {
        if (!isScalar(value)) {
            return false;
        }
        String text = text(value);
        int t = 0;
        int p = 0;
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = t;
            } else if (p < pattern.length() && sameChar(pattern.charAt(p), text.charAt(t))) {
                p++;
                t++;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static boolean sameChar(char a, char b) {
        return a == b || Character.toLowerCase(Character.toUpperCase(a)) == Character.toLowerCase(Character.toUpperCase(b));
    }

    /** {@code match}: {@code #} a digit, {@code ?} a letter, {@code .} any character, anything else itself. */
    public static boolean match(JsonNode value, String pattern, boolean ignoreCase) {
        if (!isScalar(value)) {
            return false;
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '#' -> regex.append("[0-9]");
                case '?' -> regex.append("\\p{L}");
                case '.' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        int flags = Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        return Pattern.compile(regex.toString(), flags).matcher(text(value)).matches();
    }

    /** An object's property by name, exactly or else ignoring case; a missing node when absent. */
    public static JsonNode property(JsonNode object, String name) {
        if (object == null || !object.isObject()) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        JsonNode exact = object.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (key.equalsIgnoreCase(name)) {
                return object.get(key);
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** The actual key an object uses for {@code name} (its own spelling), or {@code name} when absent. */
    public static String keyOf(JsonNode object, String name) {
        if (object != null && object.isObject() && object.get(name) == null) {
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String key = names.next();
                if (key.equalsIgnoreCase(name)) {
                    return key;
                }
            }
        }
        return name;
    }

    /** Azure's location form: {@code West Europe} and {@code westeurope} are the same place. */
    public static String normalizeLocation(String location) {
        return location.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    public static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "an absent value";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return "the string " + node;
        }
        if (node.isNumber()) {
            return "the number " + node;
        }
        if (node.isBoolean()) {
            return "the boolean " + node;
        }
        return node.isArray() ? "an array" : "an object";
    }
}
