package dev.lensix.engine.scan;

import dev.lensix.api.check.Check;
import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.input.Collected;
import dev.lensix.api.input.CollectionLedger;
import dev.lensix.api.input.Input;
import dev.lensix.api.input.InputException;
import dev.lensix.api.report.Result;
import dev.lensix.api.report.ScanProblem;
import dev.lensix.api.report.ScanReport;
import dev.lensix.api.report.Triage;
import dev.lensix.engine.LensixVersion;
import dev.lensix.engine.inventory.InMemoryInventory;
import dev.lensix.engine.plugin.LoadedCheck;
import dev.lensix.engine.plugin.LoadedReporter;
import dev.lensix.engine.run.CheckRunner;
import dev.lensix.engine.triage.Triager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One scan: chooses the checks, reads from an input what they need, runs them, and assembles the report every
 * reporter receives.
 *
 * <pre>{@code
 * List<LoadedCheck> checks = Scanner.selectChecks(host.checks(), Set.of(), Set.of("kv_nologging"));
 * ScanReport report = new Scanner(Clock.systemUTC()).scan(new SnapshotInput(paths), checks, host.problems());
 * }</pre>
 */
public final class Scanner {

    private static final Logger LOG = LoggerFactory.getLogger(Scanner.class);

    private final Clock clock;
    private final Duration checkTimeout;
    private final Optional<Triager> triager;

    public Scanner(Clock clock) {
        this(clock, CheckRunner.DEFAULT_TIMEOUT);
    }

    /** @param checkTimeout the time limit for one check on one resource ({@code --check-timeout}) */
    public Scanner(Clock clock, Duration checkTimeout) {
        this(clock, checkTimeout, Optional.empty());
    }

    private Scanner(Clock clock, Duration checkTimeout, Optional<Triager> triager) {
        this.clock = clock;
        this.checkTimeout = checkTimeout;
        this.triager = triager;
    }

    /** This scanner, with suppressions and a baseline applied to every report it makes. */
    public Scanner triagedBy(Triager suppressionsAndBaseline) {
        return new Scanner(clock, checkTimeout, Optional.of(suppressionsAndBaseline));
    }

    /**
     * The checks to run: all of them, or only {@code only} when given, less {@code skip}.
     *
     * @throws UsageException when an id names no known check
     */
    public static List<LoadedCheck> selectChecks(List<LoadedCheck> all, Collection<String> only, Collection<String> skip)
            throws UsageException {
        Map<String, LoadedCheck> byId = all.stream()
                .collect(Collectors.toMap(check -> check.descriptor().id(), Function.identity()));
        Set<String> unknown = new TreeSet<>();
        for (String id : union(only, skip)) {
            if (!byId.containsKey(id)) {
                unknown.add(id);
            }
        }
        if (!unknown.isEmpty()) {
            throw new UsageException("unknown check id" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                    + "; known checks: " + (byId.isEmpty() ? "none" : String.join(", ", new TreeSet<>(byId.keySet()))));
        }
        return all.stream()
                .filter(check -> only.isEmpty() || only.contains(check.descriptor().id()))
                .filter(check -> !skip.contains(check.descriptor().id()))
                .toList();
    }

    /**
     * The reporters named by {@code formats}, in the order given.
     *
     * @throws UsageException when a name is not a loaded reporter's format
     */
    public static List<LoadedReporter> selectReporters(List<LoadedReporter> all, List<String> formats)
            throws UsageException {
        Map<String, LoadedReporter> byName = all.stream()
                .collect(Collectors.toMap(reporter -> reporter.formatName().toLowerCase(Locale.ROOT), Function.identity()));
        List<LoadedReporter> chosen = new ArrayList<>();
        for (String format : new LinkedHashSet<>(formats)) {
            LoadedReporter reporter = byName.get(format.strip().toLowerCase(Locale.ROOT));
            if (reporter == null) {
                throw new UsageException("unknown format '" + format.strip() + "'; available: "
                        + (byName.isEmpty() ? "none (no reporter plug-in started)" : String.join(", ", new TreeSet<>(byName.keySet()))));
            }
            if (!chosen.contains(reporter)) { // "sarif,SARIF" names one reporter: write its file once
                chosen.add(reporter);
            }
        }
        return chosen;
    }

    /**
     * Reads from {@code input} what the checks read and scans it; the scan starts when the reading does, and
     * {@code problems} (the plug-ins') come before the input's own.
     */
    public ScanReport scan(Input input, List<LoadedCheck> checks, List<ScanProblem> problems) throws InputException {
        Instant started = clock.instant();
        long reading = System.nanoTime();
        Collected collected = input.read(checks.stream().map(LoadedCheck::descriptor).toList());
        List<ScanProblem> allProblems = new ArrayList<>(problems);
        allProblems.addAll(collected.problems());
        long indexing = System.nanoTime();
        InMemoryInventory inventory = InMemoryInventory.of(collected);
        if (LOG.isDebugEnabled()) {
            LOG.debug("read {} resources of the types the checks read in {} ms, indexed them in {} ms",
                    collected.resources().size(), (indexing - reading) / 1_000_000, (System.nanoTime() - indexing) / 1_000_000);
        }
        return scan(started, collected.scope(), inventory, collected.ledger(), checks, allProblems);
    }

    /** Runs {@code checks} over an inventory already collected. */
    public ScanReport scan(Instant started, List<String> scope, InMemoryInventory inventory, List<LoadedCheck> checks,
                           List<ScanProblem> problems) {
        return scan(started, scope, inventory, CollectionLedger.EMPTY, checks, problems);
    }

    /**
     * Runs {@code checks} over an inventory already collected, adding an ERROR result for every collection
     * of a check's target type that failed ({@link CollectionLedger#gapResults}).
     */
    public ScanReport scan(Instant started, List<String> scope, InMemoryInventory inventory, CollectionLedger ledger,
                           List<LoadedCheck> checks, List<ScanProblem> problems) {
        long running = System.nanoTime();
        List<Check> toRun = checks.stream().map(LoadedCheck::check).toList();
        List<CheckDescriptor> descriptors = checks.stream().map(LoadedCheck::descriptor).toList();
        CheckRunner.Timed ran = new CheckRunner(checkTimeout).runTimed(toRun, inventory);
        List<Result> results = ran.results();
        List<Result> gaps = ledger.gapResults(descriptors, inventory);
        if (!gaps.isEmpty()) {
            results = new ArrayList<>(results);
            results.addAll(gaps);
            results.sort(CheckRunner.RESULT_ORDER);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("ran {} checks giving {} results in {} ms", checks.size(), results.size(),
                    (System.nanoTime() - running) / 1_000_000);
        }
        ScanReport report = new ScanReport(LensixVersion.version(), started, clock.instant(), scope, descriptors, results, problems,
                Triage.NONE, ran.durations());
        if (triager.isEmpty()) {
            return report;
        }
        long marking = System.nanoTime();
        ScanReport marked = triager.get().apply(report, inventory::byId);
        LOG.debug("applied suppressions and baseline to {} results in {} ms", results.size(), (System.nanoTime() - marking) / 1_000_000);
        return marked;
    }

    /** Every resource type the checks evaluate or read, lower-cased. */
    public static Set<String> typesRead(List<CheckDescriptor> descriptors) {
        return Input.typesRead(descriptors);
    }

    private static Set<String> union(Collection<String> a, Collection<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
