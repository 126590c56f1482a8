package dev.lensix.api.report;

import java.util.Objects;

/**
 * Something that kept the scan from being complete but is not about one resource: a plug-in that
 * failed to load or start, a check that could not be built. Reports show problems; a scan with
 * problems is incomplete.
 *
 * <pre>{@code
 * for (ScanProblem problem : report.problems()) {
 *     err.println(problem.source() + ": " + problem.message());
 * }
 * }</pre>
 *
 * @param source  what it concerns, e.g. {@code plugin:recovery-services}
 * @param message one line saying what went wrong
 */
public record ScanProblem(String source, String message) {

    public ScanProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
    }
}
