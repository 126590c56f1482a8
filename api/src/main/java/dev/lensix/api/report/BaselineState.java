package dev.lensix.api.report;

import java.util.Locale;

/**
 * How a result compares with the same check on the same resource in a baseline (an earlier scan's SARIF report), by
 * the result's stable fingerprint: the names and meanings of SARIF's {@code baselineState}.
 *
 * <pre>{@code
 * boolean isNewFailure = result.status() == Status.FAIL
 *         && result.baselineState().orElse(BaselineState.NEW) == BaselineState.NEW;
 * }</pre>
 */
public enum BaselineState {
    /** Not in the baseline. */
    NEW,
    /** In the baseline with the same message and evidence. */
    UNCHANGED,
    /** In the baseline with another message or evidence (or status). */
    UPDATED,
    /** In the baseline, not in this scan: fixed, or the resource is gone. Only {@link AbsentResult}s have it. */
    ABSENT;

    /** {@code new}, {@code unchanged}, {@code updated}, {@code absent}: as SARIF and the CSV spell it. */
    public String spelled() {
        return name().toLowerCase(Locale.ROOT);
    }
}
