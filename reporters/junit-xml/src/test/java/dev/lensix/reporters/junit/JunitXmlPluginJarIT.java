package dev.lensix.reporters.junit;

import dev.lensix.api.report.ReportContext;
import dev.lensix.api.report.Reporter;
import dev.lensix.testkit.reporter.SampleReports;
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
 * The packaged plug-in jar, as the distribution ships it: pf4j descriptor in the manifest, the extension
 * index, no library bundled (the JDK's StAX writer does the work) and none of the host's; and pf4j loads it,
 * finds the reporter, and the reporter writes the golden output.
 * Runs after {@code package} ({@code mvn -pl reporters/junit-xml verify}).
 */
class JunitXmlPluginJarIT {

    private static Path pluginJar() {
        Path jar = Path.of(System.getProperty("lensix.plugin.jar", "target/lensix-reporter-junit-xml-0.1.0-SNAPSHOT.jar"));
        assertThat(jar).as("the packaged plug-in jar").isRegularFile();
        return jar;
    }

    @Test
    void manifestCarriesThePluginDescriptor() throws IOException {
        try (JarFile jar = new JarFile(pluginJar().toFile())) {
            assertThat(jar.getManifest()).as("MANIFEST.MF").isNotNull();
            Attributes attributes = jar.getManifest().getMainAttributes();
            assertThat(attributes.getValue("Plugin-Id")).isEqualTo("reporter-junit-xml");
            assertThat(attributes.getValue("Plugin-Version")).isNotBlank();
            assertThat(attributes.getValue("Plugin-Requires")).isNotBlank().doesNotContain("SNAPSHOT");
        }
    }

    @Test
    void bundlesOnlyItsOwnClasses() throws IOException {
        List<String> names = new ArrayList<>();
        try (JarFile jar = new JarFile(pluginJar().toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                names.add(entry.getName());
            }
            String index = new String(jar.getInputStream(jar.getEntry("META-INF/extensions.idx")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(index.lines()).contains(JunitXmlReporter.class.getName());
        }
        assertThat(names).contains("dev/lensix/reporters/junit/JunitXmlReporter.class");
        assertThat(names).filteredOn(name -> name.endsWith(".class"))
                .allMatch(name -> name.startsWith("dev/lensix/reporters/junit/"));
        assertThat(names).noneMatch(name -> name.startsWith("dev/lensix/api/") || name.startsWith("org/pf4j/")
                || name.startsWith("com/fasterxml/") || name.startsWith("jakarta/inject/")
                || name.startsWith("org/slf4j/") || name.startsWith("com/networknt/")
                || name.startsWith("tools/jackson/"));
    }

    @Test
    void pf4jLoadsTheReporter(@TempDir Path plugins) throws Exception {
        Files.copy(pluginJar(), plugins.resolve("lensix-reporter-junit-xml.jar"));
        PluginManager manager = new JarPluginManager(plugins);
        try {
            manager.loadPlugins();
            manager.startPlugins();
            PluginWrapper plugin = manager.getPlugin("reporter-junit-xml");
            assertThat(plugin).as("plug-in reporter-junit-xml").isNotNull();
            assertThat(plugin.getPluginState()).isEqualTo(PluginState.STARTED);

            List<Reporter> reporters = manager.getExtensions(Reporter.class, "reporter-junit-xml");
            assertThat(reporters).singleElement().satisfies(reporter -> {
                assertThat(reporter.formatName()).isEqualTo("junit");
                assertThat(reporter.getClass().getClassLoader()).isSameAs(plugin.getPluginClassLoader());
            });
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            reporters.get(0).write(SampleReports.manyResults(), ReportContext.defaults(), out);
            assertThat(out.toByteArray()).isEqualTo(
                    Files.readAllBytes(Path.of("src/test/resources/golden/many-results.xml")));
        } finally {
            // one by one: pf4j 3.15's stopPlugins() throws ConcurrentModificationException
            List<PluginWrapper> started = new ArrayList<>(manager.getStartedPlugins());
            Collections.reverse(started);
            for (PluginWrapper plugin : started) {
                manager.stopPlugin(plugin.getPluginId());
            }
            manager.unloadPlugins();
        }
    }
}
