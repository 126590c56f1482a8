package dev.lensix.engine.plugin;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.lensix.api.check.Status;
import dev.lensix.api.report.Result;
import dev.lensix.api.report.ScanProblem;
import dev.lensix.api.report.ScanReport;
import dev.lensix.api.resource.Resource;
import dev.lensix.engine.EngineModule;
import dev.lensix.engine.inventory.InMemoryInventory;
import dev.lensix.engine.run.CheckRunner;
import dev.lensix.engine.scan.Scanner;
import dev.lensix.engine.testing.PluginJar;
import dev.lensix.engine.testing.Resources;
import dev.lensix.input.snapshot.SnapshotInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.PluginClassLoader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static dev.lensix.engine.testing.TestPlugins.TYPE;
import static dev.lensix.engine.testing.TestPlugins.check;
import static dev.lensix.engine.testing.TestPlugins.passingCheck;
import static dev.lensix.engine.testing.TestPlugins.pluginClass;
import static dev.lensix.engine.testing.TestPlugins.reporter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Loads real plug-in jars and zips, compiled at test time and reachable only through pf4j, from
 * temporary plugins folders.
 */
class PluginHostTest {

    /** What lensix 0.1.0-SNAPSHOT passes as pf4j's system version: the release part. */
    private static final String SYSTEM_VERSION = "0.1.0";
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final String EVENTS = "lensix.test.plugin-events";

    @TempDir
    Path plugins;

    private final Injector injector = Guice.createInjector(new EngineModule(Clock.fixed(NOW, ZoneOffset.UTC)));

    @AfterEach
    void clearEvents() {
        System.clearProperty(EVENTS);
    }

    private PluginHost start(Path... roots) {
        return PluginHost.start(List.of(roots), injector, SYSTEM_VERSION);
    }

    private static void writeGoodPlugin(Path dir, String id) throws IOException {
        PluginJar.plugin(id)
                .extension("t." + id + ".GoodCheck", passingCheck("t." + id + ".GoodCheck", id + "_check"))
                .writeJar(dir);
    }

    private static PluginInfo info(PluginHost host, String id) {
        return host.plugins().stream().filter(plugin -> plugin.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("plug-in " + id + " not listed in " + host.plugins()));
    }

    private static List<String> checkIds(PluginHost host) {
        return host.checks().stream().map(check -> check.descriptor().id()).toList();
    }

    private static List<String> problemTexts(PluginHost host) {
        return host.problems().stream().map(problem -> problem.source() + " | " + problem.message()).toList();
    }

    @Test
    void goodPluginStartsAndItsCheckAndReporterAreBuiltThroughGuice() throws IOException {
        PluginJar.plugin("good")
                .extension("t.good.ClockCheck", check("t.good.ClockCheck", "good_clock",
                        """
                        private final java.time.Clock clock;

                        @jakarta.inject.Inject
                        public ClockCheck(java.time.Clock clock) {
                            this.clock = clock;
                        }
                        """,
                        "return Verdict.fail(\"looked at \" + resource.name() + \" at \" + clock.instant(), Evidence.none());"))
                .extension("t.good.LineReporter", reporter("t.good.LineReporter", "lines", "lensix.lines"))
                .writeJar(plugins);

        try (PluginHost host = start(plugins)) {
            assertThat(host.problems()).isEmpty();
            assertThat(host.plugins()).singleElement().satisfies(plugin -> {
                assertThat(plugin.id()).isEqualTo("good");
                assertThat(plugin.version()).isEqualTo("1.0.0");
                assertThat(plugin.started()).isTrue();
                assertThat(plugin.state()).isEqualTo(PluginInfo.STARTED);
                assertThat(plugin.reason()).isEmpty();
                assertThat(plugin.path()).endsWith("good.jar");
            });
            assertThat(host.checks()).singleElement().satisfies(check -> {
                assertThat(check.descriptor().id()).isEqualTo("good_clock");
                assertThat(check.pluginId()).isEqualTo("good");
                // loaded by pf4j from the jar, not from the test class path
                assertThat(check.check().getClass().getClassLoader()).isInstanceOf(PluginClassLoader.class);
            });
            assertThat(host.reporters()).singleElement().satisfies(reporter -> {
                assertThat(reporter.formatName()).isEqualTo("lines");
                assertThat(reporter.defaultFileName()).isEqualTo("lensix.lines");
                assertThat(reporter.pluginId()).isEqualTo("good");
            });

            Resource widget = Resources.named(TYPE, "w1");
            List<Result> results = new CheckRunner().run(List.of(host.checks().get(0).check()),
                    InMemoryInventory.of(List.of(widget)));
            // the injected Clock is the engine's fixed clock
            assertThat(results).singleElement().satisfies(result -> {
                assertThat(result.status()).isEqualTo(Status.FAIL);
                assertThat(result.message()).isEqualTo("looked at w1 at 2026-01-02T03:04:05Z");
            });

            ScanReport report = new Scanner(Clock.fixed(NOW, ZoneOffset.UTC)).scan(NOW, List.of("test"),
                    InMemoryInventory.of(List.of(widget)), host.checks(), host.problems());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            host.reporters().get(0).reporter().write(report, dev.lensix.api.report.ReportContext.defaults(), out);
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("good_clock FAIL " + widget.id() + "\n");
        }
    }

