package dev.lensix.engine.triage;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Observation;
import dev.lensix.api.check.Severity;
import dev.lensix.api.check.Status;
import dev.lensix.api.input.InputException;
import dev.lensix.api.report.BaselineState;
import dev.lensix.api.report.Result;
import dev.lensix.api.report.ScanReport;
import dev.lensix.api.resource.Resource;
import dev.lensix.engine.LensixVersion;
import dev.lensix.engine.scan.ExitCode;
import dev.lensix.engine.testing.Reports;
import dev.lensix.engine.testing.Resources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Suppressions and a baseline applied to a scan's results, and what they warn about. */
class TriagerTest {

    static final LocalDate TODAY = SuppressionsFileTest.TODAY;
    static final Set<String> CHECKS = Set.of("kv_nopurgeprotect", "kv_nosoftdelete", "kv_nologging");

    @TempDir
    Path dir;

    private Triager triager(String yaml, Optional<Path> baseline, boolean strict) throws Exception {
        Path file = Files.writeString(dir.resolve("lensix-suppressions.yaml"), yaml);
        return Triager.prepare(new Triager.Options(List.of(file), baseline, 14, 365, strict), CHECKS, TODAY);
    }

    private static String entry(String name, String checks, String match, String expires) {
        return """
                  - name: %s
                    checks: [%s]
                    %s
                    justification: accepted for the migration
                    owner: team@example.com
                    expires: %s
                """.formatted(name, checks, match, expires);
    }

    /** Resources with tags: kv-sandbox is tagged Environment=sandbox. */
    private static Function<String, Optional<Resource>> resources() {
        return id -> Optional.of(Resources.parse("{\"id\": \"" + id + "\", \"type\": \"" + Reports.TYPE + "\", \"tags\": "
                + (id.endsWith("kv-sandbox") ? "{\"Environment\": \"sandbox\"}" : "{}") + "}"));
    }

    private static ScanReport scan() {
        return Reports.report(
                Reports.fail("kv_nopurgeprotect", "kv-dr-1", Severity.MEDIUM),
                Reports.fail("kv_nopurgeprotect", "kv-prod", Severity.HIGH),
                Reports.fail("kv_nopurgeprotect", "kv-sandbox", Severity.MEDIUM),
                Reports.error("kv_nologging", "kv-dr-1"),
                Reports.pass("kv_nosoftdelete", "kv-dr-1"));
    }

    @Test
    void anActiveEntrySuppressesOnlyTheFailsItMatchesAndTheyStopFailingTheRun() throws Exception {
        String yaml = "version: 1\nsuppressions:\n"
                + entry("dr", "kv_nopurgeprotect", "resources: [\"/subscriptions/*/resourceGroups/RG/**/vaults/kv-dr-*\"]", "2027-03-31")
                + entry("sandbox", "\"kv_*\"", "tags: {environment: sandbox}", "2027-01-31");
        ScanReport report = triager(yaml, Optional.empty(), false).apply(scan(), resources());

        Map<String, Result> byName = byName(report, "kv_nopurgeprotect");
        assertThat(byName.get("kv-dr-1").suppression()).hasValueSatisfying(s -> assertThat(s.name()).isEqualTo("dr"));
        assertThat(byName.get("kv-sandbox").suppression()).hasValueSatisfying(s -> assertThat(s.name()).isEqualTo("sandbox"));
        assertThat(byName.get("kv-prod").suppressed()).isFalse();
        assertThat(byName.get("kv-dr-1").status()).as("a suppressed FAIL stays FAIL").isEqualTo(Status.FAIL);
        assertThat(report.results()).filteredOn(result -> result.status() != Status.FAIL).noneMatch(Result::suppressed);
        assertThat(report.suppressedCount()).isEqualTo(2);
        assertThat(report.triage().warnings()).isEmpty();

        assertThat(ExitCode.of(report, Optional.of(Severity.HIGH))).isEqualTo(ExitCode.FINDINGS);
        ScanReport onlyProdFixed = Reports.report(report.results().stream()
                .filter(result -> !result.resource().name().equals("kv-prod")).toList(), List.of());
        assertThat(ExitCode.of(onlyProdFixed, Optional.of(Severity.LOW))).as("suppressed FAILs do not count, the ERROR does")
                .isEqualTo(ExitCode.INCOMPLETE);
    }

