package dev.lensix.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.lensix.api.check.Observation;
import dev.lensix.api.check.Status;
import dev.lensix.api.report.Result;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The "not known" rule, tested on a check's own cases: for every PASS and FAIL result of a case, the resource's
 * {@code properties} and each value on the paths its evidence names is in turn removed, set to {@code null}, and (each object, array or boolean) replaced by a string. A removed or null value may
 * change the verdict only when the new evidence shows the check read that place on a resource read whole (ARM leaves
 * optional properties out); a string where ARM returns an object, array, boolean or number may change it only to
 * ERROR. {@link CheckTester#mutationsIn} runs it as tests.
 */
final class MissingDataMutations {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final String MUTATION_TEXT = "lensix-mutation";

    private enum Mutation {
        REMOVED, NULL, STRING
    }

    private final CheckTester tester;
    /** How many mutated inputs were evaluated so far: none over a whole folder means the test checked nothing. */
    private int applied;

    MissingDataMutations(CheckTester tester) {
        this.tester = tester;
    }

    /** Every mutation of {@code snapshot} that makes the check give a PASS or FAIL it cannot know; empty when none. */
    List<String> problems(Path snapshot) {
        JsonNode original;
        try {
            original = MAPPER.readTree(snapshot.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> problems = new ArrayList<>();
        int mutations = 0;
        for (Result result : tester.runOnFiles(snapshot)) {
            if (result.status() == Status.ERROR) {
                continue;
            }
            for (Target target : targetsOf(result)) {
                for (Mutation mutation : Mutation.values()) {
                    JsonNode copy = original.deepCopy();
                    if (!apply(copy, target, mutation)) {
                        continue;
                    }
                    mutations++;
                    Optional<Result> after = tester.runOnJson(copy.toString()).stream()
                            .filter(other -> other.resource().id().equalsIgnoreCase(result.resource().id()))
                            .findFirst();
                    after.flatMap(changed -> problem(result, changed, target, mutation)).ifPresent(problems::add);
                }
            }
        }
        applied += mutations;
        return problems;
    }

    int applied() {
        return applied;
    }

    /** A place a check read: a resource id and the dotted path of one value on the way to what it read. */
    private record Target(String resourceId, List<String> segments) {
        String path() {
            return String.join(".", segments);
        }
    }

    private static Set<Target> targetsOf(Result result) {
        Set<Target> targets = new LinkedHashSet<>();
        // a generic export row has no properties at all: the commonest way data goes missing, whatever the check recorded
        targets.add(new Target(result.resource().id(), List.of("properties")));
        // notes count too: a note that names a JSON path is how a careless check records what it read raw
        for (Observation observation : result.evidence().observations()) {
            List<String> segments = List.of(observation.path().split("\\."));
            for (int i = 1; i <= segments.size(); i++) {
                List<String> prefix = segments.subList(0, i);
                if (i == 1 && Set.of("id", "type", "name").contains(prefix.get(0))) {
                    continue;
                }
                targets.add(new Target(observation.resourceId(), List.copyOf(prefix)));
            }
        }
        return targets;
    }

    private static Optional<String> problem(Result before, Result after, Target target, Mutation mutation) {
        if (after.status() == Status.ERROR || after.status() == before.status()) {
            return Optional.empty();
        }
        String what = target.path() + " of " + target.resourceId() + " " + switch (mutation) {
            case REMOVED -> "removed";
            case NULL -> "set to null";
            case STRING -> "replaced by a string";
        };
        if (mutation != Mutation.STRING && readThere(after, target)) {
            return Optional.empty();
        }
        return Optional.of(before.resource().id() + ": with " + what + ", " + before.status() + " became "
                + after.status() + " (" + after.message() + ") although "
                + (mutation == Mutation.STRING ? "a string is not what ARM returns there"
                : "the evidence does not show that place was read") + "; evidence: " + after.evidence().summary());
    }

    /**
     * True when the evidence shows a value read at, below or around the target (the whole array an entry was
     * removed from) on a resource read whole.
     */
    private static boolean readThere(Result after, Target target) {
        String path = target.path();
        return after.evidence().observations().stream()
                .filter(observation -> observation.kind() == Observation.Kind.READ)
                .filter(observation -> observation.resourceId().equalsIgnoreCase(target.resourceId()))
                .anyMatch(observation -> observation.path().equals(path) || observation.path().startsWith(path + ".")
                        || path.startsWith(observation.path() + "."));
    }

    /** Applies the mutation in every copy of the target resource in the document; false when there is nothing to mutate. */
    private static boolean apply(JsonNode document, Target target, Mutation mutation) {
        boolean applied = false;
        for (ObjectNode resource : resourcesWithId(document, target.resourceId())) {
            JsonNode parent = resource;
            List<String> segments = target.segments();
            for (int i = 0; i < segments.size() - 1 && parent != null; i++) {
                parent = child(parent, segments.get(i));
            }
            if (!(parent instanceof ContainerNode<?>)) {
                continue;
            }
            String last = segments.get(segments.size() - 1);
            JsonNode current = child(parent, last);
            // a string stands in for an object, an array or a boolean: where a string or a number was, or null, a string may be
            // what ARM returns
            if (current == null || (mutation == Mutation.STRING && !current.isContainerNode() && !current.isBoolean())
                    || (mutation == Mutation.NULL && current.isNull())) {
                continue;
            }
            Function<JsonNode, JsonNode> replacement = node -> mutation == Mutation.NULL
                    ? NullNode.getInstance() : TextNode.valueOf(MUTATION_TEXT);
            if (parent instanceof ObjectNode object) {
                if (mutation == Mutation.REMOVED) {
                    object.remove(last);
                } else {
                    object.set(last, replacement.apply(current));
                }
            } else {
                ArrayNode array = (ArrayNode) parent;
                int index = Integer.parseInt(last);
                if (mutation == Mutation.REMOVED) {
                    array.remove(index);
                } else {
                    array.set(index, replacement.apply(current));
                }
            }
            applied = true;
        }
        return applied;
    }

    private static JsonNode child(JsonNode parent, String segment) {
        if (parent.isObject()) {
            return parent.get(segment);
        }
        if (parent.isArray() && segment.matches("[0-9]{1,9}")) {
            return parent.get(Integer.parseInt(segment));
        }
        return null;
    }

    private static List<ObjectNode> resourcesWithId(JsonNode node, String id) {
        List<ObjectNode> found = new ArrayList<>();
        collect(node, id.toLowerCase(Locale.ROOT), found);
        return found;
    }

    private static void collect(JsonNode node, String id, List<ObjectNode> found) {
        if (node instanceof ObjectNode object && object.path("id").isTextual()
                && object.get("id").asText().toLowerCase(Locale.ROOT).equals(id)) {
            found.add(object);
            return;
        }
        node.forEach(child -> collect(child, id, found));
    }
}
