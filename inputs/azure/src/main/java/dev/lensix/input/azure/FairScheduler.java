package dev.lensix.input.azure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToLongFunction;

/**
 * Runs request tasks on a fixed number of workers (the request concurrency), taking them from one queue per
 * subscription in turn, so that every subscription's read quota is used evenly and no subscription is
 * drained while others idle. A subscription whose throttle bucket is empty is passed over while another has
 * work that can go now. Tasks may submit more tasks; {@link #awaitIdle()} returns when none is left.
 */
final class FairScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FairScheduler.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition idle = lock.newCondition();
    private final Map<String, ArrayDeque<Runnable>> queues = new HashMap<>();
    private final ArrayDeque<String> ring = new ArrayDeque<>();
    private final ToLongFunction<String> readyIn;
    private final List<Thread> workers = new ArrayList<>();
    private long pending;
    private boolean closed;

    /** @param readyIn nanoseconds until a request for a queue's key could be sent without waiting */
    FairScheduler(int concurrency, ToLongFunction<String> readyIn) {
        this.readyIn = readyIn;
        for (int i = 0; i < concurrency; i++) {
            Thread worker = new Thread(this::work, "lensix-arm-" + (i + 1));
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    /** Queues {@code task} for {@code key} (a subscription id, or "" for tenant-wide requests). */
    void submit(String key, Runnable task) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("scheduler closed");
            }
            ArrayDeque<Runnable> queue = queues.computeIfAbsent(key, k -> new ArrayDeque<>());
            if (queue.isEmpty()) {
                ring.addLast(key);
            }
            queue.addLast(task);
            pending++;
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every task, including those submitted by tasks, has finished. */
    void awaitIdle() throws InterruptedException {
        lock.lock();
        try {
            while (pending > 0) {
                idle.await();
            }
        } finally {
            lock.unlock();
        }
    }

    private void work() {
        while (true) {
            Runnable task;
            lock.lock();
            try {
                task = next();
                if (task == null) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.error("lensix internal error in a collection task", e);
            } finally {
                lock.lock();
                try {
                    if (--pending == 0) {
                        idle.signalAll();
                    }
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** The next task, round robin over the keys with work, preferring keys that can send now; null when closed. */
    private Runnable next() throws InterruptedException {
        while (true) {
            if (closed) {
                return null;
            }
            if (ring.isEmpty()) {
                work.await();
                continue;
            }
            String chosen = null;
            long soonest = Long.MAX_VALUE;
            for (int i = 0, n = ring.size(); i < n; i++) {
                String key = ring.pollFirst();
                long wait = key.isEmpty() ? 0 : readyIn.applyAsLong(key);
                if (wait <= 0) {
                    chosen = key;
                    break;
                }
                soonest = Math.min(soonest, wait);
                ring.addLast(key);
            }
            if (chosen == null) {
                // every key with work is throttled: wait for the first to refill (or for new work)
                work.awaitNanos(Math.min(soonest, TimeUnit.MILLISECONDS.toNanos(200)));
                continue;
            }
            ArrayDeque<Runnable> queue = queues.get(chosen);
            Runnable task = queue.pollFirst();
            if (!queue.isEmpty()) {
                ring.addLast(chosen);
            }
            return task;
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            work.signalAll();
        } finally {
            lock.unlock();
        }
        for (Thread worker : workers) {
            worker.interrupt();
        }
    }
}