    @Test
    void expiredExpiringStaleAndErrorOnlyEntriesAreWarningsAndStrictMakesThemProblems() throws Exception {
        String yaml = "version: 1\nsuppressions:\n"
                + entry("old", "kv_nopurgeprotect", "resources: [\"/subscriptions/*/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-prod\"]", "2026-11-30")
                + entry("soon", "kv_nopurgeprotect", "tags: {environment: sandbox}", "2026-12-10")
                + entry("gone", "kv_nosoftdelete", "resources: [\"/subscriptions/*/resourceGroups/rg-retired/**\"]", "2027-06-30")
                + entry("logs", "kv_nologging", "resources: [\"/**\"]", "2027-06-30");
        Path file = dir.resolve("lensix-suppressions.yaml");
        ScanReport report = triager(yaml, Optional.empty(), false).apply(scan(), resources());

        assertThat(byName(report, "kv_nopurgeprotect").get("kv-prod").suppressed()).as("expired: suppresses nothing").isFalse();
        assertThat(report.triage().warnings()).containsExactly(
                file + ":3 entry 'old' expired on 2026-11-30: its 1 FAIL result counts again; renew it with a new expiry or fix it",
                file + ":9 entry 'soon' expires on 2026-12-10 (in 4 days)",
                file + ":15 entry 'gone' matches no result (stale suppression): remove it, or correct its checks, resources or tags",
                file + ":21 entry 'logs' matches only ERROR results, which are never suppressed: data that could not be read is not an accepted risk");
        assertThat(report.triage().expired()).isEqualTo(1);
        assertThat(report.triage().expiring()).isEqualTo(1);
        assertThat(report.triage().stale()).isEqualTo(1);
        assertThat(report.problems()).isEmpty();

        ScanReport strict = triager(yaml, Optional.empty(), true).apply(scan(), resources());
        assertThat(strict.problems()).hasSize(4).allSatisfy(problem -> assertThat(problem.message()).endsWith("(--strict-suppressions)"));
        assertThat(ExitCode.of(Reports.report(List.of(Reports.pass("kv_nosoftdelete", "a")), strict.problems()),
                Optional.of(Severity.LOW))).isEqualTo(ExitCode.INCOMPLETE);
    }

