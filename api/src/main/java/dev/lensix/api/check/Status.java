package dev.lensix.api.check;

/**
 * The verdict of one check on one resource.
 *
 * <pre>{@code
 * if (result.status() == Status.ERROR) { ... the scan is incomplete ... }
 * }</pre>
 */
public enum Status {
    /** The resource meets the check. */
    PASS,
    /** The resource does not meet the check: a finding. */
    FAIL,
    /** The check could not decide (data not collected, access denied, the check crashed). Never a PASS. */
    ERROR
}
