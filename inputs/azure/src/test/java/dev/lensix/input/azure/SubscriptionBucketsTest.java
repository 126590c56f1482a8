package dev.lensix.input.azure;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** lensix's model of ARM's read quota, on a clock the test moves. */
class SubscriptionBucketsTest {

    private static final long MS = 1_000_000;

    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final SubscriptionBuckets buckets = new SubscriptionBuckets(now::get);

    @Test
    void aFullBucketLetsRequestsGoUntilItsReserveThenPacesAtTheRefillRate() {
        for (int i = 0; i < 240; i++) {
            assertThat(buckets.reserve("s1")).as("request %d", i).isZero();
        }
        assertThat(buckets.reserve("s1")).isEqualTo(40 * MS); // one token below the reserve: 1/25 s
        assertThat(buckets.reserve("s1")).isEqualTo(80 * MS);
        assertThat(buckets.readyIn("s1")).isEqualTo(120 * MS);
        assertThat(buckets.reserve("s2")).isZero(); // each subscription has its own bucket
        now.addAndGet(1_000 * MS); // 25 tokens later
        assertThat(buckets.readyIn("s1")).isZero();
    }

    @Test
    void armsRemainingReadsHeaderBringsTheModelDown() {
        assertThat(buckets.reserve("s1")).isZero();
        buckets.observeRemaining("s1", 12);
        assertThat(buckets.reserve("s1")).isZero();
        assertThat(buckets.reserve("s1")).isZero();
        assertThat(buckets.reserve("s1")).isEqualTo(40 * MS);
        buckets.observeRemaining("s1", 5000); // never raises it
        assertThat(buckets.readyIn("s1")).isEqualTo(80 * MS);
    }

    @Test
    void a429PausesTheSubscriptionForItsRetryAfter() {
        buckets.pause("s1", 3_000 * MS);
        assertThat(buckets.readyIn("s1")).isEqualTo(3_000 * MS);
        now.addAndGet(3_000 * MS);
        // the bucket was emptied: after 3 s it holds 75 tokens, above the reserve
        assertThat(buckets.readyIn("s1")).isZero();
        assertThat(buckets.readyIn("unknown")).isZero();
    }
}
