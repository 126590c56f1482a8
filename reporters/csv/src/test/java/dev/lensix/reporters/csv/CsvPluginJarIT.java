package dev.lensix.reporters.csv;

import dev.lensix.testkit.reporter.ReporterPluginJarTest;

import java.util.List;

/** The packaged CSV plug-in jar: commons-csv bundled, loaded by pf4j, writing the golden output. */
class CsvPluginJarIT extends ReporterPluginJarTest {

    CsvPluginJarIT() {
        super("reporter-csv", "csv", CsvReporter.class, "one-result.csv");
    }

    @Override
    protected List<String> bundledClasses() {
        return List.of("org/apache/commons/csv/CSVPrinter.class");
    }
}
