package dev.lensix.api.report;

import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Severity;
import dev.lensix.api.check.Status;

import java.util.Objects;

/**
 * The verdict of one check on one resource, with everything a report needs to show it.
 *
 * <pre>{@code
 * for (Result result : report.results()) {
 *     if (result.status() == Status.FAIL) {
 *         out.println(result.check().id() + " " + result.resource().id() + ": " + result.message());
 *     }
 * }
 * }</pre>
 *
 * @param check    the check that produced it
 * @param resource the resource it is about
 * @param status   PASS, FAIL or ERROR
 * @param severity the severity of this result (the check's default unless the check raised or lowered it)
 * @param message  one line
 * @param evidence the JSON paths read and the values seen
 */
public record Result(CheckDescriptor check, ResourceRef resource, Status status, Severity severity, String message,
                     Evidence evidence) {

    public Result {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(evidence, "evidence");
    }

    public String checkId() {
        return check.id();
    }
}
