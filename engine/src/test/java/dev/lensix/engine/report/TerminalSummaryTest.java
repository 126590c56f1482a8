package dev.lensix.engine.report;

import dev.lensix.api.check.Severity;
import dev.lensix.api.check.Status;
import dev.lensix.api.report.BaselineState;
import dev.lensix.api.report.Result;
import dev.lensix.api.report.ScanProblem;
import dev.lensix.api.report.ScanReport;
import dev.lensix.api.report.Triage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.lensix.engine.testing.Reports.error;
import static dev.lensix.engine.testing.Reports.fail;
import static dev.lensix.engine.testing.Reports.pass;
import static dev.lensix.engine.testing.Reports.report;
import static dev.lensix.engine.testing.Reports.result;
import static org.assertj.core.api.Assertions.assertThat;

class TerminalSummaryTest {

    private static List<String> lines(String text) {
        return text.lines().toList();
    }

    /** The entries of a section: each starts "  " and may go on in lines indented by six spaces. */
    private static List<String> section(String text, String title) {
        List<String> all = lines(text);
        int start = all.indexOf(title + ":");
        assertThat(start).as("section %s in%n%s", title, text).isNotNegative();
        List<String> entries = new ArrayList<>();
        for (int i = start + 1; i < all.size() && all.get(i).startsWith("  "); i++) {
            String line = all.get(i);
            if (line.startsWith("      ") && !entries.isEmpty()) {
                entries.set(entries.size() - 1, entries.get(entries.size() - 1) + "\n" + line);
            } else {
                entries.add(line);
            }
        }
        return entries;
    }

    @Test
    void countsByStatusAndFailingBySeverity() {
        ScanReport report = report(
                fail("a_check", "kv1", Severity.MEDIUM), fail("a_check", "kv2", Severity.CRITICAL),
                fail("b_check", "kv1", Severity.MEDIUM), pass("b_check", "kv2"), error("b_check", "kv3"));
        String text = TerminalSummary.render(report, List.of());
        assertThat(lines(text).subList(0, 3)).containsExactly(
                "lensix 0.1.0-test: 2 checks, 3 resources evaluated",
                "  3 FAIL, 1 PASS, 1 ERROR",
                "  failing by severity: critical 1 high 0 medium 2 low 0 info 0");
    }

    @Test
    void singularWordsForOne() {
        String text = TerminalSummary.render(report(pass("a_check", "kv1")), List.of());
        assertThat(lines(text).get(0)).isEqualTo("lensix 0.1.0-test: 1 check, 1 resource evaluated");
        assertThat(text).doesNotContain("Failing resources", "Errors", "Problems", "Reports:");
    }

    @Test
    void failingResourcesMostSevereFirst() {
        ScanReport report = report(
                fail("a_check", "kv-low", Severity.LOW), fail("a_check", "kv-crit", Severity.CRITICAL),
                fail("b_check", "kv-info", Severity.INFO), fail("b_check", "kv-high", Severity.HIGH),
                fail("c_check", "kv-med", Severity.MEDIUM), pass("c_check", "kv-ok"));
        List<String> failing = section(TerminalSummary.render(report, List.of()), "Failing resources");
        assertThat(failing).hasSize(5);
        assertThat(failing).extracting(line -> line.strip().split("\\s+")[0])
                .containsExactly("critical", "high", "medium", "low", "info");
        assertThat(failing.get(0)).contains("a_check", "/kv-crit", "failing kv-crit");
        assertThat(String.join("\n", failing)).doesNotContain("kv-ok");
    }

    @Test
    void withABaselineTheNewFailuresComeFirstEachMostSevereFirst() {
        ScanReport scanned = report(
                fail("a_check", "kv-old-crit", Severity.CRITICAL).withBaselineState(BaselineState.UNCHANGED),
                fail("a_check", "kv-new-low", Severity.LOW).withBaselineState(BaselineState.NEW),
                fail("b_check", "kv-new-high", Severity.HIGH).withBaselineState(BaselineState.NEW),
                fail("b_check", "kv-updated-medium", Severity.MEDIUM).withBaselineState(BaselineState.UPDATED),
                pass("c_check", "kv-ok"));
        ScanReport report = scanned.withTriage(scanned.results(), List.of(),
                new Triage(List.of(), 0, 0, 0, 0, Optional.of("baseline.sarif"), List.of(), List.of()));
        String text = TerminalSummary.render(report, List.of());
        assertThat(text).contains("  baseline: baseline.sarif: 2 new, 1 unchanged, 1 updated, 0 absent\n");
        assertThat(section(text, "Failing resources")).extracting(line -> line.substring(line.indexOf("/kv-") + 1, line.indexOf('\n')))
                .containsExactly("kv-new-high [new]", "kv-new-low [new]", "kv-old-crit [unchanged]", "kv-updated-medium [updated]");
    }