    @Test
    void aBaselineMarksNewUnchangedUpdatedAndListsTheAbsent() throws Exception {
        Path baseline = baseline(List.of(
                sarifResult("kv_nopurgeprotect", "kv-dr-1", "kv-dr-1 (" + Reports.TYPE + "): failing kv-dr-1"),
                sarifResult("kv_nopurgeprotect", "kv-sandbox", "kv-sandbox (" + Reports.TYPE + "): it was worse"),
                sarifResult("kv_nopurgeprotect", "kv-fixed", "kv-fixed (" + Reports.TYPE + "): failing kv-fixed")));
        Triager triager = Triager.prepare(new Triager.Options(List.of(), Optional.of(baseline), 14, 365, false), CHECKS, TODAY);
        ScanReport report = triager.apply(scan(), resources());

        Map<String, Result> purge = byName(report, "kv_nopurgeprotect");
        assertThat(purge.get("kv-dr-1").baselineState()).contains(BaselineState.UNCHANGED);
        assertThat(purge.get("kv-sandbox").baselineState()).contains(BaselineState.UPDATED);
        assertThat(purge.get("kv-prod").baselineState()).contains(BaselineState.NEW);
        assertThat(byName(report, "kv_nologging").get("kv-dr-1").baselineState()).contains(BaselineState.NEW);
        assertThat(byName(report, "kv_nosoftdelete").get("kv-dr-1").baselineState()).as("PASS has none").isEmpty();
        assertThat(report.triage().absent()).singleElement().satisfies(gone -> {
            assertThat(gone.resourceId()).endsWith("/kv-fixed");
            assertThat(gone.fingerprint()).isEqualTo("fp-kv-fixed");
        });

        assertThat(report.triage().warnings()).containsExactly(baseline + ": the baseline holds checks this scan did not"
                + " run (old_check): their results show as absent");
        ScanReport scanned = scan();
        ScanReport ofOtherInputs = new ScanReport(scanned.toolVersion(), scanned.startedAt(), scanned.finishedAt(),
                List.of("other.json"), scanned.checks(), scanned.results(), scanned.problems());
        assertThat(triager.apply(ofOtherInputs, resources()).triage().warnings()).contains(baseline + ": the baseline"
                + " scanned snapshot.json, this scan other.json: results of what only one of them scanned show as new or absent");
        assertThat(ExitCode.of(report, Optional.of(Severity.HIGH), true)).as("kv-prod is a new high FAIL").isEqualTo(ExitCode.FINDINGS);
        assertThat(ExitCode.of(report, Optional.of(Severity.MEDIUM), true)).isEqualTo(ExitCode.FINDINGS);
        ScanReport withoutProd = Reports.report(report.results().stream()
                .filter(result -> !result.resource().name().equals("kv-prod") && result.status() != Status.ERROR).toList(), List.of());
        assertThat(ExitCode.of(withoutProd, Optional.of(Severity.LOW), true)).as("only known FAILs left").isEqualTo(ExitCode.CLEAN);
        assertThat(ExitCode.of(withoutProd, Optional.of(Severity.LOW), false)).isEqualTo(ExitCode.FINDINGS);

        triager.requireBaselineCategory(List.of("snapshot.json"), Optional.empty());
        assertThatThrownBy(() -> triager.requireBaselineCategory(List.of("other.json"), Optional.empty()))
                .isInstanceOf(InputException.class)
                .hasMessage(baseline + ": a baseline of category 'lensix/snapshot/', not this scan's 'lensix/other/'"
                        + " (--sarif-category, or derived from the inputs scanned): compare scans of the same thing");
    }

