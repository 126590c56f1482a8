package dev.lensix.cli;

import dev.lensix.cli.AppProcess.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/lensix scan} on the exports users make with the Azure CLI and Azure PowerShell (the engine's
 * {@code exports/} fixtures): the same verdicts as the ARM JSON of the same resources, exit code 3 for an export that
 * says it is partial or that PowerShell cut short, and one line for an export that is refused.
 */
class ExportFormatsIT {

    /** Checks of Key Vaults that read the vault alone: a complete export of vaults gives complete results. */
    private static final String VAULT_CHECKS = "kv_nosoftdelete,kv_nopurgeprotect";

    @TempDir
    Path work;

    private static Path export(String name) {
        return Path.of(System.getProperty("lensix.exports", "../inputs/snapshot/src/test/resources/exports")).toAbsolutePath()
                .normalize().resolve(name);
    }

    private Outcome scan(Path input, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("scan", "--input", input.toString(), "--format", "csv",
                "--output-dir", work.resolve("out").toString()));
        all.addAll(Arrays.asList(args));
        return AppProcess.run(work, Map.of(), all.toArray(String[]::new));
    }

    /** The CSV rows' first columns (check, status, severity, resource id), sorted. */
    private List<String> verdicts() throws Exception {
        return CsvReport.rows(work.resolve("out/lensix.csv")).stream()
                .map(row -> String.join(",", row.subList(0, 4)).toLowerCase())
                .sorted().toList();
    }

    @Test
    void aPowerShellExportGivesTheVerdictsOfTheArmJson() throws Exception {
        Outcome arm = scan(export("arm.json"), "--checks", VAULT_CHECKS);
        assertThat(arm.exitCode()).as(arm.stderr()).isZero();
        List<String> expected = verdicts();
        assertThat(expected).hasSize(2).allMatch(row -> row.contains(",pass,"));

        // as Windows PowerShell 5.1 writes it: Get-AzResource -ExpandProperties | ConvertTo-Json -Depth 100 | Out-File
        Path utf16 = work.resolve("get-azresource.json");
        Files.write(utf16, ("\uFEFF" + Files.readString(export("get-azresource.json"))).getBytes(StandardCharsets.UTF_16LE));
        Outcome powerShell = scan(utf16, "--checks", VAULT_CHECKS);
        assertThat(powerShell.exitCode()).as(powerShell.stderr()).isZero();
        assertThat(powerShell.stderr()).isEmpty();
        assertThat(verdicts()).isEqualTo(expected);

        Outcome graph = scan(export("az-graph-query.json"), "--checks", VAULT_CHECKS);
        assertThat(graph.exitCode()).as(graph.stderr()).isZero();
        assertThat(verdicts()).isEqualTo(expected);
    }

    @Test
    void aGenericListingIsInventoryWithErrorsNeverAVerdict() throws Exception {
        // az resource list: every row without properties, so no check can say PASS or FAIL of any of them
        Outcome outcome = scan(export("az-resource-list.json"));
        assertThat(outcome.exitCode()).as(outcome.stderr()).isEqualTo(3);
        List<List<String>> rows = CsvReport.rows(work.resolve("out/lensix.csv"));
        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(row.get(1)).as(row.toString()).isEqualTo("ERROR"));
        assertThat(rows).filteredOn(row -> row.get(0).equals("rsv_nobyok")).singleElement()
                .satisfies(row -> assertThat(row.get(CsvReport.HEADER.indexOf("message")))
                        .contains("cannot be evaluated: its properties is not in this export"));
    }

    @Test
    void aPartialAzGraphQueryExportIsAnIncompleteScan() throws Exception {
        Path input = export("az-graph-query-partial.json");
        Outcome outcome = scan(input, "--checks", VAULT_CHECKS);
        assertThat(outcome.exitCode()).as(outcome.stderr()).isEqualTo(3);
        assertThat(outcome.stderr() + outcome.stdout()).contains(input.toString()).contains("only part of the data")
                .contains("skip_token").doesNotContain("\tat ");
    }

    @Test
    void aPowerShellExportCutShortByItsDepthIsAnIncompleteScanWithOneWarning() throws Exception {
        Path input = export("get-azresource-depth2.json");
        Outcome outcome = scan(input, "--fail-on", "none");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isEqualTo(3);
        String output = outcome.stderr() + outcome.stdout();
        assertThat(output).contains("ConvertTo-Json -Depth 100").doesNotContain("\tat ");
        assertThat(output.lines().filter(line -> line.startsWith("lensix: warning: ") && line.contains("was cut short")))
                .as(output).singleElement().asString().contains(input.toString());
        assertThat(output).contains("cannot be evaluated: its properties.encryption.kekIdentity is cut short by the exporter");
    }

    @Test
    void dataPlaneKeysAreRefusedInOneLine() throws Exception {
        Path input = export("az-keyvault-key-list.json");
        Outcome outcome = scan(input);
        assertThat(outcome.exitCode()).as(outcome.stderr()).isEqualTo(2);
        assertThat(outcome.stderr().lines().toList()).singleElement().asString()
                .startsWith("lensix: " + input).contains("https://management.azure.com/<vault id>/keys?api-version=2023-07-01");
    }
}
