package dev.lensix.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The composite GitHub Action's script (action/scan.sh), run outside GitHub as the action runs it, with the built app. */
class ActionScriptIT {

    private static final Path REPOSITORY = AppProcess.examples().getParent();
    private static final Path SCRIPT = REPOSITORY.resolve("action/scan.sh");

    @TempDir
    Path work;

    private record Run(int exitCode, Map<String, String> outputs, String stderr) {
    }

    private Run action(Map<String, String> inputs) throws Exception {
        Path outputs = work.resolve("github-output");
        Files.deleteIfExists(outputs);
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString()).directory(REPOSITORY.toFile());
        builder.environment().put("LENSIX_HOME", AppProcess.app().toString());
        builder.environment().put("GITHUB_OUTPUT", outputs.toString());
        builder.environment().put("INPUT_OUTPUT_DIR", work.resolve("reports").toString());
        builder.environment().putAll(inputs);
        Path stderr = work.resolve("stderr");
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile());
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Map<String, String> written = new HashMap<>();
        for (String line : Files.exists(outputs) ? Files.readAllLines(outputs) : List.<String>of()) {
            written.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
        }
        return new Run(process.exitValue(), written, Files.readString(stderr, StandardCharsets.UTF_8));
    }

    @Test
    void findingsAreAnOutputNotAFailedStepAndTheReportsAreNamed() throws Exception {
        Run run = action(Map.of("INPUT_INPUT", "  examples-iac/terraform/plan.json  \n\n", "INPUT_FORMAT", "sarif,csv"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.outputs()).containsEntry("exit-code", "1")
                .containsEntry("sarif", work.resolve("reports/lensix.sarif").toString())
                .containsEntry("csv", work.resolve("reports/lensix.csv").toString())
                .doesNotContainKey("junit");
        assertThat(Files.readString(work.resolve("reports/lensix.sarif"))).contains("\"uri\":\"examples-iac/terraform/main.tf\"");
    }

    @Test
    void failOnFindingsFailsTheStepWithTheScansExitCode() throws Exception {
        Run run = action(Map.of("INPUT_INPUT", "examples-iac/terraform/plan.json", "INPUT_FAIL_ON_FINDINGS", "true"));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.outputs()).containsEntry("exit-code", "1").containsKeys("sarif", "junit", "csv");
    }

    @Test
    void furtherArgumentsReachTheScanAndAnInputErrorFailsTheStep() throws Exception {
        Run passing = action(Map.of("INPUT_INPUT", "examples-iac/terraform/plan.json", "INPUT_ARGS", "--checks kv_nosoftdelete",
                "INPUT_FORMAT", "csv"));
        assertThat(passing.outputs()).containsEntry("exit-code", "0");
        assertThat(CsvReport.rows(work.resolve("reports/lensix.csv"))).hasSize(3)
                .allSatisfy(row -> assertThat(row.get(0)).isEqualTo("kv_nosoftdelete"));

        Run missing = action(Map.of("INPUT_INPUT", "no-such-plan.json"));
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.outputs()).containsEntry("exit-code", "2").doesNotContainKeys("sarif", "junit", "csv");
        assertThat(missing.stderr()).contains("no-such-plan.json");
    }
}
