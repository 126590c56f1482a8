package dev.lensix.input.azure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * lensix's model of ARM's read throttling: a token bucket per subscription (250 reads, refilled at 25 per
 * second), kept in step with the {@code x-ms-ratelimit-remaining-subscription-reads} header of every
 * response and emptied by a 429's {@code Retry-After}. Requests take a token before they are sent and
 * wait when the bucket is down to its reserve, so lensix slows down before ARM has to throttle it.
 */
final class SubscriptionBuckets {

    static final double CAPACITY = 250;
    static final double REFILL_PER_SECOND = 25;
    /** Tokens kept back for other clients of the same subscription and for requests already in flight. */
    static final double RESERVE = 10;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    SubscriptionBuckets(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    SubscriptionBuckets() {
        this(System::nanoTime);
    }

    /** Takes a token for a request to {@code subscription}; returns how many nanoseconds to wait before sending it. */
    long reserve(String subscription) {
        return bucket(subscription).reserve(nanoTime.getAsLong());
    }

    /** Nanoseconds until a request to {@code subscription} could be sent without waiting; 0 when now. */
    long readyIn(String subscription) {
        Bucket bucket = buckets.get(subscription);
        return bucket == null ? 0 : bucket.readyIn(nanoTime.getAsLong());
    }

    /** ARM said how many reads are left. */
    void observeRemaining(String subscription, long remaining) {
        bucket(subscription).observe(remaining, nanoTime.getAsLong());
    }

    /** ARM answered 429: nothing more for {@code subscription} until {@code retryAfterNanos} have passed. */
    void pause(String subscription, long retryAfterNanos) {
        bucket(subscription).pause(nanoTime.getAsLong() + retryAfterNanos, nanoTime.getAsLong());
    }

    private Bucket bucket(String subscription) {
        return buckets.computeIfAbsent(subscription, key -> new Bucket(nanoTime.getAsLong()));
    }

    private static final class Bucket {
        private double tokens = CAPACITY;
        private long updated;
        private long pausedUntil;

        Bucket(long now) {
            this.updated = now;
            this.pausedUntil = now;
        }

        synchronized long reserve(long now) {
            refill(now);
            tokens -= 1;
            long wait = tokens >= RESERVE ? 0 : Math.round((RESERVE - tokens) * 1e9 / REFILL_PER_SECOND);
            return Math.max(wait, pausedUntil - now);
        }

        synchronized long readyIn(long now) {
            refill(now);
            long wait = tokens - 1 >= RESERVE ? 0 : Math.round((RESERVE - (tokens - 1)) * 1e9 / REFILL_PER_SECOND);
            return Math.max(wait, pausedUntil - now);
        }

        synchronized void observe(long remaining, long now) {
            refill(now);
            tokens = Math.min(tokens, remaining);
        }

        synchronized void pause(long until, long now) {
            refill(now);
            tokens = Math.min(tokens, 0);
            pausedUntil = Math.max(pausedUntil, until);
        }

        private void refill(long now) {
            if (now > updated) {
                tokens = Math.min(CAPACITY, tokens + (now - updated) / 1e9 * REFILL_PER_SECOND);
                updated = now;
            }
        }
    }
}