    @Test
    void pluginWhoseStartThrowsIsFailedWithTheReasonAndOthersStillStart() throws IOException {
        PluginJar.plugin("crashy")
                .pluginClass("t.crashy.CrashyPlugin")
                .source("t.crashy.CrashyPlugin", pluginClass("t.crashy.CrashyPlugin",
                        "throw new IllegalStateException(\"cannot reach the licence server\");", ""))
                .extension("t.crashy.CrashyCheck", passingCheck("t.crashy.CrashyCheck", "crashy_check"))
                .writeJar(plugins);
        writeGoodPlugin(plugins, "good");

        try (PluginHost host = start(plugins)) {
            PluginInfo crashy = info(host, "crashy");
            assertThat(crashy.started()).isFalse();
            assertThat(crashy.state()).isEqualTo(PluginInfo.FAILED);
            assertThat(crashy.reason()).contains("cannot reach the licence server").doesNotContain("\n");
            assertThat(host.problems()).anySatisfy(problem -> {
                assertThat(problem.source()).isEqualTo("plugin:crashy");
                assertThat(problem.message()).contains("crashy", "failed", "cannot reach the licence server");
            });
            assertThat(info(host, "good").started()).isTrue();
            assertThat(checkIds(host)).containsExactly("good_check");
        }
    }

    @Test
    void pluginCodeThatHangsWhileLoadingFailsItsPluginOrExtensionAndTheRestStarts() throws IOException {
        String hang = "for (;;) { try { Thread.sleep(60_000); } catch (InterruptedException e) { } }";
        PluginJar.plugin("stuck")
                .pluginClass("t.stuck.StuckPlugin")
                .source("t.stuck.StuckPlugin", pluginClass("t.stuck.StuckPlugin", hang, ""))
                .extension("t.stuck.StuckCheck", passingCheck("t.stuck.StuckCheck", "stuck_check"))
                .writeJar(plugins);
        PluginJar.plugin("slow")
                .extension("t.slow.SlowBuiltCheck", check("t.slow.SlowBuiltCheck", "slow_built",
                        "public SlowBuiltCheck() { " + hang + " }", "return Verdict.pass(\"fine\", Evidence.none());"))
                .extension("t.slow.FineCheck", passingCheck("t.slow.FineCheck", "slow_fine"))
                .writeJar(plugins);
        writeGoodPlugin(plugins, "good");

        try (PluginHost host = PluginHost.start(List.of(plugins), injector, SYSTEM_VERSION, Duration.ofMillis(700))) {
            PluginInfo stuck = info(host, "stuck");
            assertThat(stuck.state()).isEqualTo(PluginInfo.FAILED);
            assertThat(stuck.reason()).contains("constructor or start()", "did not finish within 700 ms");
            assertThat(info(host, "slow").started()).isTrue();
            assertThat(checkIds(host)).containsExactly("good_check", "slow_fine");
            assertThat(problemTexts(host))
                    .anySatisfy(text -> assertThat(text).startsWith("plugin:stuck | ").contains("did not finish within"))
                    .anySatisfy(text -> assertThat(text).startsWith("plugin:slow | ")
                            .contains("t.slow.SlowBuiltCheck cannot be built: did not finish within 700 ms"));
        }
    }