    @Test
    void evidenceWithoutAResourceIdIsAboutTheResultsOwnResourceAndStillMatches() throws Exception {
        String own = Resources.id(Reports.TYPE, "kv-dr-1");
        String key = own + "/keys/cmk";
        Result failing = withEvidence(Reports.fail("kv_nopurgeprotect", "kv-dr-1", Severity.MEDIUM), new Evidence(List.of(
                new Observation(own, "properties.enablePurgeProtection", "false", true),
                new Observation(key, "properties.attributes.enabled", "true", true))));
        Map<String, Object> shortForm = Map.of("path", "properties.enablePurgeProtection", "value", "false", "present", true);
        Map<String, Object> longForm = Map.of("resourceId", own, "path", "properties.enablePurgeProtection",
                "value", "false", "present", true);
        Map<String, Object> aboutTheKey = Map.of("resourceId", key, "path", "properties.attributes.enabled",
                "value", "true", "present", true);
        Map<String, Object> ownValueAsTheKeys = Map.of("path", "properties.attributes.enabled", "value", "true",
                "present", true);
        Function<List<Map<String, Object>>, Optional<BaselineState>> stateAgainst = evidence -> {
            try {
                Path baseline = baseline(List.of(sarifResult("kv_nopurgeprotect", "kv-dr-1",
                        "kv-dr-1 (" + Reports.TYPE + "): failing kv-dr-1", evidence)));
                Triager triager = Triager.prepare(new Triager.Options(List.of(), Optional.of(baseline), 14, 365, false),
                        CHECKS, TODAY);
                return triager.apply(Reports.report(List.of(failing), List.of()), resources()).results().get(0)
                        .baselineState();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        assertThat(stateAgainst.apply(List.of(shortForm, aboutTheKey))).contains(BaselineState.UNCHANGED);
        assertThat(stateAgainst.apply(List.of(longForm, aboutTheKey))).as("a baseline written before the short form")
                .contains(BaselineState.UNCHANGED);
        assertThat(stateAgainst.apply(List.of(shortForm, ownValueAsTheKeys))).as("the key's value said of the vault")
                .contains(BaselineState.UPDATED);
    }

    private static Result withEvidence(Result result, Evidence evidence) {
        return new Result(result.check(), result.resource(), result.status(), result.severity(), result.message(),
                evidence);
    }

    @Test
    void aBaselineThatIsNotAnEarlierLensixReportIsRefused() throws Exception {
        String good = new ObjectMapper().writeValueAsString(sarif(List.of(), LensixVersion.version(), "lensix"));
        for (Map.Entry<String, String> bad : Map.of(
                "{\"runs\": [", "the baseline is not valid JSON",
                "{\"version\": \"2.1.0\", \"runs\": []}", "not a lensix SARIF report",
                good.replace("\"lensix\"", "\"Checkov\""), "a SARIF report of 'Checkov', not of lensix",
                new ObjectMapper().writeValueAsString(sarif(List.of(), "99.0.0", "lensix")), "written by lensix 99.0.0, another major version"
        ).entrySet()) {
            Path file = Files.writeString(dir.resolve("baseline.sarif"), bad.getKey());
            assertThatThrownBy(() -> Triager.prepare(new Triager.Options(List.of(), Optional.of(file), 14, 365, false), CHECKS, TODAY))
                    .isInstanceOf(InputException.class).hasMessageStartingWith(file + ": ").hasMessageContaining(bad.getValue());
        }
        assertThatThrownBy(() -> Triager.prepare(new Triager.Options(List.of(), Optional.of(dir.resolve("none.sarif")), 14, 365, false),
                CHECKS, TODAY)).hasMessage(dir.resolve("none.sarif") + ": no such file");
    }

    private static Map<String, Result> byName(ScanReport report, String checkId) {
        Map<String, Result> byName = new java.util.HashMap<>();
        report.results().stream().filter(result -> result.checkId().equals(checkId))
                .forEach(result -> byName.put(result.resource().name(), result));
        return byName;
    }

    private Path baseline(List<Map<String, Object>> results) throws Exception {
        return Files.writeString(dir.resolve("baseline.sarif"),
                new ObjectMapper().writeValueAsString(sarif(results, LensixVersion.version(), "lensix")));
    }

    /** The shape lensix's SARIF reporter writes, as its golden files show. */
    private static Map<String, Object> sarif(List<Map<String, Object>> results, String version, String tool) {
        return Map.of("version", "2.1.0", "runs", List.of(Map.of(
                "tool", Map.of("driver", Map.of("name", tool, "version", version,
                        "rules", List.of(Map.of("id", "kv_nopurgeprotect"), Map.of("id", "old_check")))),
                "results", results,
                "automationDetails", Map.of("id", "lensix/snapshot/"),
                "invocations", List.of(Map.of("properties", Map.of("scope", List.of("snapshot.json")))))));
    }

    private static Map<String, Object> sarifResult(String checkId, String name, String message) {
        return sarifResult(checkId, name, message, List.of());
    }

    private static Map<String, Object> sarifResult(String checkId, String name, String message,
            List<Map<String, Object>> evidence) {
        return Map.of("ruleId", checkId, "level", "warning", "message", Map.of("text", message),
                "partialFingerprints", Map.of("primaryLocationLineHash", "fp-" + name),
                "properties", Map.of("evidence", evidence, "resource", Map.of("id", Resources.id(Reports.TYPE, name))));
    }
}
