package dev.lensix.api.check;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lensix.api.resource.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a check read to reach its verdict: the JSON paths and the values seen, in reading order.
 * A reviewer follows the evidence to the same conclusion without re-running the scan.
 *
 * <pre>{@code
 * Evidence.Builder evidence = Evidence.builder();
 * JsonNode keyUri = evidence.read(vault, "/properties/encryption/keyVaultProperties/keyUri");
 * return Verdict.fail("vault uses a Microsoft-managed key", evidence.build());
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
         */
        public JsonNode read(Resource resource, String jsonPointer) {
            JsonNode node = resource.at(jsonPointer);
            observations.add(new Observation(resource.id(), Resource.pointerToPath(jsonPointer),
                    node.isMissingNode() ? Observation.ABSENT : asJson(node), !node.isMissingNode()));
            return node;
        }

        /** {@code node.toString()}, without a JSON generator for the strings, booleans and integers most reads give. */
        private static String asJson(JsonNode node) {
            if (node.isTextual()) {
                return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(node.textValue())) + '"';
            }
            if (node.isBoolean() || node.isNull() || node.isInt() || node.isLong()) {
                return node.asText();
            }
            return node.toString();
        }

        /** Records a fact the check derived or looked up, such as which related resource it found. */
        public Builder note(Resource about, String label, String value) {
            observations.add(new Observation(about.id(), label, value, true));
            return this;
        }

        public Evidence build() {
            return new Evidence(observations);
        }
    }
}
