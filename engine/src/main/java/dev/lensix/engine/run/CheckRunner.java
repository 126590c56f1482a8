package dev.lensix.engine.run;

import dev.lensix.api.check.Check;
import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.NotKnownException;
import dev.lensix.api.check.Observation;
import dev.lensix.api.check.Status;
import dev.lensix.api.check.Verdict;
import dev.lensix.api.report.ResourceRef;
import dev.lensix.api.report.Result;
import dev.lensix.api.resource.Inventory;
import dev.lensix.api.resource.Resource;
import dev.lensix.engine.inventory.InMemoryInventory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Evaluates every check on every resource of its target type. Each evaluation is isolated: whatever a
 * check throws becomes an ERROR result for that check and resource, and the scan goes on. Results come
 * sorted by check id, then resource id, so reports diff cleanly between runs.
 *
 * <p>Containment: each check runs in a worker thread of its own, its resources in id order; as many checks run at
 * once as there are processors. An evaluation (one check on one resource, {@code appliesTo} included) that takes longer than the
 * time limit, or that runs out of memory, stops the check: that resource gets an ERROR result saying so, and so
 * does every resource the check had not evaluated yet, while the results it already gave stand. A thread that
 * does not stop when interrupted is abandoned (it is a daemon, so it never keeps lensix from exiting). A check that
 * ran out of memory while others ran beside it is run again alone, so that a memory hog cannot cost another check its
 * results. The results of well-behaved checks never depend on timing.
 */
public final class CheckRunner {

    /** The default time limit for one check on one resource: normal evaluations take microseconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** Made when the class is, before any check can fill the heap. */
    private static final Logger LOG = LoggerFactory.getLogger(CheckRunner.class);

    public static final Comparator<Result> RESULT_ORDER = Comparator
            .comparing((Result result) -> result.check().id())
            .thenComparing(result -> result.resource().id(), InMemoryInventory.ID_ORDER);

    /** Room for checks that recurse over JSON nested up to the snapshot reader's depth limit. */
    private static final long WORKER_STACK_BYTES = 16L << 20;

    private final Duration timeout;
    private final int parallelism;

    public CheckRunner() {
        this(DEFAULT_TIMEOUT);
    }

    /** @param timeout the time limit for one check on one resource */
    public CheckRunner(Duration timeout) {
        this(timeout, Runtime.getRuntime().availableProcessors());
    }

