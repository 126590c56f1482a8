package dev.lensix.engine.scan;

import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Severity;
import dev.lensix.api.check.Status;
import dev.lensix.api.check.Verdict;
import dev.lensix.api.input.InputException;
import dev.lensix.api.report.Reporter;
import dev.lensix.api.report.ScanProblem;
import dev.lensix.api.report.ScanReport;
import dev.lensix.api.resource.Coverage;
import dev.lensix.engine.LensixVersion;
import dev.lensix.engine.plugin.LoadedCheck;
import dev.lensix.engine.plugin.LoadedReporter;
import dev.lensix.engine.testing.LambdaCheck;
import dev.lensix.input.snapshot.SnapshotInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScannerTest {

    private static final String VAULTS = "Microsoft.KeyVault/vaults";
    private static final String KEYS = "Microsoft.KeyVault/vaults/keys";
    private static final String DIAG = "Microsoft.Insights/diagnosticSettings";
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final String KV = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv1";

    private static LoadedCheck check(String id) {
        return LambdaCheck.of(id, Severity.MEDIUM, VAULTS, (r, i) -> Verdict.pass("ok", Evidence.none())).loaded();
    }

    private final List<LoadedCheck> all = List.of(check("a_check"), check("b_check"), check("c_check"));

    private static List<String> ids(List<LoadedCheck> checks) {
        return checks.stream().map(check -> check.descriptor().id()).toList();
    }

    // ---- --checks / --skip-checks ----

    @Test
    void noSelectionMeansEveryCheck() throws UsageException {
        assertThat(ids(Scanner.selectChecks(all, Set.of(), Set.of()))).containsExactly("a_check", "b_check", "c_check");
    }

    @Test
    void onlyAndSkip() throws UsageException {
        assertThat(ids(Scanner.selectChecks(all, Set.of("c_check", "a_check"), Set.of()))).containsExactly("a_check", "c_check");
        assertThat(ids(Scanner.selectChecks(all, Set.of(), Set.of("b_check")))).containsExactly("a_check", "c_check");
        assertThat(ids(Scanner.selectChecks(all, Set.of("a_check", "b_check"), Set.of("b_check")))).containsExactly("a_check");
        assertThat(Scanner.selectChecks(all, Set.of("a_check"), Set.of("a_check"))).isEmpty();
    }

    @Test
    void unknownCheckIdIsAUsageErrorListingTheKnownIds() {
        assertThatThrownBy(() -> Scanner.selectChecks(all, Set.of("a_check", "kv_typo"), Set.of()))
                .isInstanceOf(UsageException.class)
                .hasMessage("unknown check id kv_typo; known checks: a_check, b_check, c_check");
        assertThatThrownBy(() -> Scanner.selectChecks(all, Set.of("zz"), Set.of("yy")))
                .isInstanceOf(UsageException.class)
                .hasMessage("unknown check ids yy, zz; known checks: a_check, b_check, c_check");
        assertThatThrownBy(() -> Scanner.selectChecks(List.of(), Set.of(), Set.of("a_check")))
                .isInstanceOf(UsageException.class)
                .hasMessage("unknown check id a_check; known checks: none");
    }

    // ---- --format ----

    private static LoadedReporter reporter(String format) {
        Reporter reporter = new Reporter() {
            @Override
            public String formatName() {
                return format;
            }

            @Override
            public String defaultFileName() {
                return "lensix." + format;
            }

            @Override
            public void write(ScanReport report, dev.lensix.api.report.ReportContext context, OutputStream out) {
            }
        };
        return new LoadedReporter(reporter, format, "lensix." + format, "reporters");
    }

    private final List<LoadedReporter> reporters = List.of(reporter("csv"), reporter("junit"), reporter("sarif"));

    @Test
    void reportersInTheOrderGivenIgnoringCaseAndSpacesOnceEach() throws UsageException {
        assertThat(Scanner.selectReporters(reporters, List.of("sarif", " CSV ", "Sarif", "sarif")))
                .extracting(LoadedReporter::formatName).containsExactly("sarif", "csv");
        assertThat(Scanner.selectReporters(reporters, List.of())).isEmpty();
    }

    @Test
    void unknownFormatIsAUsageErrorListingTheAvailableOnes() {
        assertThatThrownBy(() -> Scanner.selectReporters(reporters, List.of("sarif", "xml")))
                .isInstanceOf(UsageException.class)
                .hasMessage("unknown format 'xml'; available: csv, junit, sarif");
        assertThatThrownBy(() -> Scanner.selectReporters(List.of(), List.of("csv")))
                .isInstanceOf(UsageException.class)
                .hasMessage("unknown format 'csv'; available: none (no reporter plug-in started)");
    }

    // ---- scanning snapshots ----

    @Test
    void typesReadAreTheTargetAndRelatedTypesLowerCased() {
        assertThat(Scanner.typesRead(List.of(LambdaCheck.descriptor("a_check", Severity.LOW, VAULTS, KEYS, DIAG))))
                .containsExactlyInAnyOrder("microsoft.keyvault/vaults", "microsoft.keyvault/vaults/keys",
                        "microsoft.insights/diagnosticsettings");
    }

    @Test
    void scansSnapshotsIntoACompleteReport(@TempDir Path dir) throws Exception {
        Path input = Files.writeString(dir.resolve("in.json"), """
                [{"id": "%s", "type": "Microsoft.KeyVault/vaults"},
                 {"id": "%s/keys/k1", "type": "Microsoft.KeyVault/vaults/keys"},
                 {"id": "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa",
                  "type": "Microsoft.Storage/storageAccounts"}]""".formatted(KV, KV));
        LoadedCheck keys = LambdaCheck.of(LambdaCheck.descriptor("kv_keys", Severity.HIGH, VAULTS, KEYS, DIAG),
                (r, i) -> true, (vault, inventory) -> {
                    Coverage diag = inventory.coverage(DIAG, vault);
                    if (!diag.collected()) {
                        return Verdict.error("diagnostic settings not collected: " + diag.reason(), Evidence.none());
                    }
                    return Verdict.pass(inventory.childrenOf(vault, KEYS).size() + " keys", Evidence.none());
                }).loaded();
        LoadedCheck count = LambdaCheck.of(LambdaCheck.descriptor("kv_count", Severity.LOW, VAULTS, KEYS),
                (r, i) -> true, (vault, inventory) -> Verdict.fail(
                        inventory.childrenOf(vault, KEYS).size() + " keys, " + inventory.size() + " resources held",
                        Evidence.none())).loaded();

        ScanReport report = new Scanner(Clock.fixed(NOW, ZoneOffset.UTC))
                .scan(new SnapshotInput(List.of(input)), List.of(count, keys), List.of());

        assertThat(report.toolVersion()).isEqualTo(LensixVersion.version());
        assertThat(report.startedAt()).isEqualTo(NOW);
        assertThat(report.finishedAt()).isEqualTo(NOW);
        assertThat(report.scope()).containsExactly(input.toString());
        assertThat(report.checks()).extracting(d -> d.id()).containsExactly("kv_count", "kv_keys");
        // the storage account is read by no check, so it is not held
        assertThat(report.results()).extracting(r -> r.checkId() + " " + r.status() + " " + r.message())
                .containsExactly("kv_count FAIL 1 keys, 2 resources held",
                        "kv_keys ERROR diagnostic settings not collected: no " + DIAG + " resources were in the inputs");
        assertThat(report.problems()).isEmpty();
        assertThat(report.complete()).isFalse();
    }

    @Test
    void exportWarningsBecomeProblemsAfterThoseAlreadyMet(@TempDir Path dir) throws Exception {
        Path input = Files.writeString(dir.resolve("page.json"), """
                {"value": [{"id": "%s", "type": "Microsoft.KeyVault/vaults"}], "nextLink": "https://next"}""".formatted(KV));
        ScanProblem earlier = new ScanProblem("plugin:x", "plug-in x failed");
        ScanReport report = new Scanner(Clock.fixed(NOW, ZoneOffset.UTC))
                .scan(new SnapshotInput(List.of(input)), List.of(check("a_check")), List.of(earlier));
        assertThat(report.results()).extracting(r -> r.status()).containsExactly(Status.PASS);
        assertThat(report.problems()).hasSize(2).first().isEqualTo(earlier);
        assertThat(report.problems().get(1).source()).isEqualTo("input");
        assertThat(report.problems().get(1).message()).contains(input.toString(), "nextLink");
        assertThat(ExitCode.of(report, java.util.Optional.of(Severity.LOW))).isEqualTo(ExitCode.INCOMPLETE);
    }

    @Test
    void unreadableInputIsAnInputException(@TempDir Path dir) {
        assertThatThrownBy(() -> new Scanner(Clock.systemUTC())
                .scan(new SnapshotInput(List.of(dir.resolve("missing.json"))), all, List.of()))
                .isInstanceOf(InputException.class)
                .hasMessageEndingWith("missing.json: no such file or folder");
    }
}
