package dev.lensix.engine.plugin;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs plug-in code (a plug-in's constructor and {@code start()}, an extension's constructor and metadata) on a thread
 * of its own and stops waiting for it after a time limit, so a plug-in that hangs while loading costs that plug-in,
 * not the whole run. A thread that does not finish is interrupted and left behind (a daemon: it cannot keep the JVM
 * alive); Java has no safe way to kill it.
 *
 * <pre>{@code
 * CheckDescriptor descriptor = TimeLimit.call(Duration.ofSeconds(30), "lensix-plugin-load", check::descriptor);
 * }</pre>
 */
final class TimeLimit {

    /** Thrown when the code did not finish in time. */
    static final class Exceeded extends RuntimeException {
        Exceeded(Duration limit) {
            super("did not finish within " + (limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms")
                    + " and was abandoned");
        }
    }

    private TimeLimit() {
    }

    /**
     * What {@code work} returns, or what it throws (runtime exceptions and errors as they are, a checked exception
     * wrapped in an {@link IllegalStateException}).
     *
     * @throws Exceeded when it did not finish within {@code limit}
     */
    static <T> T call(Duration limit, String threadName, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = new Thread(task, threadName);
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            throw new Exceeded(limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.interrupt();
            throw new IllegalStateException("interrupted while waiting for plug-in code", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
        }
    }
}