    @Test
    void errorsAndProblemsAndReportFilesAreListed() {
        ScanReport report = report(List.of(error("a_check", "kv9")),
                List.of(new ScanProblem("plugin:x", "plug-in x failed: boom")));
        String text = TerminalSummary.render(report, List.of("out/lensix.sarif", "out/lensix.csv"));
        assertThat(section(text, "Errors (not evaluated)")).singleElement().asString()
                .contains("a_check", "/kv9", "not collected");
        assertThat(section(text, "Problems")).containsExactly("  plug-in x failed: boom");
        assertThat(lines(text)).last().isEqualTo("Reports: out/lensix.sarif, out/lensix.csv");
    }

    @Test
    void terminalControlAndBidiCharactersFromResourcesAreNeutralised() {
        String evilName = "kv\u001b[31mred\u001b[0m\u202Eevil\u009b2J";
        Result failing = result("a_check", evilName, Status.FAIL, Severity.HIGH,
                "message \u001b]0;title\u0007 with\nnewline and \u202Dlro \u2066isolate\u2069 \u200Bzero-width");
        Result erroring = result("b_check", evilName, Status.ERROR, Severity.HIGH, "err \u001b[2J");
        ScanReport report = report(List.of(failing, erroring),
                List.of(new ScanProblem("plugin:x", "problem \u001b[31m\u202E")));
        String text = TerminalSummary.render(report, List.of("out/\u001b[31mlensix.csv"));

        assertThat(text.codePoints().filter(cp -> cp != '\n')
                .filter(cp -> Character.getType(cp) == Character.CONTROL || Character.getType(cp) == Character.FORMAT))
                .isEmpty();
        assertThat(text).doesNotContain("\u001b", "\u202E", "\u009b", "\u0007", "\u202D", "\u2066", "\u200B")
                .contains("kv\uFFFD[31mred").contains("\uFFFDevil");
        // the embedded newline cannot start a line of its own
        assertThat(lines(text)).noneMatch(line -> line.startsWith("newline"));
        assertThat(section(text, "Failing resources")).hasSize(1);
    }

    @Test
    void safeKeepsOrdinaryTextIncludingNonLatinScripts() {
        assertThat(TerminalSummary.safe("Zoë 日本 שלום 🔑 tab-free")).isEqualTo("Zoë 日本 שלום 🔑 tab-free");
        assertThat(TerminalSummary.safe("a\tb\rc")).isEqualTo("a\uFFFDb\uFFFDc");
    }

    @Test
    void moreThanFiftyFailuresAreCapped() {
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < 63; i++) {
            results.add(fail("a_check", "kv%03d".formatted(i), i == 62 ? Severity.CRITICAL : Severity.MEDIUM));
        }
        String text = TerminalSummary.render(report(results, List.of()), List.of());
        List<String> failing = section(text, "Failing resources");
        assertThat(failing).hasSize(51);
        assertThat(failing.get(0)).contains("critical", "kv062");
        assertThat(failing.get(50)).isEqualTo("  ... and 13 more, see the reports");
        assertThat(lines(text).get(1)).isEqualTo("  63 FAIL, 0 PASS, 0 ERROR");
    }

    @Test
    void exactlyFiftyFailuresAreNotCapped() {
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            results.add(fail("a_check", "kv%03d".formatted(i), Severity.LOW));
        }
        List<String> failing = section(TerminalSummary.render(report(results, List.of()), List.of()), "Failing resources");
        assertThat(failing).hasSize(50).noneMatch(line -> line.contains("more"));
    }
}
