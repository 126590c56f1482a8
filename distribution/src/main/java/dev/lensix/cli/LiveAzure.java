package dev.lensix.cli;

import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.input.Collected;
import dev.lensix.api.input.Input;
import dev.lensix.api.input.InputException;
import dev.lensix.engine.LensixVersion;
import dev.lensix.input.azure.AzureCollector;
import dev.lensix.input.azure.LiveSettings;
import dev.lensix.input.azure.LiveStats;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Collects from live Azure for {@code scan} and {@code collect}, with a progress line on a terminal. */
final class LiveAzure {

    /** Set by bin/lensix when stderr is a terminal: Java 17 cannot tell on its own. */
    static final String STDERR_TTY = "lensix.stderr.tty";

    private LiveAzure() {
    }

    /** A progress line is shown when stderr is a terminal, unless {@code --quiet}. */
    static boolean progressWanted(CommonOptions common) {
        return !common.quiet && Boolean.getBoolean(STDERR_TTY);
    }

    /** Live Azure as a scan's input: connects, collects what the checks read, and closes. */
    static Input input(LiveSettings settings, boolean progress, PrintWriter err) {
        return checks -> collect(settings, checks, progress, err);
    }

    static Collected collect(LiveSettings settings, List<CheckDescriptor> checks, boolean progress, PrintWriter err)
            throws InputException {
        try (AzureCollector azure = AzureCollector.connect(settings, "lensix/" + LensixVersion.version());
             ProgressLine line = progress ? new ProgressLine(azure.stats(), err) : null) {
            return azure.read(checks);
        }
    }

    /** {@code lensix: collecting: 3/20 subscriptions, 812 resources, ...} rewritten in place on stderr. */
    private static final class ProgressLine implements AutoCloseable {
        private final LiveStats stats;
        private final PrintWriter err;
        private final ScheduledExecutorService timer;
        private int width;

        ProgressLine(LiveStats stats, PrintWriter err) {
            this.stats = stats;
            this.err = err;
            this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "lensix-progress");
                thread.setDaemon(true);
                return thread;
            });
            timer.scheduleAtFixedRate(this::draw, 200, 250, TimeUnit.MILLISECONDS);
        }

        private synchronized void draw() {
            String text = "lensix: collecting: " + LiveStats.describe(stats.snapshot());
            err.print("\r" + text + " ".repeat(Math.max(0, width - text.length())));
            err.flush();
            width = text.length();
        }

        @Override
        public synchronized void close() {
            timer.shutdownNow();
            if (width > 0) {
                err.print("\r" + " ".repeat(width) + "\r");
                err.flush();
            }
        }
    }
}
