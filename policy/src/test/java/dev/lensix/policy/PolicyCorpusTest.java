package dev.lensix.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lensix.api.check.Check;
import dev.lensix.api.check.Observation;
import dev.lensix.api.report.Result;
import dev.lensix.engine.inventory.InMemoryInventory;
import dev.lensix.engine.run.CheckRunner;
import dev.lensix.engine.scan.Scanner;
import dev.lensix.input.snapshot.SnapshotReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Realistic Azure Policy definitions (built-ins re-typed from Microsoft's public definitions, and custom ones in
 * the shapes Azure and the az CLI export) run over ARM JSON, each with the verdicts expected beside it:
 * {@code corpus/NAME/definition.json}, {@code resources.json} and {@code expected.json}.
 */
class PolicyCorpusTest {

    static final Path CORPUS = Path.of("src/test/resources/dev/lensix/policy/corpus");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyDefinitionGivesTheVerdictsBesideIt() throws IOException {
        List<Path> cases;
        try (Stream<Path> folders = Files.list(CORPUS)) {
            cases = folders.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(10);
        return cases.stream().map(folder -> DynamicTest.dynamicTest(folder.getFileName().toString(), () -> runCase(folder)));
    }

    static List<Result> run(Path definition, List<Path> inputs) throws Exception {
        List<PolicyRuleCheck> checks = PolicyRules.loadFile(definition);
        var wanted = Scanner.typesRead(checks.stream().map(PolicyRuleCheck::descriptor).toList());
        var inventory = InMemoryInventory.of(new SnapshotReader(wanted::contains).read(inputs).collected());
        return new CheckRunner().run(new ArrayList<Check>(checks), inventory);
    }

    private static void runCase(Path folder) throws Exception {
        List<Result> results = run(folder.resolve("definition.json"), List.of(folder.resolve("resources.json")));
        JsonNode expected = MAPPER.readTree(folder.resolve("expected.json").toFile());
        String defaultCheck = expected.path("check").asText(null);
        JsonNode verdicts = expected.get("verdicts");
        List<String> seen = results.stream().map(r -> r.checkId() + " " + r.resource().name() + " " + r.status()).toList();
        assertThat(results).as("results %s", seen).hasSize(verdicts.size());
        for (JsonNode verdict : verdicts) {
            String check = verdict.path("check").asText(defaultCheck);
            String resource = verdict.get("resource").asText();
            Result result = results.stream()
                    .filter(r -> r.resource().name().equals(resource) && (check == null || r.checkId().equals(check)))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no result for " + check + " " + resource + " in " + seen));
            String about = folder.getFileName() + ": " + resource + ": " + result.message() + " | " + result.evidence().summary();
            assertThat(result.status().name()).as(about).isEqualTo(verdict.get("status").asText());
            if (verdict.has("message")) {
                assertThat(result.message().toLowerCase(Locale.ROOT)).as(about)
                        .contains(verdict.get("message").asText().toLowerCase(Locale.ROOT));
            }
            if (verdict.has("severity")) {
                assertThat(result.severity().label()).as(about).isEqualTo(verdict.get("severity").asText());
            }
            for (JsonNode observation : verdict.path("evidence")) {
                assertThat(result.evidence().observations()).as(about).map(Observation::describe)
                        .contains(observation.asText());
            }
        }
    }
}
