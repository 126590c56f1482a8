package dev.lensix.api.report;

import java.util.Objects;

/**
 * A result of the baseline that this scan no longer gives: the check passed, or the resource is gone. Reports list
 * them so that a fix shows as one ({@code baselineState} {@code absent} in SARIF).
 *
 * <pre>{@code
 * for (AbsentResult gone : report.triage().absent()) {
 *     out.println("fixed or gone: " + gone.checkId() + " " + gone.resourceId());
 * }
 * }</pre>
 *
 * @param checkId     the check, as the baseline names it
 * @param resourceId  the ARM id, as the baseline names it
 * @param status      its status in the baseline ({@code FAIL} or {@code ERROR}, as the baseline's level says)
 * @param message     its message in the baseline
 * @param fingerprint its stable fingerprint
 */
public record AbsentResult(String checkId, String resourceId, String status, String message, String fingerprint) {

    public AbsentResult {
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }
}
