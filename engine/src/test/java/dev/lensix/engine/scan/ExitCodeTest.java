package dev.lensix.engine.scan;

import dev.lensix.api.check.Severity;
import dev.lensix.api.report.ScanProblem;
import dev.lensix.api.report.ScanReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Optional;

import static dev.lensix.engine.testing.Reports.error;
import static dev.lensix.engine.testing.Reports.fail;
import static dev.lensix.engine.testing.Reports.pass;
import static dev.lensix.engine.testing.Reports.report;
import static org.assertj.core.api.Assertions.assertThat;

class ExitCodeTest {

    private static final Optional<Severity> LOW = Optional.of(Severity.LOW);
    private static final Optional<Severity> NONE = Optional.empty();
    private static final ScanProblem PROBLEM = new ScanProblem("plugin:x", "plug-in x failed: boom");

    @Test
    void documentedNumbers() {
        assertThat(ExitCode.CLEAN.code()).isZero();
        assertThat(ExitCode.FINDINGS.code()).isEqualTo(1);
        assertThat(ExitCode.USAGE_OR_INPUT.code()).isEqualTo(2);
        assertThat(ExitCode.INCOMPLETE.code()).isEqualTo(3);
    }

    @Test
    void cleanScanIsZero() {
        assertThat(ExitCode.of(report(pass("a_check", "kv1"), pass("a_check", "kv2")), LOW)).isEqualTo(ExitCode.CLEAN);
        assertThat(ExitCode.of(report(), LOW)).isEqualTo(ExitCode.CLEAN);
    }

    @ParameterizedTest
    @EnumSource(Severity.class)
    void failAtOrAboveTheThresholdIsOneBelowItIsZero(Severity threshold) {
        for (Severity finding : Severity.values()) {
            ScanReport report = report(pass("a_check", "kv1"), fail("b_check", "kv2", finding));
            ExitCode expected = finding.isAtLeast(threshold) ? ExitCode.FINDINGS : ExitCode.CLEAN;
            assertThat(ExitCode.of(report, Optional.of(threshold))).as("%s finding, --fail-on %s", finding, threshold)
                    .isEqualTo(expected);
        }
    }

    @Test
    void defaultLowThresholdIgnoresInfoFindings() {
        assertThat(ExitCode.of(report(fail("a_check", "kv1", Severity.INFO)), LOW)).isEqualTo(ExitCode.CLEAN);
        assertThat(ExitCode.of(report(fail("a_check", "kv1", Severity.LOW)), LOW)).isEqualTo(ExitCode.FINDINGS);
    }

    @Test
    void noneThresholdNeverGivesOne() {
        assertThat(ExitCode.of(report(fail("a_check", "kv1", Severity.CRITICAL)), NONE)).isEqualTo(ExitCode.CLEAN);
        assertThat(ExitCode.of(report(List.of(fail("a_check", "kv1", Severity.CRITICAL)), List.of(PROBLEM)), NONE))
                .isEqualTo(ExitCode.INCOMPLETE);
        assertThat(ExitCode.of(report(fail("a_check", "kv1", Severity.CRITICAL), error("a_check", "kv2")), NONE))
                .isEqualTo(ExitCode.INCOMPLETE);
    }

    @Test
    void errorResultsWithNothingFailingAreThree() {
        assertThat(ExitCode.of(report(pass("a_check", "kv1"), error("a_check", "kv2")), LOW))
                .isEqualTo(ExitCode.INCOMPLETE);
    }

    @Test
    void scanProblemsWithNothingFailingAreThree() {
        assertThat(ExitCode.of(report(List.of(pass("a_check", "kv1")), List.of(PROBLEM)), LOW))
                .isEqualTo(ExitCode.INCOMPLETE);
        assertThat(ExitCode.of(report(List.of(), List.of(PROBLEM)), LOW)).isEqualTo(ExitCode.INCOMPLETE);
    }

    @Test
    void failingBelowTheThresholdWithErrorsIsThree() {
        assertThat(ExitCode.of(report(fail("a_check", "kv1", Severity.LOW), error("a_check", "kv2")),
                Optional.of(Severity.HIGH))).isEqualTo(ExitCode.INCOMPLETE);
    }

    @Test
    void findingsWinOverAnIncompleteScan() {
        assertThat(ExitCode.of(report(List.of(fail("a_check", "kv1", Severity.HIGH), error("a_check", "kv2")),
                List.of(PROBLEM)), LOW)).isEqualTo(ExitCode.FINDINGS);
    }
}
