package dev.lensix.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lensix.cli.AppProcess.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/lensix scan} with accepted risks and a baseline on the example tenant: what is suppressed in every
 * report, what stops the scan, and what the exit code counts.
 */
class SuppressionsIT {

    private static final String TEST_VAULT = "/subscriptions/b81e4d07-52c9-4f3a-a6e2-9d04c1f7e385/resourceGroups/"
            + "rg-kf-test-uks/providers/Microsoft.RecoveryServices/vaults/rsv-kf-test-uks";
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @TempDir
    Path work;

    private Outcome scan(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("scan", "--input", AppProcess.examples().toString(),
                "--format", "csv,sarif,junit", "--output-dir", work.resolve("out").toString()));
        all.addAll(Arrays.asList(args));
        return AppProcess.run(work, Map.of(), all.toArray(String[]::new));
    }

    private Path suppressions(String name, String body) throws Exception {
        return Files.writeString(work.resolve(name), "version: 1\nsuppressions:\n" + body);
    }

    private static String entry(String name, String check, String resource, LocalDate expires) {
        return """
                  - name: %s
                    checks: [%s]
                    resources: ["%s"]
                    justification: accepted until the rebuild
                    owner: backup-team@example.com
                    expires: %s
                """.formatted(name, check, resource, expires);
    }

    @Test
    void aSuppressedFailIsMarkedInEveryReportAndNoLongerFailsTheRun() throws Exception {
        Path file = suppressions("accepted.yaml", entry("test-vault", "rsv_nobyok", TEST_VAULT, TODAY.plusDays(90)));
        Outcome outcome = scan("--suppressions", file.toString(), "--checks", "rsv_nobyok", "--fail-on", "high");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isEqualTo(1); // two other vaults still fail

        List<List<String>> rows = CsvReport.rows(work.resolve("out/lensix.csv"));
        int suppressed = CsvReport.HEADER.indexOf("suppressed");
        assertThat(rows).filteredOn(row -> row.get(3).equals(TEST_VAULT)).singleElement().satisfies(row -> {
            assertThat(row.get(1)).isEqualTo("FAIL");
            assertThat(row.subList(suppressed, suppressed + 4)).containsExactly("true", "accepted until the rebuild",
                    "backup-team@example.com", TODAY.plusDays(90).toString());
        });
        assertThat(rows).filteredOn(row -> !row.get(3).equals(TEST_VAULT)).allMatch(row -> row.get(suppressed).equals("false"));

        JsonNode sarif = new ObjectMapper().readTree(work.resolve("out/lensix.sarif").toFile());
        JsonNode result = null;
        for (JsonNode candidate : sarif.path("runs").get(0).path("results")) {
            if (candidate.path("properties").path("resource").path("id").asText().equals(TEST_VAULT)) {
                result = candidate;
            }
        }
        assertThat(result).isNotNull();
        JsonNode suppression = result.path("suppressions").get(0);
        assertThat(suppression.path("kind").asText()).isEqualTo("external");
        assertThat(suppression.path("status").asText()).isEqualTo("accepted");
        assertThat(suppression.path("justification").asText()).isEqualTo("accepted until the rebuild");
        assertThat(suppression.path("properties").path("owner").asText()).isEqualTo("backup-team@example.com");

        String junit = Files.readString(work.resolve("out/lensix-junit.xml"));
        assertThat(junit).contains("<skipped message=\"suppressed: accepted until the rebuild (backup-team@example.com, until "
                + TODAY.plusDays(90) + ")\"/>");
        assertThat(outcome.stdout()).contains("FAIL (1 suppressed)", "suppressions: " + file + ": 1 entry, 1 suppressed",
                "Suppressed (accepted risks):");

        // with every failing vault accepted, the run is green for rsv_nobyok
        Path all = suppressions("all.yaml", entry("all-vaults", "rsv_nobyok", "/subscriptions/**", TODAY.plusDays(30)));
        Outcome green = scan("--suppressions", all.toString(), "--checks", "rsv_nobyok");
        assertThat(green.exitCode()).as(green.stdout()).isZero();
    }

    @Test
    void expiredAndStaleEntriesWarnAndStrictMakesThemExitThree() throws Exception {
        Path file = suppressions("s.yaml", entry("expired", "rsv_nobyok", TEST_VAULT, TODAY.minusDays(1))
                + entry("nothing-here", "kv_nosoftdelete", "/subscriptions/*/resourceGroups/rg-retired/**", TODAY.plusDays(60)));
        Outcome outcome = scan("--suppressions", file.toString(), "--checks", "rsv_nobyok,kv_nosoftdelete", "--fail-on", "none");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        assertThat(outcome.stderr().lines()).anyMatch(line -> line.startsWith("lensix: warning: " + file + ":3 entry 'expired' expired on"))
                .anyMatch(line -> line.contains(file + ":9 entry 'nothing-here' matches no result (stale suppression)"));
        assertThat(CsvReport.rows(work.resolve("out/lensix.csv"))).noneMatch(row -> row.get(CsvReport.HEADER.indexOf("suppressed")).equals("true"));

        Outcome strict = scan("--suppressions", file.toString(), "--checks", "rsv_nobyok,kv_nosoftdelete", "--fail-on", "none",
                "--strict-suppressions");
        assertThat(strict.exitCode()).as(strict.stderr()).isEqualTo(3);
    }

    @Test
    void anInvalidSuppressionsFileStopsTheScanBeforeAnyReport() throws Exception {
        Path file = suppressions("bad.yaml", entry("no-reason", "rsv_nobyok", TEST_VAULT, TODAY.plusDays(10))
                .replace("    justification: accepted until the rebuild\n", ""));
        Outcome outcome = scan("--suppressions", file.toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr().lines().toList()).singleElement().asString()
                .isEqualTo("lensix: " + file + ":3: entry 'no-reason': justification is required: why is this risk accepted?");
        assertThat(work.resolve("out/lensix.csv")).doesNotExist();

        Path tooLong = suppressions("far.yaml", entry("forever", "rsv_nobyok", TEST_VAULT, TODAY.plusYears(5)));
        Outcome far = scan("--suppressions", tooLong.toString());
        assertThat(far.exitCode()).isEqualTo(2);
        assertThat(far.stderr()).contains("is more than 365 days ahead");
        assertThat(scan("--suppressions", tooLong.toString(), "--suppression-max-days", "2000").exitCode()).isNotEqualTo(2);
    }

    @Test
    void theFileInTheCurrentFolderIsReadAndSaidSo() throws Exception {
        suppressions("lensix-suppressions.yaml", entry("test-vault", "rsv_nobyok", TEST_VAULT, TODAY.plusDays(90)));
        Outcome outcome = scan("--checks", "rsv_nobyok");
        assertThat(outcome.stderr()).contains("reading the suppressions file lensix-suppressions.yaml found in the current folder");
        assertThat(outcome.stdout()).contains("suppressions: lensix-suppressions.yaml: 1 entry, 1 suppressed");
    }

    @Test
    void aBaselineMarksWhatIsNewAndFailOnNewCountsOnlyThat() throws Exception {
        Outcome first = scan("--format", "sarif");
        assertThat(first.exitCode()).isEqualTo(1);
        Path baseline = Files.move(work.resolve("out/lensix.sarif"), work.resolve("baseline.sarif"));

        Outcome again = scan("--baseline", baseline.toString(), "--fail-on-new");
        assertThat(again.exitCode()).as("nothing new; the example's ERRORs make it incomplete: " + again.stdout()).isEqualTo(3);
        assertThat(again.stdout()).contains("baseline: " + baseline + ": 0 new");
        int state = CsvReport.HEADER.indexOf("baseline_state");
        List<List<String>> rows = CsvReport.rows(work.resolve("out/lensix.csv"));
        // the same tenant scanned again: every FAIL and ERROR unchanged (no evidence that changes with the time of the scan)
        assertThat(rows).filteredOn(row -> !row.get(1).equals("PASS") && !row.get(0).equals("lensix")).isNotEmpty()
                .allSatisfy(row -> assertThat(row.get(state)).as(row.toString()).isEqualTo("unchanged"));
        assertThat(again.stdout()).contains(" 0 updated, 0 absent");
        assertThat(rows).filteredOn(row -> row.get(1).equals("PASS")).allSatisfy(row -> assertThat(row.get(state)).isEmpty());
        assertThat(scan("--baseline", baseline.toString()).exitCode()).as("without --fail-on-new every FAIL counts").isEqualTo(1);

        // the bundled baseline is an older scan of the examples, with a vault since removed
        Outcome bundled = scan("--baseline", AppProcess.examples().resolve("baseline.sarif").toString());
        assertThat(bundled.stdout()).contains("1 absent", "Fixed or gone since the baseline (absent):", "rsv-kf-old-weu");
        JsonNode results = new ObjectMapper().readTree(work.resolve("out/lensix.sarif").toFile()).path("runs").get(0).path("results");
        assertThat(results).anySatisfy(result -> assertThat(result.path("baselineState").asText()).isEqualTo("absent"));
    }

    @Test
    void aBaselineThatCannotBeComparedIsExitTwo() throws Exception {
        Path notSarif = Files.writeString(work.resolve("b.sarif"), "{\"runs\": 1}");
        Outcome outcome = scan("--baseline", notSarif.toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr()).startsWith("lensix: " + notSarif + ": not a lensix SARIF report");

        Outcome other = scan("--baseline", AppProcess.examples().resolve("baseline.sarif").toString(), "--sarif-category", "lensix/prod");
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.stderr()).contains("a baseline of category 'lensix/examples/', not this scan's 'lensix/prod/'");
        assertThat(work.resolve("out/lensix.csv")).doesNotExist();

        Outcome usage = scan("--fail-on-new");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.stderr()).contains("--fail-on-new needs --baseline");
    }
}
