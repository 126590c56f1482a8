package dev.lensix.api.report;

import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Severity;
import dev.lensix.api.check.Status;
import dev.lensix.api.resource.SourceLocation;

import java.util.Objects;
import java.util.Optional;

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
 * @param evidence      the JSON paths read and the values seen
 * @param suppression   the accepted risk that covers this FAIL, if one does (only FAIL results are ever suppressed)
 * @param baselineState how it compares with the baseline, when the scan was given one
 */
public record Result(CheckDescriptor check, ResourceRef resource, Status status, Severity severity, String message,
                     Evidence evidence, Optional<Suppression> suppression, Optional<BaselineState> baselineState) {

    public Result {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(suppression, "suppression");
        Objects.requireNonNull(baselineState, "baselineState");
        if (suppression.isPresent() && status != Status.FAIL) {
            throw new IllegalArgumentException("only a FAIL result can be suppressed, not " + status);
        }
        if (baselineState.filter(state -> state == BaselineState.ABSENT).isPresent()) {
            throw new IllegalArgumentException("a result this scan gives is not absent");
        }
    }

    /** A result as a check gives it: not suppressed, not compared with a baseline. */
    public Result(CheckDescriptor check, ResourceRef resource, Status status, Severity severity, String message,
                  Evidence evidence) {
        this(check, resource, status, severity, message, evidence, Optional.empty(), Optional.empty());
    }

    /** This FAIL, marked as covered by the accepted risk. */
    public Result suppressedBy(Suppression accepted) {
        return new Result(check, resource, status, severity, message, evidence, Optional.of(accepted), baselineState);
    }

    /** This result, marked with how it compares with the baseline. */
    public Result withBaselineState(BaselineState state) {
        return new Result(check, resource, status, severity, message, evidence, suppression, Optional.of(state));
    }

    /** True for a FAIL an accepted risk covers: it does not count toward the exit code. */
    public boolean suppressed() {
        return suppression.isPresent();
    }

    /** True for a FAIL that counts: not suppressed. */
    public boolean failing() {
        return status == Status.FAIL && suppression.isEmpty();
    }

    /**
     * Where in a source file this result is decided, for a resource declared in one: the property the evidence names
     * when the file sets it, else the resource's declaration.
     */
    public Optional<SourceLocation> sourceLocation() {
        return resource.origin().map(origin -> origin.decidingLocation(evidence, resource.id()));
    }

    public String checkId() {
        return check.id();
    }
}
