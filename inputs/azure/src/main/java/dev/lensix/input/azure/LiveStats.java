package dev.lensix.input.azure;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of a live collection, read by the progress line and the benchmark while it runs. */
public final class LiveStats {

    final AtomicLong subscriptions = new AtomicLong();
    final AtomicLong subscriptionsDone = new AtomicLong();
    final AtomicLong resources = new AtomicLong();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong throttled = new AtomicLong();
    final AtomicLong serverErrors = new AtomicLong();
    final AtomicLong connectionErrors = new AtomicLong();
    final AtomicLong failedCollections = new AtomicLong();
    final AtomicLong waitedNanos = new AtomicLong();

    /**
     * @param subscriptions     subscriptions being collected
     * @param subscriptionsDone subscriptions whose every collection has finished
     * @param resources         resources collected
     * @param requests          HTTP requests sent, every retry included
     * @param throttled         429 answers received
     * @param serverErrors      5xx answers received (each retried)
     * @param connectionErrors  requests that failed without an answer (reset, timeout; each retried)
     * @param failedCollections collections that could not be made after retries (not collected)
     * @param throttleWaitMillis time requests waited for lensix's own throttle, summed over requests
     */
    public record Snapshot(long subscriptions, long subscriptionsDone, long resources, long requests, long throttled,
                           long serverErrors, long connectionErrors, long failedCollections, long throttleWaitMillis) {
    }

    public Snapshot snapshot() {
        return new Snapshot(subscriptions.get(), subscriptionsDone.get(), resources.get(), requests.get(),
                throttled.get(), serverErrors.get(), connectionErrors.get(), failedCollections.get(),
                waitedNanos.get() / 1_000_000);
    }

    /** One line for the terminal: {@code 3/20 subscriptions, 812 resources, 1040 requests, 2 throttled, 0 errors}. */
    public static String describe(Snapshot s) {
        return s.subscriptionsDone() + "/" + s.subscriptions() + " subscriptions, " + s.resources() + " resources, "
                + s.requests() + " requests, " + s.throttled() + " throttled, " + s.failedCollections() + " errors";
    }
}