    @Test
    void pluginRequiringANewerLensixIsDisabledAndSaysWhich() throws IOException {
        PluginJar.plugin("future").requires(">=9.0.0")
                .extension("t.future.FutureCheck", passingCheck("t.future.FutureCheck", "future_check"))
                .writeJar(plugins);
        writeGoodPlugin(plugins, "good");

        try (PluginHost host = start(plugins)) {
            PluginInfo future = info(host, "future");
            assertThat(future.state()).isEqualTo(PluginInfo.DISABLED);
            assertThat(future.reason()).isEqualTo("requires lensix >=9.0.0, this is lensix 0.1.0");
            assertThat(host.problems()).anySatisfy(problem -> {
                assertThat(problem.source()).isEqualTo("plugin:future");
                assertThat(problem.message()).contains("requires lensix >=9.0.0, this is lensix 0.1.0");
            });
            assertThat(checkIds(host)).containsExactly("good_check");
        }
    }

    @Test
    void pluginsRequiringThisReleaseStartAgainstTheReleasePartOfTheVersion() throws IOException {
        PluginJar.plugin("current").requires(">=0.1.0")
                .extension("t.current.CurrentCheck", passingCheck("t.current.CurrentCheck", "current_check"))
                .writeJar(plugins);

        try (PluginHost host = start(plugins)) {
            assertThat(info(host, "current").started()).isTrue();
            assertThat(host.problems()).isEmpty();
        }
    }

    @Test
    void checkThatThrowsYieldsAnErrorForThatResourceOnlyAndTheScanGoesOn(@TempDir Path inputs) throws Exception {
        PluginJar.plugin("shaky")
                .extension("t.shaky.ShakyCheck", check("t.shaky.ShakyCheck", "shaky_check", "",
                        """
                        if (resource.name().equals("w2")) {
                            throw new IllegalStateException("widget w2 has a malformed property");
                        }
                        return Verdict.pass("fine", Evidence.none());
                        """))
                .extension("t.shaky.SteadyCheck", passingCheck("t.shaky.SteadyCheck", "steady_check"))
                .writeJar(plugins);
        Path snapshot = inputs.resolve("widgets.json");
        Files.writeString(snapshot, "[" + String.join(",",
                widgetJson("w1"), widgetJson("w2"), widgetJson("w3")) + "]");

        try (PluginHost host = start(plugins)) {
            ScanReport report = new Scanner(Clock.fixed(NOW, ZoneOffset.UTC))
                    .scan(new SnapshotInput(List.of(snapshot)), host.checks(), host.problems());

            assertThat(report.results()).extracting(r -> r.checkId() + " " + r.resource().name() + " " + r.status())
                    .containsExactly(
                            "shaky_check w1 PASS", "shaky_check w2 ERROR", "shaky_check w3 PASS",
                            "steady_check w1 PASS", "steady_check w2 PASS", "steady_check w3 PASS");
            Result error = report.results().get(1);
            assertThat(error.message()).contains("shaky_check", "widget w2 has a malformed property")
                    .doesNotContain("\n");
            assertThat(report.complete()).isFalse();
        }
    }

    private static String widgetJson(String name) {
        return """
                {"id": "%s", "type": "%s", "name": "%s", "location": "westeurope"}
                """.formatted(Resources.id(TYPE, name), TYPE, name);
    }

    @Test
    void extensionsThatCannotBeBuiltAreProblemsNamingTheClassAndThePluginStillStarts() throws IOException {
        PluginJar.plugin("fragile")
                .extension("t.fragile.ThrowingCheck", check("t.fragile.ThrowingCheck", "throwing_check",
                        """
                        public ThrowingCheck() {
                            throw new IllegalStateException("no configuration for the throwing check");
                        }
                        """,
                        "return Verdict.pass(\"fine\", Evidence.none());"))
                .source("t.fragile.Missing", "package t.fragile; public interface Missing { }")
                .extension("t.fragile.UnboundCheck", check("t.fragile.UnboundCheck", "unbound_check",
                        """
                        @jakarta.inject.Inject
                        public UnboundCheck(Missing missing) {
                        }
                        """,
                        "return Verdict.pass(\"fine\", Evidence.none());"))
                .extension("t.fragile.NotAnExtension", "package t.fragile; public class NotAnExtension { }")
                .extension("t.fragile.Gone")
                .extension("t.fragile.FineCheck", passingCheck("t.fragile.FineCheck", "fine_check"))
                .writeJar(plugins);

        try (PluginHost host = start(plugins)) {
            assertThat(info(host, "fragile").started()).isTrue();
            assertThat(checkIds(host)).containsExactly("fine_check");
            assertThat(host.problems()).allSatisfy(problem -> {
                assertThat(problem.source()).isEqualTo("plugin:fragile");
                assertThat(problem.message()).doesNotContain("\n");
            });
            assertThat(problemTexts(host))
                    .anySatisfy(text -> assertThat(text).contains("t.fragile.ThrowingCheck", "cannot be built",
                            "no configuration for the throwing check"))
                    .anySatisfy(text -> assertThat(text).contains("t.fragile.UnboundCheck", "cannot be built",
                            "No implementation for t.fragile.Missing was bound"))
                    .anySatisfy(text -> assertThat(text).contains("t.fragile.NotAnExtension",
                            "neither a lensix Check nor a Reporter"))
                    .anySatisfy(text -> assertThat(text).contains("t.fragile.Gone", "cannot be built"))
                    .hasSize(4);
        }
    }

