package dev.lensix.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lensix.api.check.Check;
import dev.lensix.api.check.Observation;
import dev.lensix.api.input.InputException;
import dev.lensix.api.report.Result;
import dev.lensix.api.resource.Inventory;
import dev.lensix.engine.inventory.InMemoryInventory;
import dev.lensix.engine.run.CheckRunner;
import dev.lensix.input.snapshot.SnapshotReader;
import org.junit.jupiter.api.DynamicTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs one check the way the engine does, over snapshot JSON, and compares its verdicts with an
 * expected-verdicts file kept beside the snapshot.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> cases() {
 *     return CheckTester.of(new RsvNoByokCheck()).casesIn(Path.of("src/test/resources/cases/rsv_nobyok"));
 * }
 *
 * @Test
 * void emptyKeyUriFails() {
 *     List<Result> results = CheckTester.of(new RsvNoByokCheck()).runOnJson("""
 *         [{"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v",
 *           "type": "Microsoft.RecoveryServices/vaults", "properties": {}}]""");
 *     assertThat(results).singleElement().extracting(Result::status).isEqualTo(Status.FAIL);
 * }
 * }</pre>
 *
 * An expected-verdicts file ({@code name.expected.json} beside {@code name.json}) lists every result the
 * check must give, no more and no fewer; severity, message and evidence are checked when given:
 * <pre>{@code
 * {"verdicts": [
 *   {"resource": "/subscriptions/.../vaults/v1", "status": "FAIL", "severity": "high",
 *    "message": "Microsoft-managed", "evidence": ["properties.encryption.keyVaultProperties.keyUri = (absent)"]}
 * ]}
 * }</pre>
 * {@code message} is a substring of the result's message (case-insensitive); each {@code evidence} entry
 * must equal one observation as {@code path = value}; no observation may have a path listed in {@code notInEvidence}
 * ({@code "notInEvidence": ["properties.accessPolicies.0"]}).
 */
public final class CheckTester {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String EXPECTED_SUFFIX = ".expected.json";

    private final Check check;

    private CheckTester(Check check) {
        this.check = check;
    }

    public static CheckTester of(Check check) {
        return new CheckTester(check);
    }

    public List<Result> run(Inventory inventory) {
        return new CheckRunner().run(List.of(check), inventory);
    }

    /** Runs over one snapshot document given inline (any form the input contract allows). */
    public List<Result> runOnJson(String snapshotJson) {
        try {
            return run(InMemoryInventory.of(SnapshotReader.keepingAll().readString("inline snapshot", snapshotJson).collected()));
        } catch (InputException e) {
            throw new AssertionError("the inline snapshot is not valid input: " + e.getMessage(), e);
        }
    }

    /** Runs over snapshot files or folders. */
    public List<Result> runOnFiles(Path... inputs) {
        try {
            return run(InMemoryInventory.of(SnapshotReader.keepingAll().read(List.of(inputs)).collected()));
        } catch (InputException e) {
            throw new AssertionError("the snapshot is not valid input: " + e.getMessage(), e);
        }
    }

    /** Runs over {@code snapshot} and asserts the verdicts in the {@code .expected.json} file beside it. */
    public void assertCase(Path snapshot) {
        assertVerdicts(runOnFiles(snapshot), expectedFileFor(snapshot));
    }

    /** One dynamic test per {@code *.json} snapshot in {@code folder} that has an expected-verdicts file. */
    public Stream<DynamicTest> casesIn(Path folder) {
        return snapshotsIn(folder).stream().map(snapshot -> DynamicTest.dynamicTest(
                snapshot.getFileName().toString(), snapshot.toUri(), () -> assertCase(snapshot)));
    }

    /**
     * The "not known" rule on every case in {@code folder}: for each PASS and FAIL result, each value on the paths the
     * check read (as its evidence names them) is in turn removed, set to {@code null} and replaced by a string. None
     * of these may turn the verdict into another PASS or FAIL unless the new evidence shows the check read that place
     * on a resource read whole; a string where ARM returns another JSON type may only give ERROR.
     *
     * <pre>{@code
     * @TestFactory
     * Stream<DynamicTest> notKnownRule() {
     *     return CheckTester.of(new RsvNoByokCheck()).mutationsIn(Path.of("src/test/resources/cases/rsv_nobyok"));
     * }
     * }</pre>
     */
    public Stream<DynamicTest> mutationsIn(Path folder) {
        MissingDataMutations mutations = new MissingDataMutations(this);
        Stream<DynamicTest> perCase = snapshotsIn(folder).stream().map(snapshot -> DynamicTest.dynamicTest(
                "mutations of " + snapshot.getFileName(), snapshot.toUri(), () -> {
                    List<String> problems = mutations.problems(snapshot);
                    if (!problems.isEmpty()) {
                        throw new AssertionError(snapshot.getFileName() + ":\n  " + String.join("\n  ", problems));
                    }
                }));
        return Stream.concat(perCase, Stream.of(DynamicTest.dynamicTest("mutations of " + folder.getFileName()
                + " were made", () -> {
                    if (mutations.applied() == 0) {
                        throw new AssertionError("no PASS or FAIL result in " + folder + " read a value that could be"
                                + " mutated: the cases test nothing of the not-known rule");
                    }
                })));
    }

