package dev.lensix.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lensix.cli.AppProcess.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Terraform plan as a pull request's gate: {@code bin/lensix scan --input plan.json} over the payments example
 * (examples-iac/terraform, a plan written to terraform show -json's documented format beside its .tf files).
 */
class TerraformPlanIT {

    private static final Path REPOSITORY = AppProcess.examples().getParent();
    private static final Path EXAMPLE = REPOSITORY.resolve("examples-iac/terraform");
    private static final Path RESOURCES = Path.of("src/test/resources/terraform").toAbsolutePath();

    @TempDir
    Path work;

    private Outcome lensix(String... args) throws IOException, InterruptedException {
        return AppProcess.run(work, Map.of(), args);
    }

    @Test
    void thePlanGivesTheVerdictsWrittenBesideItEachOnTheLineThatDecidesIt() throws Exception {
        Outcome outcome = lensix("scan", "--input", EXAMPLE.resolve("plan.json").toString(), "--source-root", REPOSITORY.toString(),
                "--format", "csv");
        assertThat(outcome.exitCode()).as(outcome.stdout() + outcome.stderr()).isEqualTo(1);
        assertThat(IacReports.locatedVerdicts(work.resolve("lensix.csv")))
                .containsExactlyElementsOf(IacReports.expectedVerdicts(RESOURCES.resolve("example-verdicts.csv")));
        assertThat(outcome.stdout()).contains("4 FAIL, 11 PASS, 0 ERROR");
    }

    @Test
    void aPlanAndTheResourcesItDeploysGetTheSameVerdicts() throws Exception {
        Path planned = Files.createDirectories(work.resolve("planned"));
        Path deployed = Files.createDirectories(work.resolve("deployed"));
        lensix("scan", "--input", EXAMPLE.resolve("plan.json").toString(), "--format", "csv", "--output-dir", planned.toString());
        lensix("scan", "--input", RESOURCES.resolve("example-deployed.json").toString(), "--format", "csv",
                "--output-dir", deployed.toString());
        assertThat(IacReports.verdicts(planned.resolve("lensix.csv"))).isNotEmpty()
                .isEqualTo(IacReports.verdicts(deployed.resolve("lensix.csv")));
    }

    @Test
    void sarifAlertsLandOnTheSourceLineAndKeepTheirFingerprintWhenLinesMove() throws Exception {
        Path repository = copyOfExample();
        Outcome before = AppProcess.run(repository, Map.of(), "scan", "--input", "terraform/plan.json", "--format", "sarif");
        assertThat(before.exitCode()).as(before.stderr()).isEqualTo(1);
        JsonNode legacy = IacReports.resultOn(repository.resolve("lensix.sarif"), "rsv_nobyok");
        JsonNode location = legacy.path("locations").get(0).path("physicalLocation");
        assertThat(location.path("artifactLocation").path("uri").asText()).isEqualTo("terraform/main.tf");
        assertThat(location.path("artifactLocation").path("uriBaseId").asText()).isEqualTo("%SRCROOT%");
        assertThat(location.path("region").path("startLine").asInt()).isEqualTo(97);
        assertThat(legacy.path("locations").get(0).path("logicalLocations").get(0).path("fullyQualifiedName").asText())
                .isEqualTo("azurerm_recovery_services_vault.legacy");

        Path main = repository.resolve("terraform/main.tf");
        Files.writeString(main, "# a new comment\n\n" + Files.readString(main));
        Outcome after = AppProcess.run(repository, Map.of(), "scan", "--input", "terraform/plan.json", "--format", "sarif");
        assertThat(after.exitCode()).isEqualTo(1);
        JsonNode moved = IacReports.resultOn(repository.resolve("lensix.sarif"), "rsv_nobyok");
        assertThat(moved.path("locations").get(0).path("physicalLocation").path("region").path("startLine").asInt()).isEqualTo(99);
        assertThat(moved.path("partialFingerprints")).isEqualTo(legacy.path("partialFingerprints"));
    }

    private Path copyOfExample() throws IOException {
        return IacReports.copyInto(EXAMPLE, work.resolve("repository"), "terraform");
    }

    @Test
    void aFolderScanSkipsJsonThatIsNoInputAndSaysHowMany() throws Exception {
        Path repository = copyOfExample();
        Files.writeString(repository.resolve("package.json"), "{\"name\": \"site\", \"version\": \"1.0.0\", \"scripts\": {}}");
        Files.createDirectories(repository.resolve(".vscode"));
        Files.writeString(repository.resolve(".vscode/settings.json"), "{\"editor.tabSize\": 2}");
        Outcome outcome = AppProcess.run(repository, Map.of(), "scan", "--input", ".", "--format", "csv");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isEqualTo(1);
        assertThat(outcome.stdout()).contains("4 FAIL, 11 PASS, 0 ERROR")
                .contains("Skipped 2 files in the folders given that lensix does not scan on their own (--debug names each and why).");

        Outcome named = AppProcess.run(repository, Map.of(), "scan", "--input", "package.json");
        assertThat(named.exitCode()).as("a file named explicitly is read, and is no input").isEqualTo(2);
        assertThat(named.stderr().strip().lines()).singleElement().asString().contains("package.json");
    }

    @Test
    void aBinaryPlanFileGetsOneLineSayingWhatToRun() throws Exception {
        Path binary = Files.write(work.resolve("tfplan"), new byte[] {'P', 'K', 3, 4, 20, 0, 8, 0, 8, 0});
        Outcome outcome = lensix("scan", "--input", binary.toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr().strip().lines()).singleElement().asString()
                .contains("a binary Terraform plan file", "terraform show -json tfplan > tfplan.json");
    }

    @Test
    void aTerraformStateIsNotAPlan() throws Exception {
        Path state = Files.writeString(work.resolve("terraform.tfstate.json"),
                "{\"format_version\": \"1.0\", \"terraform_version\": \"1.9.8\", \"values\": {\"root_module\": {\"resources\": []}}}");
        Outcome outcome = lensix("scan", "--input", state.toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr()).contains("a Terraform state, not a plan");
    }
}
