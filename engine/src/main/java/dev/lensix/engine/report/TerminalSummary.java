package dev.lensix.engine.report;

import dev.lensix.api.check.Severity;
import dev.lensix.api.check.Status;
import dev.lensix.api.report.BaselineState;
import dev.lensix.api.report.Result;
import dev.lensix.api.report.ScanReport;
import dev.lensix.api.report.Suppression;
import dev.lensix.api.report.Triage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
        Tally tally = new Tally(report);
        StringBuilder out = new StringBuilder();
        out.append("lensix ").append(report.toolVersion()).append(": ")
                .append(report.checks().size()).append(report.checks().size() == 1 ? " check, " : " checks, ")
                .append(tally.resources).append(tally.resources == 1 ? " resource evaluated\n" : " resources evaluated\n");
        long suppressed = tally.suppressed.size();
        out.append("  ").append(tally.byStatus[Status.FAIL.ordinal()]).append(" FAIL")
                .append(suppressed > 0 ? " (" + suppressed + " suppressed)" : "").append(", ")
                .append(tally.byStatus[Status.PASS.ordinal()]).append(" PASS, ")
                .append(tally.byStatus[Status.ERROR.ordinal()]).append(" ERROR\n");
        out.append("  failing by severity:");
        for (Severity severity : Severity.values()) {
            out.append(' ').append(severity.label()).append(' ').append(tally.failingBySeverity(severity));
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
                    .append(tally.byBaselineState[BaselineState.NEW.ordinal()]).append(" new, ")
                    .append(tally.byBaselineState[BaselineState.UNCHANGED.ordinal()]).append(" unchanged, ")
                    .append(tally.byBaselineState[BaselineState.UPDATED.ordinal()]).append(" updated, ")
                    .append(triage.absent().size()).append(" absent\n");
        }

        section(out, "Failing resources", tally.failing(triage.hasBaseline()), result -> String.format(Locale.ROOT,
                "%-8s %-20s %s%s\n      %s", result.severity().label(), result.checkId(), safe(result.resource().id()),
                result.baselineState().map(state -> " [" + state.spelled() + "]").orElse(""), safe(result.message())));
        section(out, "Errors (not evaluated)", tally.errors,
                result -> result.checkId() + " " + safe(result.resource().id()) + "\n      " + safe(result.message()));
        section(out, "Suppressed (accepted risks)", tally.suppressed,
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

    /** What the summary counts and lists, gathered in one pass over the results. */
    private static final class Tally {
        final long resources;
        final long[] byStatus = new long[Status.values().length];
        final long[] byBaselineState = new long[BaselineState.values().length];
        final List<Result> errors = new ArrayList<>();
        final List<Result> suppressed = new ArrayList<>();
        /** Failing results by severity, each in report order; and those a baseline already knew, likewise. */
        private final List<List<Result>> newFailing = new ArrayList<>();
        private final List<List<Result>> knownFailing = new ArrayList<>();

        Tally(ScanReport report) {
            for (int i = 0; i < Severity.values().length; i++) {
                newFailing.add(new ArrayList<>());
                knownFailing.add(new ArrayList<>());
            }
            // one inventory holds one spelling of each id (ids that differ only in case are one resource, read once)
            Set<String> ids = new HashSet<>(report.results().size() * 4 / 3 + 1);
            for (Result result : report.results()) {
                ids.add(result.resource().id());
                byStatus[result.status().ordinal()]++;
                result.baselineState().ifPresent(state -> byBaselineState[state.ordinal()]++);
                if (result.status() == Status.ERROR) {
                    errors.add(result);
                }
                if (result.suppressed()) {
                    suppressed.add(result);
                }
                if (result.failing()) {
                    boolean isNew = result.baselineState().orElse(BaselineState.NEW) == BaselineState.NEW;
                    (isNew ? newFailing : knownFailing).get(result.severity().ordinal()).add(result);
                }
            }
            resources = ids.size();
        }

        long failingBySeverity(Severity severity) {
            return newFailing.get(severity.ordinal()).size() + knownFailing.get(severity.ordinal()).size();
        }

        /** Most severe first; with a baseline the new failures come first: they are what this change brought. */
        List<Result> failing(boolean baseline) {
            List<Result> failing = new ArrayList<>();
            if (baseline) {
                newFailing.forEach(failing::addAll);
                knownFailing.forEach(failing::addAll);
            } else {
                for (int i = 0; i < newFailing.size(); i++) {
                    failing.addAll(newFailing.get(i));
                    failing.addAll(knownFailing.get(i));
                }
            }
            return failing;
        }
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