    @Test
    void corruptJarAndJarWithoutDescriptorAreListedAsFailedWithAReason() throws IOException {
        PluginJar.writeCorruptJar(plugins, "corrupt.jar");
        PluginJar.plugin("anonymous").withoutDescriptor()
                .extension("t.anonymous.AnonCheck", passingCheck("t.anonymous.AnonCheck", "anon_check"))
                .writeJar(plugins);
        writeGoodPlugin(plugins, "good");

        try (PluginHost host = start(plugins)) {
            assertThat(host.plugins()).extracting(PluginInfo::id)
                    .containsExactlyInAnyOrder("anonymous.jar", "corrupt.jar", "good");
            for (String broken : List.of("corrupt.jar", "anonymous.jar")) {
                PluginInfo plugin = info(host, broken);
                assertThat(plugin.state()).isEqualTo(PluginInfo.FAILED);
                assertThat(plugin.reason()).startsWith("failed to load: ").doesNotContain("\n");
                assertThat(plugin.path()).endsWith(broken);
                assertThat(host.problems()).extracting(ScanProblem::source).contains("plugin:" + broken);
            }
            assertThat(info(host, "good").started()).isTrue();
            assertThat(checkIds(host)).containsExactly("good_check");
        }
    }

    @Test
    void zipPluginInPf4jLayoutIsExpandedLoadedAndStarted() throws IOException {
        PluginJar.plugin("zipped")
                .extension("t.zipped.ZipCheck", passingCheck("t.zipped.ZipCheck", "zip_check"))
                .extension("t.zipped.ZipReporter", reporter("t.zipped.ZipReporter", "zipfmt", "lensix.zipfmt"))
                .writeZip(plugins);

        try (PluginHost host = start(plugins)) {
            assertThat(host.problems()).isEmpty();
            assertThat(info(host, "zipped").started()).isTrue();
            assertThat(host.checks()).singleElement().satisfies(check -> {
                assertThat(check.descriptor().id()).isEqualTo("zip_check");
                assertThat(check.pluginId()).isEqualTo("zipped");
            });
            assertThat(host.reporters()).extracting(LoadedReporter::formatName).containsExactly("zipfmt");
        }
    }