    /** @param parallelism how many checks run at once; 1 runs them one after another */
    public CheckRunner(Duration timeout, int parallelism) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the check timeout must be positive, not " + timeout);
        }
        this.timeout = timeout;
        this.parallelism = Math.max(1, parallelism);
    }

    public List<Result> run(List<Check> checks, Inventory inventory) {
        return runTimed(checks, inventory).results();
    }

    /**
     * What {@link #run} gives, and how long each check took.
     *
     * @param results   every result, in {@link #RESULT_ORDER}
     * @param durations by check id, the wall time each check took over all its resources (its run alone again
     *                  included, after running out of memory); checks without resources of their type are absent
     */
    public record Timed(List<Result> results, Map<String, Duration> durations) {
        public Timed {
            results = List.copyOf(results);
            durations = Map.copyOf(durations);
        }
    }

    /** Runs the checks as {@link #run} does, timing each one. */
    public Timed runTimed(List<Check> checks, Inventory inventory) {
        List<CheckRun> runs = new ArrayList<>();
        for (Check check : checks) {
            CheckDescriptor descriptor = check.descriptor();
            List<Resource> resources = inventory.ofType(descriptor.targetType());
            if (!resources.isEmpty()) {
                runs.add(new CheckRun(check, descriptor, resources, inventory, timeout));
            }
        }
        List<List<Result>> perCheck = runAll(runs);
        List<Result> results = new ArrayList<>();
        Map<String, Duration> durations = new HashMap<>();
        // each run's results follow its resources, which the inventory lists in id order: gathered in check id order
        // they are, for ARM's ids, already in RESULT_ORDER. Each run checked its own order as it finished, in parallel;
        // here only where one run's results meet the next's
        boolean ordered = true;
        Result last = null;
        Integer[] byCheckId = new Integer[runs.size()];
        Arrays.setAll(byCheckId, i -> i);
        Arrays.sort(byCheckId, Comparator.comparing((Integer i) -> runs.get(i).descriptor.id()));
        for (int i : byCheckId) {
            CheckRun run = runs.get(i);
            long nanos = run.elapsedNanos();
            // another check may have taken the memory: alone, a check that is not the hog gets its results
            List<Result> given;
            if (run.ranOutOfMemory() && runs.size() > 1 && parallelism > 1) {
                CheckRun alone = run.again();
                given = alone.results();
                ordered &= alone.resultsInOrder();
                nanos += alone.elapsedNanos();
            } else {
                given = perCheck.get(i);
                ordered &= run.resultsInOrder();
            }
            if (!given.isEmpty()) {
                ordered &= last == null || RESULT_ORDER.compare(last, given.get(0)) <= 0;
                last = given.get(given.size() - 1);
            }
            results.addAll(given);
            durations.merge(run.descriptor.id(), Duration.ofNanos(nanos), Duration::plus);
        }
        if (!ordered) {
            results.sort(RESULT_ORDER);
        }
        return new Timed(results, durations);
    }

    private static boolean inOrder(List<Result> results) {
        for (int i = 1; i < results.size(); i++) {
            if (RESULT_ORDER.compare(results.get(i - 1), results.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    private List<List<Result>> runAll(List<CheckRun> runs) {
        int threads = Math.min(parallelism, runs.size());
        List<List<Result>> perCheck = new ArrayList<>();
        if (threads <= 1) {
            runs.forEach(run -> perCheck.add(run.results()));
            return perCheck;
        }
        ExecutorService watchers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "lensix-check-watcher");
            thread.setDaemon(true);
            return thread;
        });
        try {
            // the checks with the most resources start first, so that no long one is left to run alone at the end
            List<Future<List<Result>>> futures = new ArrayList<>(java.util.Collections.nCopies(runs.size(), null));
            java.util.stream.IntStream.range(0, runs.size()).boxed()
                    .sorted(java.util.Comparator.comparingInt((Integer i) -> runs.get(i).size()).reversed())
                    .forEach(i -> futures.set(i, watchers.submit(runs.get(i)::results)));
            for (Future<List<Result>> future : futures) {
                perCheck.add(future.get());
            }
            return perCheck;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running checks", e);
        } catch (ExecutionException e) {
            // results() contains whatever a check does; what reaches here is lensix's own failure
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            watchers.shutdownNow();
        }
    }

    static Result toResult(CheckDescriptor descriptor, Resource resource, Verdict verdict) {
        return new Result(descriptor, ResourceRef.of(resource), verdict.status(),
                verdict.severity().orElse(descriptor.severity()), verdict.message(), verdict.evidence());
    }

    /** The ERROR for a check that used a value the export does not make known. */
    static Verdict notKnown(Resource resource, NotKnownException e) {
        String whose = e.resourceId().equalsIgnoreCase(resource.id()) ? "its " : "the related resource " + e.resourceId() + "'s ";
        return Verdict.error(resource.type() + " " + resource.name() + " cannot be evaluated: " + whose + e.path()
                + " is " + e.reason(), e.evidence());
    }

    /** The ERROR for a resource that may not be deployed at all. */
    static Verdict notDeployedForSure(Resource resource, String reason) {
        return Verdict.error(resource.type() + " " + resource.name() + " cannot be evaluated: whether it is deployed at all is "
                + reason, new Evidence(List.of(new Observation(resource.id(), "(deployed)", "(not known: " + reason + ")", false,
                Observation.Kind.NOT_KNOWN))));
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        String name = e.getClass().getName();
        return message == null || message.isBlank() ? name : name + ": " + message.lines().findFirst().orElse("");
    }

    /** {@code 30s}, {@code 1m30s}, {@code 250ms}: the way {@code --check-timeout} is written. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        if (seconds < 60) {
            return seconds + "s";
        }
        StringBuilder text = new StringBuilder();
        if (seconds >= 3600) {
            text.append(seconds / 3600).append('h');
        }
        if (seconds % 3600 >= 60) {
            text.append(seconds % 3600 / 60).append('m');
        }
        if (seconds % 60 != 0) {
            text.append(seconds % 60).append('s');
        }
        return text.toString();
    }

    /** True when any result is of {@code status}. */
    public static boolean any(List<Result> results, Status status) {
        return results.stream().anyMatch(result -> result.status() == status);
    }

    /** One check over its resources, in a worker thread watched by the calling thread. */
    private static final class CheckRun implements Runnable {

        /** The evaluation under way: which resource, since when. Replaced by {@link #STOPPED} when the watcher stops it. */
        private record Evaluation(int index, long startedNanos) {
        }

        /** Why the check was stopped at {@code index}: the message for that resource and for those after it. */
        private record Stop(int index, String message, String notEvaluated, boolean outOfMemory) {
            Stop(int index, String message, String notEvaluated) {
                this(index, message, notEvaluated, false);
            }
        }

        private static final Evaluation STOPPED = new Evaluation(-1, 0);

        private final Check check;
        private final CheckDescriptor descriptor;
        private final List<Resource> resources;
        private final Inventory inventory;
        private final Duration timeout;
        /** What the worker gave for each resource; null where the check does not apply. */
        private final Result[] given;
        private final AtomicReference<Evaluation> current = new AtomicReference<>();
        private final CountDownLatch finished = new CountDownLatch(1);
        private volatile Stop stop;

        /** How long {@link #results} took; written and read by the thread that calls it, or after it returned. */
        private volatile long elapsedNanos;
        /** Whether what {@link #results} returned is in {@link #RESULT_ORDER}; likewise. */
        private volatile boolean resultsInOrder;

        CheckRun(Check check, CheckDescriptor descriptor, List<Resource> resources, Inventory inventory, Duration timeout) {
            this.check = check;
            this.descriptor = descriptor;
            this.resources = resources;
            this.inventory = inventory;
            this.timeout = timeout;
            this.given = new Result[resources.size()];
        }

        /** True when the check was stopped because memory ran out (known once {@link #results} returned). */
        boolean ranOutOfMemory() {
            Stop stopped = stop;
            return stopped != null && stopped.outOfMemory();
        }

        /** How many resources the check is to evaluate. */
        int size() {
            return resources.size();
        }

        long elapsedNanos() {
            return elapsedNanos;
        }

        boolean resultsInOrder() {
            return resultsInOrder;
        }

        /** A fresh run of the same check. */
        CheckRun again() {
            return new CheckRun(check, descriptor, resources, inventory, timeout);
        }

        List<Result> results() {
            Thread worker = new Thread(null, this, "lensix-check-" + descriptor.id(), WORKER_STACK_BYTES);
            worker.setDaemon(true);
            worker.setUncaughtExceptionHandler((thread, e) -> LOG
                    .debug("abandoned thread {} of check {} ended", thread.getName(), descriptor.id(), e));
            long started = System.nanoTime();
            worker.start();
            watch(worker);
            elapsedNanos = System.nanoTime() - started;
            logTime(started);
            Stop stopped = stop;
            int end = stopped == null ? resources.size() : stopped.index();
            List<Result> results = new ArrayList<>();
            for (int i = 0; i < end; i++) {
                if (given[i] != null) {
                    results.add(given[i]);
                }
            }
            if (stopped != null) {
                results.add(error(stopped.index(), stopped.message()));
                for (int i = stopped.index() + 1; i < resources.size(); i++) {
                    results.add(error(i, stopped.notEvaluated()));
                }
            }
            resultsInOrder = inOrder(results);
            return results;
        }

        /** Under {@code --debug}; the heap may just have been exhausted by the check, so nothing is allocated otherwise. */
        private void logTime(long started) {
            if (LOG.isDebugEnabled()) {
                try {
                    LOG.debug("check {} evaluated {} resources in {} ms", descriptor.id(), resources.size(),
                            (System.nanoTime() - started) / 1_000_000);
                } catch (OutOfMemoryError e) {
                    // a log line is not worth failing the scan for
                }
            }
        }

        /** Waits for the worker; stops the check when one evaluation outlives the time limit. */
        private void watch(Thread worker) {
            long limit = timeout.toNanos();
            long poll = Math.max(1, Math.min(100, timeout.toMillis() / 10));
            try {
                while (!awaitFinished(poll)) {
                    Evaluation running = current.get();
                    if (running != null && running != STOPPED && System.nanoTime() - running.startedNanos() > limit
                            && current.compareAndSet(running, STOPPED)) {
                        String resourceId = resources.get(running.index()).id();
                        stop = new Stop(running.index(),
                                "check " + descriptor.id() + " did not finish within " + format(timeout)
                                        + " on this resource and was stopped (--check-timeout)",
                                "not evaluated: check " + descriptor.id() + " was stopped after it did not finish within "
                                        + format(timeout) + " on " + resourceId);
                        worker.interrupt();
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                Evaluation running = current.getAndSet(STOPPED);
                int index = running == null || running == STOPPED ? firstNotGiven() : running.index();
                if (index < resources.size()) {
                    stop = new Stop(index, "not evaluated: the scan was interrupted",
                            "not evaluated: the scan was interrupted");
                }
                worker.interrupt();
            }
        }

        /**
         * Waits up to {@code millis} for the worker. A check exhausting the heap can make even this wait fail to
         * allocate: the check gets its own OutOfMemoryError soon after and frees what it held, so wait on.
         */
        private boolean awaitFinished(long millis) throws InterruptedException {
            try {
                return finished.await(millis, TimeUnit.MILLISECONDS);
            } catch (OutOfMemoryError e) {
                return false;
            }
        }

        private int firstNotGiven() {
            int i = 0;
            while (i < given.length && given[i] != null) {
                i++;
            }
            return i;
        }

        /** The worker: evaluates the resources in order until done or stopped. */
        @Override
        public void run() {
            int index = 0;
            try {
                for (; index < resources.size(); index++) {
                    Resource resource = resources.get(index);
                    Evaluation evaluation = new Evaluation(index, System.nanoTime());
                    current.set(evaluation);
                    boolean applies = true;
                    Verdict verdict = null;
                    Throwable failure = null;
                    try {
                        applies = check.appliesTo(resource, inventory);
                        if (applies) {
                            verdict = check.evaluate(resource, inventory);
                        }
                    } catch (Throwable e) {
                        // anything: checked exceptions thrown sneakily, AssertionError, LinkageError, StackOverflowError
                        failure = e;
                    }
                    if (!current.compareAndSet(evaluation, null)) {
                        return; // the watcher stopped this evaluation and reports it
                    }
                    if (failure instanceof OutOfMemoryError) {
                        failure = null;
                        stop = new Stop(index, "check " + descriptor.id()
                                + " ran out of memory on this resource and was stopped",
                                "not evaluated: check " + descriptor.id() + " was stopped after it ran out of memory on "
                                        + resource.id(), true);
                        return;
                    }
                    if (!applies && failure == null) {
                        continue;
                    }
                    Optional<String> maybeDeployed = resource.deploymentNotKnown();
                    if (maybeDeployed.isPresent()) {
                        // whatever the check made of it: neither what it read nor what it missed may ever exist
                        verdict = notDeployedForSure(resource, maybeDeployed.get());
                    } else if (failure instanceof NotKnownException notKnown) {
                        verdict = notKnown(resource, notKnown);
                    } else if (failure != null) {
                        verdict = Verdict.error("check " + descriptor.id() + " failed: " + describe(failure), Evidence.none());
                    } else if (verdict == null) {
                        verdict = Verdict.error("check " + descriptor.id() + " returned no verdict", Evidence.none());
                    }
                    given[index] = toResult(descriptor, resource, verdict);
                }
            } catch (Throwable e) {
                // building a result failed (memory ran out right after the check): stop here rather than lose the thread
                stop = new Stop(index, "check " + descriptor.id() + " failed: " + describe(e),
                        "not evaluated: check " + descriptor.id() + " was stopped after it failed on "
                                + resources.get(index).id());
            } finally {
                finished.countDown();
            }
        }

        private Result error(int index, String message) {
            return toResult(descriptor, resources.get(index), Verdict.error(message, Evidence.none()));
        }
    }
}
