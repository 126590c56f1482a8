package dev.lensix.input.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lensix.api.input.Collected;
import dev.lensix.api.input.InputException;
import dev.lensix.api.report.ScanProblem;
import dev.lensix.api.resource.Located;
import dev.lensix.api.resource.Presence;
import dev.lensix.api.resource.Resource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Templates written to the documented template format, each beside the resources Resource Manager would deploy from
 * it ({@code NAME.expected.json}): every resource by id (none more, none less), the values the checks read, what is
 * known only at deployment, the line each is declared on, the scan problems, or the one-line input error.
 */
class TemplateCasesTest {

    private static final Path CASES = Path.of("src/test/resources/templates");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(CASES)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".expected.json"))
                    .map(name -> name.substring(0, name.length() - ".expected.json".length()))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theTemplateDeploysWhatIsWrittenBesideIt(String name) throws Exception {
        JsonNode expected = JSON.readTree(CASES.resolve(name + ".expected.json").toFile());
        Path template = Files.exists(CASES.resolve(name + ".bicep")) ? CASES.resolve(name + ".bicep") : CASES.resolve(name + ".json");
        TemplateInput input = new TemplateInput(List.of(template), options(expected.path("options")));
        if (expected.has("error")) {
            assertThatThrownBy(() -> input.read(List.of())).isInstanceOf(InputException.class)
                    .hasMessageContaining(expected.get("error").asText())
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            return;
        }
        Collected collected = input.read(List.of());
        List<String> ids = collected.resources().stream().map(Resource::id).toList();
        List<String> expectedIds = new ArrayList<>();
        expected.path("resources").forEach(resource -> expectedIds.add(resource.path("id").asText()));
        assertThat(ids).as("the resources deployed").containsExactlyInAnyOrderElementsOf(expectedIds);
        for (JsonNode want : expected.path("resources")) {
            Resource resource = collected.resources().stream().filter(r -> r.id().equals(want.path("id").asText())).findFirst()
                    .orElseThrow();
            check(resource, want);
        }
        List<String> problems = collected.problems().stream().map(ScanProblem::message).toList();
        assertThat(problems).hasSize(expected.path("problems").size());
        for (JsonNode problem : expected.path("problems")) {
            assertThat(problems).anySatisfy(message -> assertThat(message).contains(problem.asText()));
        }
    }

    private static void check(Resource resource, JsonNode want) {
        String what = resource.id();
        if (want.has("type")) {
            assertThat(resource.type()).as(what).isEqualTo(want.get("type").asText());
        }
        if (want.has("address")) {
            assertThat(resource.origin().orElseThrow().address()).as(what).isEqualTo(want.get("address").asText());
        }
        if (want.has("line")) {
            assertThat(resource.origin().orElseThrow().declaration().line()).as(what + " declared on").isEqualTo(want.get("line").asInt());
        }
        if (want.has("file")) {
            assertThat(resource.origin().orElseThrow().declaration().file()).as(what).endsWith(want.get("file").asText());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = want.path("lines").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> line = it.next();
            assertThat(resource.origin().orElseThrow().locationOf(line.getKey()).line()).as(what + " " + line.getKey())
                    .isEqualTo(line.getValue().asInt());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = want.path("values").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> value = it.next();
            Located located = resource.locate(value.getKey());
            JsonNode expected = value.getValue();
            if (expected.isObject() && expected.has("notKnown")) {
                assertThat(located.presence()).as(what + " " + value.getKey()).isEqualTo(Presence.NOT_KNOWN);
                assertThat(located.notKnownReason()).as(what + " " + value.getKey()).hasValueSatisfying(reason ->
                        assertThat(reason).contains(expected.get("notKnown").asText()));
            } else if (expected.isObject() && expected.has("absent")) {
                assertThat(located.presence()).as(what + " " + value.getKey()).isEqualTo(Presence.ABSENT);
            } else {
                assertThat(located.presence()).as(what + " " + value.getKey()).isEqualTo(Presence.PRESENT);
                assertThat(located.node()).as(what + " " + value.getKey()).isEqualTo(expected);
            }
        }
    }

    private static TemplateInput.Options options(JsonNode options) throws InputException {
        List<String> overrides = new ArrayList<>();
        options.path("parameter").forEach(p -> overrides.add(p.asText()));
        Optional<Path> parameters = options.has("parameters") ? Optional.of(CASES.resolve(options.get("parameters").asText()))
                : Optional.empty();
        Optional<String> scope = options.has("scope") ? Optional.of(options.get("scope").asText()) : Optional.empty();
        return TemplateInput.Options.of(parameters, overrides, scope, CASES, StandInBicep.compiledBeside());
    }
}
