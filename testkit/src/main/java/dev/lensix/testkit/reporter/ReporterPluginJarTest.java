package dev.lensix.testkit.reporter;

import dev.lensix.api.report.ReportContext;
import dev.lensix.api.report.Reporter;
import dev.lensix.api.report.ScanReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of a packaged reporter plug-in jar, as the distribution ships it: the pf4j descriptor in the
 * manifest (with a release-only {@code Plugin-Requires}), the extension index naming the reporter, the
 * plug-in's own libraries bundled and the host's (api, pf4j, Jackson, jakarta.inject, slf4j) left out; and
 * pf4j loads the jar, finds the reporter in the plug-in's own class loader, and it writes the golden output.
 *
 * <p>Run it as an integration test after {@code package}; the plug-in parent pom passes the jar's path in
 * the {@code lensix.plugin.jar} system property.
 *
 * <pre>{@code
 * class CsvPluginJarIT extends ReporterPluginJarTest {
 *     CsvPluginJarIT() {
 *         super("reporter-csv", "csv", CsvReporter.class, "one-result.csv");
 *     }
 *
 *     protected List<String> bundledClasses() {
 *         return List.of("org/apache/commons/csv/CSVPrinter.class");
 *     }
 * }
 * }</pre>
 */
public abstract class ReporterPluginJarTest {

    private static final List<String> HOST_PACKAGES = List.of(
            "dev/lensix/api/", "org/pf4j/", "com/fasterxml/", "jakarta/inject/", "org/slf4j/");

    private final String pluginId;
    private final String formatName;
    private final Class<? extends Reporter> reporterClass;
    private final String goldenFile;

    /**
     * @param goldenFile the golden file (under {@code src/test/resources/golden}) that the loaded reporter must
     *                   reproduce for {@link #goldenReport()}
     */
    protected ReporterPluginJarTest(String pluginId, String formatName, Class<? extends Reporter> reporterClass,
                                    String goldenFile) {
        this.pluginId = pluginId;
        this.formatName = formatName;
        this.reporterClass = reporterClass;
        this.goldenFile = goldenFile;
    }

    /** Class files of the plug-in's own libraries that must be bundled; none by default. */
    protected List<String> bundledClasses() {
        return List.of();
    }

    /** The report whose output is compared with the golden file. */
    protected ScanReport goldenReport() {
        return SampleReports.oneResult();
    }

    /** More checks on the reporter as pf4j loaded it, run before the plug-in is stopped. */
    protected void assertLoadedReporter(Reporter reporter) throws IOException {
    }

    protected static Path pluginJar() {
        Path jar = Path.of(System.getProperty("lensix.plugin.jar", "target/missing-lensix.plugin.jar-property.jar"));
        assertThat(jar).as("the packaged plug-in jar (system property lensix.plugin.jar)").isRegularFile();
        return jar;
    }

    @Test
    void manifestCarriesThePluginDescriptor() throws IOException {
        try (JarFile jar = new JarFile(pluginJar().toFile())) {
            assertThat(jar.getManifest()).as("MANIFEST.MF").isNotNull();
            Attributes attributes = jar.getManifest().getMainAttributes();
            assertThat(attributes.getValue("Plugin-Id")).isEqualTo(pluginId);
            assertThat(attributes.getValue("Plugin-Version")).isNotBlank();
            assertThat(attributes.getValue("Plugin-Requires")).isNotBlank().doesNotContain("SNAPSHOT");
        }
    }

    @Test
    void bundlesItsOwnLibrariesAndNotTheHosts() throws IOException {
        List<String> names = new ArrayList<>();
        try (JarFile jar = new JarFile(pluginJar().toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                names.add(entry.getName());
            }
            JarEntry index = jar.getJarEntry("META-INF/extensions.idx");
            assertThat(index).as("META-INF/extensions.idx").isNotNull();
            String extensions = new String(jar.getInputStream(index).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(extensions.lines()).contains(reporterClass.getName());
        }
        assertThat(names).contains(reporterClass.getName().replace('.', '/') + ".class");
        assertThat(names).containsAll(bundledClasses());
        assertThat(names).noneMatch(name -> HOST_PACKAGES.stream().anyMatch(name::startsWith));
    }

    @Test
    void pf4jLoadsTheReporterWhichWritesTheGoldenOutput(@TempDir Path plugins) throws Exception {
        Files.copy(pluginJar(), plugins.resolve(pluginId + ".jar"));
        PluginManager manager = new JarPluginManager(plugins);
        try {
            manager.loadPlugins();
            manager.startPlugins();
            PluginWrapper plugin = manager.getPlugin(pluginId);
            assertThat(plugin).as("plug-in " + pluginId).isNotNull();
            assertThat(plugin.getPluginState()).isEqualTo(PluginState.STARTED);

            List<Reporter> reporters = manager.getExtensions(Reporter.class, pluginId);
            assertThat(reporters).singleElement().satisfies(reporter -> {
                assertThat(reporter.formatName()).isEqualTo(formatName);
                assertThat(reporter.getClass().getClassLoader()).isSameAs(plugin.getPluginClassLoader());
            });
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            reporters.get(0).write(goldenReport(), ReportContext.defaults(), out);
            assertThat(out.toByteArray()).isEqualTo(
                    Files.readAllBytes(Path.of("src/test/resources/golden").resolve(goldenFile)));
            assertLoadedReporter(reporters.get(0));
        } finally {
            // one by one: pf4j 3.15's stopPlugins() throws ConcurrentModificationException once one has started
            List<PluginWrapper> started = new ArrayList<>(manager.getStartedPlugins());
            Collections.reverse(started);
            for (PluginWrapper plugin : started) {
                manager.stopPlugin(plugin.getPluginId());
            }
            manager.unloadPlugins();
        }
    }
}
