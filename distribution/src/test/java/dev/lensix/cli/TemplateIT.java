package dev.lensix.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lensix.cli.AppProcess.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ARM templates and Bicep files as a pull request's gate: {@code bin/lensix scan --input backup.json} over the payments
 * example (examples-iac/arm, a template written to the documented template format, with its parameters file), and
 * {@code .bicep} files through a stand-in for the Bicep CLI on the PATH.
 */
class TemplateIT {

    private static final Path REPOSITORY = AppProcess.examples().getParent();
    private static final Path EXAMPLE = REPOSITORY.resolve("examples-iac/arm");
    private static final Path BICEP_CASES = REPOSITORY.resolve("inputs/template/src/test/resources/templates");
    private static final Path RESOURCES = Path.of("src/test/resources").toAbsolutePath();
    private static final String SCOPE = "/subscriptions/6f1c2d3e-1111-4aaa-8bbb-00000000a001/resourceGroups/rg-backup";

    @TempDir
    Path work;

    private Outcome lensix(String... args) throws IOException, InterruptedException {
        return AppProcess.run(work, Map.of(), args);
    }

    private static int column(String name) {
        return IacReports.column(name);
    }

    @Test
    void theTemplateGivesTheVerdictsWrittenBesideItEachOnTheLineThatDecidesIt() throws Exception {
        Outcome outcome = lensix("scan", "--input", EXAMPLE.resolve("backup.json").toString(), "--source-root",
                REPOSITORY.toString(), "--scope", SCOPE, "--format", "csv");
        assertThat(outcome.exitCode()).as(outcome.stdout() + outcome.stderr()).isEqualTo(1);
        assertThat(IacReports.locatedVerdicts(work.resolve("lensix.csv")))
                .containsExactlyElementsOf(IacReports.expectedVerdicts(RESOURCES.resolve("templates/example-verdicts.csv")));
        assertThat(outcome.stdout()).contains("4 FAIL, 11 PASS, 0 ERROR");
    }

    @Test
    void aTemplateAPlanAndTheResourcesTheyDeployGetTheSameVerdicts() throws Exception {
        Path template = Files.createDirectories(work.resolve("template"));
        Path plan = Files.createDirectories(work.resolve("plan"));
        Path deployed = Files.createDirectories(work.resolve("deployed"));
        lensix("scan", "--input", EXAMPLE.resolve("backup.json").toString(), "--scope", SCOPE, "--format", "csv",
                "--output-dir", template.toString());
        lensix("scan", "--input", REPOSITORY.resolve("examples-iac/terraform/plan.json").toString(), "--format", "csv",
                "--output-dir", plan.toString());
        lensix("scan", "--input", RESOURCES.resolve("terraform/example-deployed.json").toString(), "--format", "csv",
                "--output-dir", deployed.toString());
        Map<String, String> fromTemplate = IacReports.verdicts(template.resolve("lensix.csv"));
        assertThat(fromTemplate).hasSize(15).isEqualTo(IacReports.verdicts(deployed.resolve("lensix.csv")));
        assertThat(IacReports.verdicts(plan.resolve("lensix.csv"))).isEqualTo(fromTemplate);
    }

