package dev.lensix.engine.report;

import dev.lensix.api.check.Severity;
import dev.lensix.api.check.Status;
import dev.lensix.api.report.BaselineState;
import dev.lensix.api.report.Result;
import dev.lensix.api.report.ScanReport;
import dev.lensix.api.report.Suppression;
import dev.lensix.api.report.Triage;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The short human summary printed after every scan: counts by status and by severity, then the failing
 * resources (most severe first), errors and problems. Text from resources is made safe for a terminal:
 * control, formatting and line-separator characters (escape sequences, bidi overrides) never reach it.
 */
public final class TerminalSummary {

    private static final int MAX_LINES_PER_SECTION = 50;

    private TerminalSummary() {
    }

    public static String render(ScanReport report, List<String> reportFiles) {
        StringBuilder out = new StringBuilder();
        // one inventory holds one spelling of each id (ids that differ only in case are one resource, read once)
        long resources = report.results().stream().map(result -> result.resource().id()).distinct().count();
        out.append("lensix ").append(report.toolVersion()).append(": ")
                .append(report.checks().size()).append(report.checks().size() == 1 ? " check, " : " checks, ")
                .append(resources).append(resources == 1 ? " resource evaluated\n" : " resources evaluated\n");
        long suppressed = report.suppressedCount();
        out.append("  ").append(report.count(Status.FAIL)).append(" FAIL")
                .append(suppressed > 0 ? " (" + suppressed + " suppressed)" : "").append(", ")
                .append(report.count(Status.PASS)).append(" PASS, ")
                .append(report.count(Status.ERROR)).append(" ERROR\n");
        out.append("  failing by severity:");
        for (Severity severity : Severity.values()) {
            long count = report.results().stream()
                    .filter(result -> result.failing() && result.severity() == severity).count();
            out.append(' ').append(severity.label()).append(' ').append(count);
        }
        out.append('\n');
        Triage triage = report.triage();
        if (!triage.suppressionFiles().isEmpty()) {
            out.append("  suppressions: ").append(safe(String.join(", ", triage.suppressionFiles()))).append(": ")
                    .append(triage.entries()).append(triage.entries() == 1 ? " entry, " : " entries, ")
                    .append(suppressed).append(" suppressed, ").append(triage.expiring()).append(" expiring, ")
                    .append(triage.expired()).append(" expired, ").append(triage.stale()).append(" stale\n");
        }
        if (triage.hasBaseline()) {
            out.append("  baseline: ").append(safe(triage.baselineFile().orElse(""))).append(": ")
                    .append(countState(report, BaselineState.NEW)).append(" new, ")
                    .append(countState(report, BaselineState.UNCHANGED)).append(" unchanged, ")
                    .append(countState(report, BaselineState.UPDATED)).append(" updated, ")
                    .append(triage.absent().size()).append(" absent\n");
        }

        // with a baseline the new failures come first: they are what this change brought
        Comparator<Result> order = Comparator.comparing(result -> !triage.hasBaseline()
                || result.baselineState().orElse(BaselineState.NEW) == BaselineState.NEW ? 0 : 1);
        List<Result> failing = report.results().stream().filter(Result::failing)
                .sorted(order.thenComparing(Result::severity)).toList();
        section(out, "Failing resources", failing, result -> String.format(Locale.ROOT, "%-8s %-20s %s%s\n      %s",
                result.severity().label(), result.checkId(), safe(result.resource().id()),
                result.baselineState().map(state -> " [" + state.spelled() + "]").orElse(""), safe(result.message())));
        section(out, "Errors (not evaluated)", report.results().stream().filter(result -> result.status() == Status.ERROR)
                .toList(), result -> result.checkId() + " " + safe(result.resource().id()) + "\n      " + safe(result.message()));
        section(out, "Suppressed (accepted risks)", report.results().stream().filter(Result::suppressed).toList(),
                result -> result.checkId() + " " + safe(result.resource().id()) + "\n      "
                        + safe(result.suppression().map(Suppression::describe).orElse("")) + " [" + safe(result.suppression()
                        .map(Suppression::name).orElse("")) + "]");
        section(out, "Fixed or gone since the baseline (absent)", triage.absent(),
                gone -> gone.checkId() + " " + safe(gone.resourceId()));
        section(out, "Warnings", triage.warnings(), TerminalSummary::safe);
        section(out, "Problems", report.problems(), problem -> safe(problem.message()));
        if (!reportFiles.isEmpty()) {
            out.append("Reports: ").append(safe(String.join(", ", reportFiles))).append('\n');
        }
        return out.toString();
    }

    private static long countState(ScanReport report, BaselineState state) {
        return report.results().stream().filter(result -> result.baselineState().filter(state::equals).isPresent()).count();
    }

    /** The first entries, each as {@code line} makes it ({@link #safe}; it may span lines), and how many more. */
    private static <T> void section(StringBuilder out, String title, List<T> entries, Function<T, String> line) {
        if (entries.isEmpty()) {
            return;
        }
        out.append(title).append(":\n");
        entries.stream().limit(MAX_LINES_PER_SECTION).forEach(entry -> out.append("  ").append(line.apply(entry)).append('\n'));
        if (entries.size() > MAX_LINES_PER_SECTION) {
            out.append("  ... and ").append(entries.size() - MAX_LINES_PER_SECTION).append(" more, see the reports\n");
        }
    }

    /** Replaces control and invisible formatting characters so resource text cannot drive the terminal. */
    public static String safe(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            boolean unsafe = type == Character.CONTROL || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
            clean.appendCodePoint(unsafe ? '\uFFFD' : cp);
        });
        return clean.toString();
    }
}
