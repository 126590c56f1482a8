package dev.lensix.api.check;

import java.util.Objects;
import java.util.Optional;

/**
 * What a check says about one resource. The engine adds the check's and the resource's identity
 * to make a {@link dev.lensix.api.report.Result}.
 *
 * <pre>{@code
 * return keyUri.isEmpty()
 *     ? Verdict.fail("backups use a Microsoft-managed key", evidence.build())
 *     : Verdict.pass("backups use the customer-managed key " + keyUri, evidence.build());
 * }</pre>
 *
 * @param status   PASS, FAIL or ERROR
 * @param message  one line naming the problem or the reason
 * @param evidence what was read
 * @param severity a severity for this result that differs from the check's default, if any
 */
public record Verdict(Status status, String message, Evidence evidence, Optional<Severity> severity) {

    public Verdict {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(severity, "severity");
    }

    public static Verdict pass(String message, Evidence evidence) {
        return new Verdict(Status.PASS, message, evidence, Optional.empty());
    }

    public static Verdict fail(String message, Evidence evidence) {
        return new Verdict(Status.FAIL, message, evidence, Optional.empty());
    }

    /** The check cannot decide: say why (not collected, outside the scanned scope, ...). */
    public static Verdict error(String message, Evidence evidence) {
        return new Verdict(Status.ERROR, message, evidence, Optional.empty());
    }

    /** The same verdict at another severity, for checks whose severity depends on context. */
    public Verdict withSeverity(Severity override) {
        return new Verdict(status, message, evidence, Optional.of(override));
    }
}
