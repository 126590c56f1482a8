package dev.lensix.api.report;

import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
 * @param triage      what suppressions files and a baseline made of the results ({@link Triage#NONE} without them)
 * @param checkTimes  by check id, how long each check took over all its resources; a check that had none to
 *                    evaluate, or a report made without timing them, has none
 */
public record ScanReport(String toolVersion, Instant startedAt, Instant finishedAt, List<String> scope,
                         List<CheckDescriptor> checks, List<Result> results, List<ScanProblem> problems, Triage triage,
                         Map<String, Duration> checkTimes) {

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
        Objects.requireNonNull(triage, "triage");
        checkTimes = Map.copyOf(checkTimes);
    }

    /** A report whose checks were not timed. */
    public ScanReport(String toolVersion, Instant startedAt, Instant finishedAt, List<String> scope,
                      List<CheckDescriptor> checks, List<Result> results, List<ScanProblem> problems, Triage triage) {
        this(toolVersion, startedAt, finishedAt, scope, checks, results, problems, triage, Map.of());
    }

    /** A report without suppressions or baseline. */
    public ScanReport(String toolVersion, Instant startedAt, Instant finishedAt, List<String> scope,
                      List<CheckDescriptor> checks, List<Result> results, List<ScanProblem> problems) {
        this(toolVersion, startedAt, finishedAt, scope, checks, results, problems, Triage.NONE, Map.of());
    }

    /** The same scan with its results marked by suppressions and a baseline, as {@code triage} says. */
    public ScanReport withTriage(List<Result> marked, List<ScanProblem> allProblems, Triage triaged) {
        return new ScanReport(toolVersion, startedAt, finishedAt, scope, checks, marked, allProblems, triaged, checkTimes);
    }

    /** How long a check took over all its resources; zero when it was not timed or had none. */
    public Duration timeOf(String checkId) {
        return checkTimes.getOrDefault(checkId, Duration.ZERO);
    }

    /** FAIL results an accepted risk covers. */
    public long suppressedCount() {
        return results.stream().filter(Result::suppressed).count();
    }

    public long count(Status status) {
        return results.stream().filter(result -> result.status() == status).count();
    }

    /** False when any result is ERROR or any problem was met: some of the answer is missing. */
    public boolean complete() {
        return problems.isEmpty() && count(Status.ERROR) == 0;
    }
}
