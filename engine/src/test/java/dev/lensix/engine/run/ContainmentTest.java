package dev.lensix.engine.run;

import com.google.inject.Guice;
import dev.lensix.api.check.Status;
import dev.lensix.api.report.Result;
import dev.lensix.api.report.ScanReport;
import dev.lensix.api.resource.Resource;
import dev.lensix.engine.EngineModule;
import dev.lensix.engine.inventory.InMemoryInventory;
import dev.lensix.engine.plugin.PluginHost;
import dev.lensix.engine.scan.Scanner;
import dev.lensix.engine.testing.PluginJar;
import dev.lensix.engine.testing.Resources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.lensix.engine.testing.TestPlugins.TYPE;
import static dev.lensix.engine.testing.TestPlugins.check;
import static dev.lensix.engine.testing.TestPlugins.passingCheck;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that loop forever, sleep forever or allocate without bound, built as real plug-in jars (or, for memory, run
 * in a JVM of their own with a small heap): each is stopped with ERROR results for its own remaining resources, and
 * the scan finishes with every other check's results intact.
 */
class ContainmentTest {

    /** Set at the end so that the spinning threads abandoned by the runner finish and stop using a core. */
    static final String RELEASE = "lensix.test.containment.release";

    @TempDir
    static Path plugins;

    @BeforeAll
    static void buildTheMisbehavingPlugin() throws Exception {
        PluginJar.plugin("misbehaving")
                .extension("t.bad.LoopingCheck", check("t.bad.LoopingCheck", "a_loops", "", """
                        if (resource.name().equals("w2")) {
                            // deaf to interrupts, as a tight loop over hostile data is
                            while (System.getProperty("%s") == null) {
                                Thread.onSpinWait();
                            }
                        }
                        return Verdict.pass("fine", Evidence.none());""".formatted(RELEASE)))
                .extension("t.bad.SleepingCheck", check("t.bad.SleepingCheck", "b_sleeps", "", """
                        if (resource.name().equals("w3")) {
                            try {
                                Thread.sleep(Long.MAX_VALUE);
                            } catch (InterruptedException e) {
                                throw new IllegalStateException("interrupted");
                            }
                        }
                        return Verdict.fail("widget is bad", Evidence.none());"""))
                .extension("t.bad.SlowCheck", check("t.bad.SlowCheck", "c_slow", "", """
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            throw new IllegalStateException("interrupted");
                        }
                        return Verdict.pass("slow but within the limit", Evidence.none());"""))
                .extension("t.bad.GoodCheck", passingCheck("t.bad.GoodCheck", "d_good"))
                .writeJar(Files.createDirectories(plugins.resolve("plugins")));
    }

    @AfterAll
    static void releaseAbandonedThreads() {
        System.setProperty(RELEASE, "true");
    }

    private static List<Resource> widgets() {
        List<Resource> widgets = new ArrayList<>();
        for (String name : List.of("w1", "w2", "w3", "w4")) {
            widgets.add(Resources.named(TYPE, name));
        }
        return widgets;
    }

    private static String line(Result result) {
        return result.checkId() + " " + result.resource().name() + " " + result.status();
    }

    private ScanReport scanWith(Duration timeout) throws Exception {
        try (PluginHost host = PluginHost.start(List.of(plugins.resolve("plugins")), Guice.createInjector(new EngineModule(Clock.systemUTC())), "0.1.0")) {
            assertThat(host.problems()).isEmpty();
            return new Scanner(Clock.systemUTC(), timeout).scan(Instant.now(), List.of("test"),
                    InMemoryInventory.of(widgets()), host.checks(), List.of());
        }
    }

    @Test
    void aCheckThatNeverReturnsIsStoppedAndTheScanFinishes() throws Exception {
        long started = System.nanoTime();
        ScanReport report = scanWith(Duration.ofMillis(400));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(report.results()).extracting(ContainmentTest::line).containsExactly(
                "a_loops w1 PASS", "a_loops w2 ERROR", "a_loops w3 ERROR", "a_loops w4 ERROR",
                "b_sleeps w1 FAIL", "b_sleeps w2 FAIL", "b_sleeps w3 ERROR", "b_sleeps w4 ERROR",
                "c_slow w1 PASS", "c_slow w2 PASS", "c_slow w3 PASS", "c_slow w4 PASS",
                "d_good w1 PASS", "d_good w2 PASS", "d_good w3 PASS", "d_good w4 PASS");
        Result stuck = report.results().get(1);
        assertThat(stuck.message()).isEqualTo("check a_loops did not finish within 400ms on this resource and was stopped (--check-timeout)");
        assertThat(report.results().get(2).message()).isEqualTo("not evaluated: check a_loops was stopped after it did not finish within 400ms on "
                + Resources.id(TYPE, "w2"));
        assertThat(report.results().get(6).message()).startsWith("check b_sleeps did not finish within 400ms");
        assertThat(report.complete()).isFalse();
        assertThat(elapsedMillis).as("two stops of 400 ms, 20 ms evaluations, and plug-in loading").isLessThan(15_000);
    }

    @Test
    void resultsAreTheSameEveryRun() throws Exception {
        assertThat(scanWith(Duration.ofMillis(300)).results()).isEqualTo(scanWith(Duration.ofMillis(300)).results());
    }

    @Test
    void aCheckThatAllocatesWithoutBoundIsStoppedAndTheJvmCarriesOn() throws Exception {
        // in a JVM of its own with a 64 MB heap, so that the test JVM's heap is never filled
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path output = Files.createTempFile(plugins, "oom", ".txt");
        Process process = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path")
                + File.pathSeparator + System.getProperty("surefire.test.class.path", ""),
                OutOfMemoryMain.class.getName())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the JVM with the memory hog finished").isTrue();
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(printed).isZero();
        assertThat(printed.lines().toList()).containsExactly(
                "a_after w1 PASS fine",
                "a_after w2 PASS fine",
                "a_after w3 PASS fine",
                "hog w1 PASS fine",
                "hog w2 ERROR check hog ran out of memory on this resource and was stopped",
                "hog w3 ERROR not evaluated: check hog was stopped after it ran out of memory on " + Resources.id(TYPE, "w2"),
                "z_after w1 PASS fine",
                "z_after w2 PASS fine",
                "z_after w3 PASS fine");
    }

    @Test
    void timeoutsAreWrittenTheWayUsersWriteThem() {
        assertThat(CheckRunner.format(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(CheckRunner.format(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(CheckRunner.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(CheckRunner.format(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(CheckRunner.format(Duration.ofHours(1).plusSeconds(5))).isEqualTo("1h5s");
    }
}
