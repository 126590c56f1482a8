package dev.lensix.engine.scan;

import dev.lensix.api.check.Severity;
import dev.lensix.api.report.BaselineState;
import dev.lensix.api.report.ScanReport;

import java.util.Optional;

/** lensix's documented process exit codes. */
public enum ExitCode {
    /** Nothing failing at or above the threshold, and the scan is complete. */
    CLEAN(0),
    /** At least one FAIL at or above the {@code --fail-on} severity. */
    FINDINGS(1),
    /** Bad usage or unreadable input: nothing was scanned. */
    USAGE_OR_INPUT(2),
    /** ERROR results or plug-in problems, and no finding at or above the threshold. */
    INCOMPLETE(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /**
     * @param failOn the lowest severity that fails the run; empty for {@code --fail-on none}
     */
    public static ExitCode of(ScanReport report, Optional<Severity> failOn) {
        return of(report, failOn, false);
    }

    /**
     * A suppressed FAIL never counts; with {@code onlyNew} ({@code --fail-on-new}) only FAILs that the baseline does
     * not hold count.
     *
     * @param failOn the lowest severity that fails the run; empty for {@code --fail-on none}
     */
    public static ExitCode of(ScanReport report, Optional<Severity> failOn, boolean onlyNew) {
        boolean failing = failOn.isPresent() && report.results().stream()
                .filter(result -> !onlyNew || result.baselineState().orElse(BaselineState.NEW) == BaselineState.NEW)
                .anyMatch(result -> result.failing() && result.severity().isAtLeast(failOn.get()));
        if (failing) {
            return FINDINGS;
        }
        return report.complete() ? CLEAN : INCOMPLETE;
    }
}
