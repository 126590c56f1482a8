package dev.lensix.reporters.sarif;

import dev.lensix.api.report.ReportContext;
import dev.lensix.api.report.Reporter;
import dev.lensix.api.report.ScanReport;
import dev.lensix.testkit.reporter.ReporterPluginJarTest;
import dev.lensix.testkit.reporter.SampleReports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged SARIF plug-in jar: java-sarif bundled, Jackson the host's, the category option honoured. */
class SarifPluginJarIT extends ReporterPluginJarTest {

    SarifPluginJarIT() {
        super("reporter-sarif", "sarif", SarifReporter.class, "many-results.sarif");
    }

    @Override
    protected List<String> bundledClasses() {
        return List.of("com/contrastsecurity/sarif/SarifSchema210.class");
    }

    @Override
    protected ScanReport goldenReport() {
        return SampleReports.manyResults();
    }

    @Override
    protected void assertLoadedReporter(Reporter reporter) throws IOException {
        List<String> warnings = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reporter.write(SampleReports.oneResult(), ReportContext.of(Map.of("sarif.category", "lensix/it"), warnings::add), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"id\": \"lensix/it/\"");
        assertThat(warnings).isEmpty();
    }
}
