package dev.lensix.api.check;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lensix.api.resource.Located;
import dev.lensix.api.resource.Presence;
import dev.lensix.api.resource.Resource;
import dev.lensix.api.resource.SharedStrings;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a check read to reach its verdict: the JSON paths and the values seen, in reading order.
 * A reviewer follows the evidence to the same conclusion without re-running the scan.
 *
 * <pre>{@code
 * Evidence.Builder evidence = Evidence.builder();
 * Field<String> keyUri = evidence.text(vault, "/properties/encryption/keyVaultProperties/keyUri");
 * return keyUri.isPresent()   // throws NotKnownException, reported as ERROR, when the export cannot say
 *     ? Verdict.pass("vault uses the key " + keyUri.optional().orElseThrow(), evidence.build())
 *     : Verdict.fail("vault uses a Microsoft-managed key", evidence.build());
 * }</pre>
 *
 * @param observations what was read, in order
 */
public record Evidence(List<Observation> observations) {

    public Evidence {
        observations = List.copyOf(observations);
    }

    public static Evidence none() {
        return new Evidence(List.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isEmpty() {
        return observations.isEmpty();
    }

    /** All observations on one line, {@code path = value; path = value}. */
    public String summary() {
        return observations.stream().map(Observation::describe).collect(Collectors.joining("; "));
    }

    /** Collects observations while a check reads a resource. Not thread-safe: one per evaluation. */
    public static final class Builder {
        private final List<Observation> observations = new ArrayList<>();

        private Builder() {
        }

        /**
         * Reads the value at a JSON pointer of {@code resource} and records it.
         *
         * @return the node there, a {@code MissingNode} when absent
         * @throws NotKnownException when the export cannot say what is there (see {@link Resource#locate}); the engine
         *         reports it as ERROR, with this evidence
         */
        public JsonNode read(Resource resource, String jsonPointer) {
            Located located = resource.locate(jsonPointer);
            if (located.presence() == Presence.NOT_KNOWN) {
                recordNotKnown(resource, located.where(), located.reason());
                throw new NotKnownException(resource.id(), located.where(), located.reason(), build());
            }
            JsonNode node = located.node().isContainerNode() ? located.node().deepCopy() : located.node();
            observations.add(new Observation(resource.id(), Resource.pointerToPath(jsonPointer),
                    node.isMissingNode() ? Observation.ABSENT : asJson(node), !node.isMissingNode()));
            return node;
        }

        /**
         * Like {@link #read}, but records nothing when the value is absent, to keep the evidence short.
         *
         * @throws NotKnownException when the export cannot say what is there
         */
        public JsonNode readIfPresent(Resource resource, String jsonPointer) {
            Located located = resource.locate(jsonPointer);
            return located.presence() == Presence.ABSENT && located.node().isMissingNode()
                    ? located.node() : read(resource, jsonPointer);
        }

        /** The string at a JSON pointer; another JSON type there is not known. */
        public Field<String> text(Resource resource, String jsonPointer) {
            return field(resource, jsonPointer, "a string", node -> node.isTextual() ? node.textValue() : null);
        }

        /**
         * The boolean at a JSON pointer: {@code true}, {@code false}, or the strings {@code "true"} and {@code "false"}
         * in any case, as ARM exports write them; anything else there is not known.
         */
        public Field<Boolean> bool(Resource resource, String jsonPointer) {
            return field(resource, jsonPointer, "a boolean", node -> {
                if (node.isBoolean()) {
                    return node.booleanValue();
                }
                String text = node.isTextual() ? node.textValue().strip() : "";
                return text.equalsIgnoreCase("true") ? Boolean.TRUE : text.equalsIgnoreCase("false") ? Boolean.FALSE : null;
            });
        }

        /** The whole number at a JSON pointer (or a string of digits); anything else there is not known. */
        public Field<Long> integer(Resource resource, String jsonPointer) {
            return field(resource, jsonPointer, "a whole number", node -> {
                if (node.canConvertToLong() && node.isIntegralNumber()) {
                    return node.longValue();
                }
                String text = node.isTextual() ? node.textValue().strip() : "";
                return text.matches("-?[0-9]{1,18}") ? Long.valueOf(text) : null;
            });
        }

        /** The object at a JSON pointer (a copy); another JSON type there is not known. */
        public Field<JsonNode> object(Resource resource, String jsonPointer) {
            return field(resource, jsonPointer, "an object", node -> node.isObject() ? node.deepCopy() : null);
        }

        /** The array at a JSON pointer (a copy); another JSON type there is not known. */
        public Field<JsonNode> array(Resource resource, String jsonPointer) {
            return field(resource, jsonPointer, "an array", node -> node.isArray() ? node.deepCopy() : null);
        }

        private <T> Field<T> field(Resource resource, String jsonPointer, String expected,
                                   java.util.function.Function<JsonNode, T> convert) {
            Located located = resource.locate(jsonPointer);
            String path = Resource.pointerToPath(jsonPointer);
            if (located.presence() == Presence.NOT_KNOWN) {
                recordNotKnown(resource, located.where(), located.reason());
                return new Field<>(resource.id(), located.where(), Presence.NOT_KNOWN, null, located.reason(), this::build);
            }
            JsonNode node = located.node();
            if (located.presence() == Presence.ABSENT) {
                observations.add(new Observation(resource.id(), path, node.isNull() ? "null" : Observation.ABSENT, false));
                return new Field<>(resource.id(), path, Presence.ABSENT, null, "", this::build);
            }
            T value = convert.apply(node);
            if (value == null) {
                String reason = Resource.kindOf(node) + " where ARM returns " + expected;
                observations.add(new Observation(resource.id(), path, asJson(node), false, Observation.Kind.NOT_KNOWN));
                return new Field<>(resource.id(), path, Presence.NOT_KNOWN, null, reason, this::build);
            }
            observations.add(new Observation(resource.id(), path, asJson(node), true));
            return new Field<>(resource.id(), path, Presence.PRESENT, value, "", this::build);
        }

        /**
         * Records that the value at a JSON pointer is not known and returns the exception to throw, for checks that
         * look inside a value they read whole (an entry of an array that is not an object):
         * {@code throw evidence.notKnown(setting, "/properties/logs/0", "a string where ARM returns an object");}
         */
        public NotKnownException notKnown(Resource resource, String jsonPointer, String reason) {
            String path = Resource.pointerToPath(jsonPointer);
            recordNotKnown(resource, path, reason);
            return new NotKnownException(resource.id(), path, reason, build());
        }

        private void recordNotKnown(Resource resource, String where, String reason) {
            observations.add(new Observation(resource.id(), where, "(not known: " + reason + ")", false,
                    Observation.Kind.NOT_KNOWN));
        }

        /**
         * {@code node.toString()}, without a JSON generator for the strings, booleans and integers most reads give; a
         * short string's JSON text is kept once for all the results that quote it.
         */
        private static String asJson(JsonNode node) {
            if (node.isTextual()) {
                String text = node.textValue();
                String json = '"' + (plain(text) ? text : new String(JsonStringEncoder.getInstance().quoteAsString(text))) + '"';
                return QUOTED.shared(json);
            }
            if (node.isBoolean() || node.isNull() || node.isInt() || node.isLong()) {
                return node.asText();
            }
            return node.toString();
        }

        /** At most 65,536 JSON texts of up to 130 characters (a key URI, an id): about 11 MB whatever the input. */
        private static final SharedStrings QUOTED = new SharedStrings(65_536, 130);

        /** True when the JSON text of {@code text} is {@code text} in quotes: printable ASCII, no quote or backslash. */
        private static boolean plain(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') {
                    return false;
                }
            }
            return true;
        }

        /** Records a fact the check derived or looked up, such as which related resource it found. */
        public Builder note(Resource about, String label, String value) {
            observations.add(new Observation(about.id(), label, value, true, Observation.Kind.NOTE));
            return this;
        }

        public Evidence build() {
            return new Evidence(observations);
        }
    }
}