    @Test
    void duplicateCheckIdIsKeptFromThePluginFirstByIdAndIgnoredFromTheOther() throws IOException {
        // left to itself pf4j starts "sarif" before "csv" (file times, then hashing): the winner must not depend on it
        Path csv = PluginJar.plugin("csv")
                .extension("t.csv.DupCheck", passingCheck("t.csv.DupCheck", "dup_check"))
                .writeJar(plugins);
        Path sarif = PluginJar.plugin("sarif")
                .extension("t.sarif.DupCheck", passingCheck("t.sarif.DupCheck", "dup_check"))
                .extension("t.sarif.OwnCheck", passingCheck("t.sarif.OwnCheck", "sarif_check"))
                .writeJar(plugins);
        Files.setLastModifiedTime(sarif, FileTime.from(NOW.minusSeconds(3600)));
        Files.setLastModifiedTime(csv, FileTime.from(NOW));

        try (PluginHost host = start(plugins)) {
            assertThat(host.checks()).extracting(check -> check.descriptor().id() + "@" + check.pluginId())
                    .containsExactly("dup_check@csv", "sarif_check@sarif");
            assertThat(host.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.source()).isEqualTo("plugin:sarif");
                assertThat(problem.message()).contains("dup_check", "already provided by plug-in csv", "ignored");
            });
            assertThat(info(host, "sarif").started()).isTrue();
        }
    }

    @Test
    void duplicateFormatIsKeptFromTheFirstPluginAndIgnoredFromTheOther() throws IOException {
        PluginJar.plugin("alpha")
                .extension("t.alpha.Csv", reporter("t.alpha.Csv", "csv", "lensix.csv")).writeJar(plugins);
        PluginJar.plugin("beta")
                .extension("t.beta.Csv", reporter("t.beta.Csv", "csv", "other.csv")).writeJar(plugins);

        try (PluginHost host = start(plugins)) {
            assertThat(host.reporters()).extracting(r -> r.formatName() + "@" + r.pluginId()).containsExactly("csv@alpha");
            assertThat(problemTexts(host)).singleElement().asString()
                    .contains("plugin:beta", "format csv is already provided by plug-in alpha");
        }
    }

    @Test
    void pluginsFromTwoRootsAreAllLoadedAndMissingRootsAreSkipped(@TempDir Path userPlugins) throws IOException {
        writeGoodPlugin(plugins, "shipped");
        writeGoodPlugin(userPlugins, "mine");

        try (PluginHost host = start(plugins, plugins.resolve("no-such-folder"), userPlugins)) {
            assertThat(host.problems()).isEmpty();
            assertThat(host.plugins()).extracting(PluginInfo::id, PluginInfo::started)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("mine", true),
                            org.assertj.core.groups.Tuple.tuple("shipped", true));
            assertThat(host.checks()).extracting(check -> check.descriptor().id() + "@" + check.pluginId())
                    .containsExactly("mine_check@mine", "shipped_check@shipped");
        }
    }

    @Test
    void samePluginInTwoRootsLoadsOnceAndReportsTheOtherCopy(@TempDir Path userPlugins) throws IOException {
        writeGoodPlugin(plugins, "twice");
        writeGoodPlugin(userPlugins, "twice");

        try (PluginHost host = start(plugins, userPlugins)) {
            assertThat(checkIds(host)).containsExactly("twice_check");
            assertThat(host.plugins()).filteredOn(PluginInfo::started).hasSize(1);
            assertThat(host.plugins()).filteredOn(plugin -> !plugin.started()).singleElement()
                    .satisfies(plugin -> assertThat(plugin.reason()).contains("twice").doesNotContain("\n"));
            assertThat(host.problems()).hasSize(1);
        }
    }

    @Test
    void onlyMissingRootsMeansNoPluginsAndNeverPf4jsDefaultFolder(@TempDir Path elsewhere) throws IOException {
        // pf4j falls back to ./plugins (or -Dpf4j.pluginsDir) when it is given no root at all
        writeGoodPlugin(elsewhere, "stray");
        String previous = System.getProperty("pf4j.pluginsDir");
        System.setProperty("pf4j.pluginsDir", elsewhere.toString());
        try (PluginHost host = start(plugins.resolve("missing"), plugins.resolve("also-missing"))) {
            assertThat(host.plugins()).isEmpty();
            assertThat(host.checks()).isEmpty();
            assertThat(host.reporters()).isEmpty();
            assertThat(host.problems()).isEmpty();
        } finally {
            if (previous == null) {
                System.clearProperty("pf4j.pluginsDir");
            } else {
                System.setProperty("pf4j.pluginsDir", previous);
            }
        }
    }

    @Test
    void closeStopsEveryStartedPluginLastStartedFirstWithoutConcurrentModification(@TempDir Path other)
            throws IOException {
        for (String id : List.of("first", "second", "third")) {
            String record = "System.setProperty(\"%s\", System.getProperty(\"%s\", \"\") + \"%%s:%s \");"
                    .formatted(EVENTS, EVENTS, id);
            PluginJar.plugin(id).pluginClass("t." + id + ".Lifecycle")
                    .source("t." + id + ".Lifecycle", pluginClass("t." + id + ".Lifecycle",
                            record.formatted("start"), record.formatted("stop")))
                    .extension("t." + id + ".C", passingCheck("t." + id + ".C", id + "_check"))
                    .writeJar(id.equals("third") ? other : plugins);
        }

        PluginHost host = start(plugins, other);
        assertThat(host.plugins()).allSatisfy(plugin -> assertThat(plugin.started()).isTrue());
        String started = System.getProperty(EVENTS);
        assertThat(started.split(" ")).hasSize(3).allSatisfy(event -> assertThat(event).startsWith("start:"));

        assertThatCode(host::close).doesNotThrowAnyException();

        String[] events = System.getProperty(EVENTS).split(" ");
        assertThat(events).hasSize(6);
        List<String> startOrder = List.of(events).subList(0, 3).stream().map(e -> e.substring("start:".length())).toList();
        List<String> stopOrder = List.of(events).subList(3, 6).stream().map(e -> e.substring("stop:".length())).toList();
        List<String> reversed = new java.util.ArrayList<>(startOrder);
        java.util.Collections.reverse(reversed);
        assertThat(stopOrder).containsExactlyElementsOf(reversed);
    }

    @Test
    void pluginWithUnmetDependenciesIsReportedAndTheOthersStillStart() throws IOException {
        PluginJar.plugin("needy").dependencies("absent-plugin")
                .extension("t.needy.NeedyCheck", passingCheck("t.needy.NeedyCheck", "needy_check"))
                .writeJar(plugins);
        PluginJar.plugin("needs-needy").dependencies("needy")
                .extension("t.needsneedy.C", passingCheck("t.needsneedy.C", "needs_needy_check"))
                .writeJar(plugins);
        PluginJar.plugin("old-dep").dependencies("good@>=2.0.0")
                .extension("t.olddep.C", passingCheck("t.olddep.C", "old_dep_check"))
                .writeJar(plugins);
        writeGoodPlugin(plugins, "good");

        try (PluginHost host = start(plugins)) {
            assertThat(info(host, "good").started()).isTrue();
            assertThat(checkIds(host)).containsExactly("good_check");
            assertThat(info(host, "needy").state()).isEqualTo(PluginInfo.FAILED);
            assertThat(info(host, "needy").reason())
                    .isEqualTo("not started: requires plug-in absent-plugin, which is not installed or did not load");
            assertThat(info(host, "needs-needy").reason())
                    .isEqualTo("not started: requires plug-in needy, which cannot start either");
            assertThat(info(host, "old-dep").reason())
                    .isEqualTo("not started: requires plug-in good >=2.0.0, found 1.0.0");
            assertThat(host.problems()).extracting(ScanProblem::source)
                    .containsExactlyInAnyOrder("plugin:needy", "plugin:needs-needy", "plugin:old-dep");
            assertThat(host.problems()).allSatisfy(problem -> assertThat(problem.message()).doesNotContain("\n"));
        }
    }

    @Test
    void pluginDependingOnAnotherStartedPluginStarts() throws IOException {
        writeGoodPlugin(plugins, "base");
        PluginJar.plugin("addon").dependencies("base@>=1.0.0")
                .extension("t.addon.C", passingCheck("t.addon.C", "addon_check"))
                .writeJar(plugins);

        try (PluginHost host = start(plugins)) {
            assertThat(host.problems()).isEmpty();
            assertThat(checkIds(host)).containsExactly("addon_check", "base_check");
        }
    }

    @Test
    void emptyPluginsFolderGivesNothingAndNoProblem() {
        try (PluginHost host = start(plugins)) {
            assertThat(host.plugins()).isEmpty();
            assertThat(host.checks()).isEmpty();
            assertThat(host.problems()).isEmpty();
        }
    }

    @Test
    void foldersWithoutADescriptorAreNotPluginsSoABuildOutputFolderCanBeAPluginsDir() throws IOException {
        writeGoodPlugin(plugins, "built");
        Files.createDirectories(plugins.resolve("classes/com/example"));
        Files.createDirectories(plugins.resolve("surefire-reports"));
        Path unpacked = Files.createDirectories(plugins.resolve("unpacked-but-broken"));
        Files.writeString(unpacked.resolve("plugin.properties"), "plugin.version=1.0.0\n");

        try (PluginHost host = start(plugins)) {
            assertThat(host.plugins()).extracting(PluginInfo::id).containsExactly("built", "unpacked-but-broken");
            assertThat(info(host, "built").started()).isTrue();
            assertThat(info(host, "unpacked-but-broken").state()).isEqualTo(PluginInfo.FAILED);
            assertThat(problemTexts(host)).singleElement().asString().contains("unpacked-but-broken");
        }
    }
}