    @Test
    void sarifAlertsLandOnTheTemplateLineAndKeepTheirFingerprintWhenLinesMove() throws Exception {
        Path repository = copyOf(EXAMPLE, "arm");
        Outcome before = AppProcess.run(repository, Map.of(), "scan", "--input", "arm/backup.json", "--format", "sarif");
        assertThat(before.exitCode()).as(before.stderr()).isEqualTo(1);
        JsonNode legacy = IacReports.resultOn(repository.resolve("lensix.sarif"), "rsv_nobyok");
        JsonNode location = legacy.path("locations").get(0);
        assertThat(location.path("physicalLocation").path("artifactLocation").path("uri").asText()).isEqualTo("arm/backup.json");
        assertThat(location.path("physicalLocation").path("region").path("startLine").asInt()).isEqualTo(192);
        assertThat(location.path("logicalLocations").get(0).path("fullyQualifiedName").asText())
                .isEqualTo("legacy-vaults/Microsoft.RecoveryServices/vaults/rsv-legacy");

        Path template = repository.resolve("arm/backup.json");
        Files.writeString(template, Files.readString(template).replaceFirst("\\{", "{\n\n"));
        AppProcess.run(repository, Map.of(), "scan", "--input", "arm/backup.json", "--format", "sarif");
        JsonNode moved = IacReports.resultOn(repository.resolve("lensix.sarif"), "rsv_nobyok");
        assertThat(moved.path("locations").get(0).path("physicalLocation").path("region").path("startLine").asInt()).isEqualTo(194);
        assertThat(moved.path("partialFingerprints")).isEqualTo(legacy.path("partialFingerprints"));

        // a comment before $schema, as Resource Manager allows, is still a template
        Files.writeString(template, "// payments backup vaults\n" + Files.readString(template));
        Outcome commented = AppProcess.run(repository, Map.of(), "scan", "--input", "arm/backup.json", "--format", "sarif");
        assertThat(commented.exitCode()).as(commented.stderr()).isEqualTo(1);
        JsonNode afterComment = IacReports.resultOn(repository.resolve("lensix.sarif"), "rsv_nobyok");
        assertThat(afterComment.path("locations").get(0).path("physicalLocation").path("region").path("startLine").asInt())
                .isEqualTo(195);
        assertThat(afterComment.path("partialFingerprints")).isEqualTo(legacy.path("partialFingerprints"));

        // the same repository reached through a symbolic link, given as the source root: still relative, same alert
        Path linked = Files.createSymbolicLink(work.resolve("linked-workspace"), repository);
        Outcome throughLink = AppProcess.run(linked, Map.of(), "scan", "--input", "arm/backup.json", "--source-root",
                linked.toString(), "--format", "sarif");
        assertThat(throughLink.exitCode()).as(throughLink.stderr()).isEqualTo(1);
        JsonNode viaLink = IacReports.resultOn(linked.resolve("lensix.sarif"), "rsv_nobyok");
        assertThat(viaLink.path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri").asText())
                .isEqualTo("arm/backup.json");
        assertThat(viaLink.path("partialFingerprints")).isEqualTo(legacy.path("partialFingerprints"));
    }

    @Test
    void aBicepFileIsCompiledByTheBicepCliOnThePathAndPointsAtItsOwnLines() throws Exception {
        Path repository = copyOf(BICEP_CASES, "infra");
        Path bin = standInBicep();
        Map<String, String> path = Map.of("PATH", bin + ":" + System.getenv("PATH"));
        Outcome outcome = AppProcess.run(repository, path, "scan", "--input", "infra/shared-key.bicep", "--format", "sarif,csv");
        assertThat(outcome.exitCode()).as(outcome.stdout() + outcome.stderr()).isEqualTo(1);
        assertThat(outcome.stdout()).contains("3 FAIL, 5 PASS, 1 ERROR");
        Map<String, List<String>> rows = new TreeMap<>();
        for (List<String> row : CsvReport.rows(repository.resolve("lensix.csv"))) {
            rows.put(row.get(column("check_id")) + " " + row.get(column("resource_name")), row);
        }
        List<String> shared = rows.get("rsv_nobyok rsv-shared-key");
        assertThat(shared.get(column("status"))).isEqualTo("ERROR");
        assertThat(shared.get(column("message"))).contains("which the template refers to as existing (deployed elsewhere)");
        assertThat(shared.get(column("file")) + ":" + shared.get(column("line"))).isEqualTo("infra/shared-key.bicep:35");
        assertThat(rows.get("rsv_nobyok rsv-module-key").get(column("status"))).isEqualTo("PASS");
        JsonNode module = IacReports.resultOn(repository.resolve("lensix.sarif"), "kv_nologging");
        JsonNode location = module.path("locations").get(0);
        assertThat(location.path("physicalLocation").path("artifactLocation").path("uri").asText())
                .isEqualTo("infra/modules/keyvault.bicep");
        assertThat(location.path("physicalLocation").path("region").path("startLine").asInt()).isEqualTo(4);
        assertThat(location.path("logicalLocations").get(0).path("fullyQualifiedName").asText()).isEqualTo("keys/kv");

        Outcome withoutCli = AppProcess.run(repository, Map.of("PATH", "/usr/bin:/bin"), "scan", "--input", "infra/shared-key.bicep");
        assertThat(withoutCli.exitCode()).isEqualTo(2);
        assertThat(withoutCli.stderr().strip().lines()).singleElement().asString()
                .contains("a Bicep file: lensix compiles it with the Bicep CLI, which is not on the PATH");
    }

    @Test
    void aRepositoryScanReadsTemplatesWithTheirParametersAndSkipsWhatIsReadThroughOthers() throws Exception {
        Path repository = copyOf(EXAMPLE, "arm");
        Files.writeString(repository.resolve("package.json"), "{\"name\": \"site\", \"version\": \"1.0.0\"}");
        Files.writeString(repository.resolve("arm/metadata.json"), "{\"itemDisplayName\": \"Backups\", \"summary\": \"x\"}");
        Outcome outcome = AppProcess.run(repository, Map.of(), "scan", "--input", ".", "--format", "csv", "--debug");
        assertThat(outcome.exitCode()).as(outcome.stdout() + outcome.stderr()).isEqualTo(1);
        assertThat(outcome.stdout()).contains("4 FAIL, 11 PASS, 0 ERROR")
                .contains("Skipped 3 files in the folders given that lensix does not scan on their own (--debug names each and why).");
        assertThat(outcome.stderr()).contains("a parameters file, read with the template it is named for");

        Outcome parameters = AppProcess.run(repository, Map.of(), "scan", "--input", "arm/backup.parameters.json");
        assertThat(parameters.exitCode()).isEqualTo(2);
        assertThat(parameters.stderr().strip().lines()).singleElement().asString().contains("give it with --parameters FILE");

        Outcome noTemplate = AppProcess.run(repository, Map.of(), "scan", "--input",
                RESOURCES.resolve("terraform/example-deployed.json").toString(), "--scope", SCOPE);
        assertThat(noTemplate.exitCode()).isEqualTo(2);
        assertThat(noTemplate.stderr()).contains("--parameters, --parameter and --scope are for templates");

        Outcome live = AppProcess.run(repository, Map.of(), "scan", "--scope", SCOPE);
        assertThat(live.exitCode()).isEqualTo(2);
        assertThat(live.stderr()).contains("--parameters, --parameter and --scope are for templates: give the templates with --input");
    }

    @Test
    void aMissingParameterIsOneLineNamingItAndHowToGiveIt() throws Exception {
        Path repository = copyOf(EXAMPLE, "arm");
        Files.delete(repository.resolve("arm/backup.parameters.json"));
        Outcome outcome = AppProcess.run(repository, Map.of(), "scan", "--input", "arm/backup.json");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr().strip().lines()).singleElement().asString()
                .contains("arm/backup.json:16: parameters.adminObjectId: parameter 'adminObjectId' has no value",
                        "--parameter adminObjectId=VALUE");
        Outcome given = AppProcess.run(repository, Map.of(), "scan", "--input", "arm/backup.json",
                "--parameter", "adminObjectId=3b8e5f0a-2c7d-4e91-8a6b-0f4d9c2e1a57", "--parameter", "workspaceId=/subscriptions/x",
                "--format", "csv");
        assertThat(given.exitCode()).as(given.stderr()).isEqualTo(1);
    }

    private Path standInBicep() throws IOException {
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path script = bin.resolve("bicep");
        Files.writeString(script, """
                #!/bin/sh
                # stand-in for the Bicep CLI: writes the compiled template kept beside the .bicep file
                [ "$1" = "build" ] && [ "$3" = "--stdout" ] || { echo "usage: bicep build FILE --stdout" >&2; exit 2; }
                cat "${2%.bicep}.compiled.json"
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private Path copyOf(Path folder, String as) throws IOException {
        return IacReports.copyInto(folder, work.resolve("repository"), as);
    }
}
