package dev.lensix.api.report;

import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Status;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one scan produced, handed to every {@link Reporter}.
 *
 * <pre>{@code
 * long failing = report.results().stream().filter(r -> r.status() == Status.FAIL).count();
 * }</pre>
 *
 * @param toolVersion lensix's version
 * @param startedAt   when the scan started
 * @param finishedAt  when it finished
 * @param scope       what was scanned (input files, subscriptions), in the order given
 * @param checks      every check that was evaluated, sorted by id
 * @param results     every result, sorted by check id then resource id
 * @param problems    what kept the scan from being complete, beyond single results
 */
public record ScanReport(String toolVersion, Instant startedAt, Instant finishedAt, List<String> scope,
                         List<CheckDescriptor> checks, List<Result> results, List<ScanProblem> problems) {

    /** Where users learn about lensix; reports link to it. */
    public static final String TOOL_NAME = "lensix";
    public static final String INFORMATION_URI = "https://github.com/lensix/lensix";

    public ScanReport {
        Objects.requireNonNull(toolVersion, "toolVersion");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        scope = List.copyOf(scope);
        checks = List.copyOf(checks);
        results = List.copyOf(results);
        problems = List.copyOf(problems);
    }

    public long count(Status status) {
        return results.stream().filter(result -> result.status() == status).count();
    }

    /** False when any result is ERROR or any problem was met: some of the answer is missing. */
    public boolean complete() {
        return problems.isEmpty() && count(Status.ERROR) == 0;
    }
}