    /** Runs the check over each snapshot case in {@code folder} on its own and returns all their results. */
    public List<Result> runOnEachCaseIn(Path folder) {
        List<Result> results = new ArrayList<>();
        snapshotsIn(folder).forEach(snapshot -> results.addAll(runOnFiles(snapshot)));
        return results;
    }

    /** The snapshot cases of a folder: its {@code *.json} files but the expected-verdicts files, in name order. */
    private static List<Path> snapshotsIn(Path folder) {
        List<Path> snapshots;
        try (Stream<Path> files = Files.list(folder)) {
            snapshots = files.filter(path -> path.toString().endsWith(".json"))
                    .filter(path -> !path.toString().endsWith(EXPECTED_SUFFIX))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (snapshots.isEmpty()) {
            throw new AssertionError("no snapshot cases in " + folder);
        }
        return snapshots;
    }

    private static Path expectedFileFor(Path snapshot) {
        String name = snapshot.getFileName().toString();
        Path expected = snapshot.resolveSibling(name.substring(0, name.length() - ".json".length()) + EXPECTED_SUFFIX);
        if (!Files.isRegularFile(expected)) {
            throw new AssertionError("no expected verdicts for " + snapshot + ": create " + expected);
        }
        return expected;
    }

    /** Asserts that {@code results} are exactly the verdicts listed in {@code expectedFile}. */
    public static void assertVerdicts(List<Result> results, Path expectedFile) {
        JsonNode expected;
        try {
            expected = MAPPER.readTree(expectedFile.toFile());
        } catch (IOException e) {
            throw new AssertionError("cannot read " + expectedFile + ": " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        Map<String, Result> byResource = new HashMap<>();
        for (Result result : results) {
            if (byResource.put(result.resource().id().toLowerCase(Locale.ROOT), result) != null) {
                problems.add("two results for " + result.resource().id());
            }
        }
        for (JsonNode verdict : expected.path("verdicts")) {
            String resource = verdict.path("resource").asText();
            Result actual = byResource.remove(resource.toLowerCase(Locale.ROOT));
            if (actual == null) {
                problems.add("no result for " + resource + " (expected " + verdict.path("status").asText() + ")");
                continue;
            }
            compare(verdict, actual, problems);
        }
        byResource.values().forEach(extra -> problems.add("unexpected result " + extra.status() + " for "
                + extra.resource().id() + ": " + extra.message()));
        if (!problems.isEmpty()) {
            throw new AssertionError(expectedFile.getFileName() + ":\n  " + String.join("\n  ", problems));
        }
    }

    private static void compare(JsonNode verdict, Result actual, List<String> problems) {
        String id = actual.resource().id();
        String status = verdict.path("status").asText();
        if (!actual.status().name().equalsIgnoreCase(status)) {
            problems.add(id + ": expected " + status + " but was " + actual.status() + " (" + actual.message() + ")");
        }
        if (verdict.has("severity") && !actual.severity().label().equalsIgnoreCase(verdict.get("severity").asText())) {
            problems.add(id + ": expected severity " + verdict.get("severity").asText() + " but was "
                    + actual.severity().label());
        }
        if (verdict.has("message") && !actual.message().toLowerCase(Locale.ROOT)
                .contains(verdict.get("message").asText().toLowerCase(Locale.ROOT))) {
            problems.add(id + ": message '" + actual.message() + "' does not contain '" + verdict.get("message").asText() + "'");
        }
        List<String> seen = actual.evidence().observations().stream().map(Observation::describe).toList();
        for (JsonNode observation : verdict.path("evidence")) {
            if (!seen.contains(observation.asText())) {
                problems.add(id + ": evidence lacks '" + observation.asText() + "'; it has " + seen);
            }
        }
        for (JsonNode path : verdict.path("notInEvidence")) {
            if (actual.evidence().observations().stream().anyMatch(observation -> observation.path().equals(path.asText()))) {
                problems.add(id + ": evidence should not have '" + path.asText() + "'; it has " + seen);
            }
        }
    }
}
