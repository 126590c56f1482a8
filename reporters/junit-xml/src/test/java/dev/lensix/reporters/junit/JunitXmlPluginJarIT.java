package dev.lensix.reporters.junit;

import dev.lensix.api.report.ScanReport;
import dev.lensix.testkit.reporter.ReporterPluginJarTest;
import dev.lensix.testkit.reporter.SampleReports;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged JUnit XML plug-in jar: no library bundled (the module's own {@link XmlWriter} does the work). */
class JunitXmlPluginJarIT extends ReporterPluginJarTest {

    JunitXmlPluginJarIT() {
        super("reporter-junit-xml", "junit", JunitXmlReporter.class, "many-results.xml");
    }

    @Override
    protected ScanReport goldenReport() {
        return SampleReports.manyResults();
    }

    @Test
    void bundlesNoClassButItsOwn() throws IOException {
        List<String> classes = new ArrayList<>();
        try (JarFile jar = new JarFile(pluginJar().toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                if (entry.getName().endsWith(".class")) {
                    classes.add(entry.getName());
                }
            }
        }
        assertThat(classes).isNotEmpty().allMatch(name -> name.startsWith("dev/lensix/reporters/junit/"));
    }
}
