package dev.lensix.testkit.reporter;

import dev.lensix.api.report.ReportContext;
import dev.lensix.api.report.Reporter;
import dev.lensix.api.report.ScanReport;
import dev.lensix.testkit.ExtensionIndex;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeout;

/**
 * The contract every lensix {@link Reporter} passes, in the style of PMD's renderer tests: each reporter
 * module's test extends this class, names its reporter and golden-file extension, and inherits these cases.
 *
 * <ul>
 *   <li>Golden files: {@link SampleReports#goldenCases() every sample report} (empty scan, one result,
 *       many results with problems, an ERROR result, hostile text in every field) is written and compared
 *       byte for byte with {@code <goldenDirectory>/<case>.<goldenExtension>}, e.g.
 *       {@code src/test/resources/golden/hostile-text.csv}. A mismatch fails with the first differing
 *       byte offset, line and an excerpt of both, and saves the output under {@code target/golden-actual/}.</li>
 *   <li>Determinism: the same report written twice, and by a second reporter instance, gives identical bytes.</li>
 *   <li>{@code write} flushes everything it wrote and does not close the stream.</li>
 *   <li>A report with 1,500 results is written without error.</li>
 *   <li>{@code formatName} and {@code defaultFileName} are plain names.</li>
 *   <li>The module's {@code META-INF/extensions.idx} names the reporter, so pf4j finds it.</li>
 * </ul>
 *
 * <p><b>Regenerating golden files:</b> run the module's tests with the system property
 * {@code lensix.golden.update=true} ({@value GoldenFiles#UPDATE_PROPERTY}), e.g.
 * {@code mvn -pl reporters/csv verify -Dlensix.golden.update=true}; every golden file that differs from the
 * output is rewritten (and the golden tests pass). Review the diff before committing.
 *
 * <p>Format-specific checks go on top: override {@link #assertFormat} (called with the output of every
 * golden case and of the large report) and add {@code @Test} methods of your own.
 *
 * <pre>{@code
 * class CsvReporterContractTest extends ReporterContractTest {
 *     @Override protected Reporter reporter() { return new CsvReporter(); }
 *     @Override protected String goldenExtension() { return "csv"; }
 *
 *     @Override
 *     protected void assertFormat(String caseName, ScanReport report, byte[] output) throws Exception {
 *         // parse output back and check every cell
 *     }
 * }
 * }</pre>
 */
public abstract class ReporterContractTest {

    /** The number of results in the volume case. */
    protected static final int LARGE_RESULT_COUNT = 1_500;

    /** The reporter under test; a new instance per call is fine (and preferred). */
    protected abstract Reporter reporter();

    /** The golden files' extension, without the dot: {@code csv}, {@code sarif}, {@code xml}. */
    protected abstract String goldenExtension();

    /** Where the golden files live; {@code src/test/resources/golden} of the module by default. */
    protected Path goldenDirectory() {
        return moduleDirectory().resolve("src").resolve("test").resolve("resources").resolve("golden");
    }

    /**
     * Format-specific assertions on {@code output}, the bytes written for {@code report}; called for every
     * golden case ({@code empty}, {@code one-result}, {@code many-results}, {@code error-result},
     * {@code hostile-text}) and for {@code large}. Does nothing by default.
     */
    protected void assertFormat(String caseName, ScanReport report, byte[] output) throws Exception {
    }

    /** The module's base directory: Maven's {@code basedir} property, else the working directory. */
    protected static Path moduleDirectory() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    }

    /** Writes {@code report} with {@link #reporter()} and returns the bytes, checking the stream is left open. */
    protected final byte[] write(ScanReport report) throws IOException {
        return write(reporter(), report);
    }

    /** Writes {@code report} with {@code reporter} and returns the bytes, checking the stream is left open. */
    protected static byte[] write(Reporter reporter, ScanReport report) throws IOException {
        TrackingOutputStream out = new TrackingOutputStream();
        reporter.write(report, ReportContext.defaults(), out);
        assertThat(out.closed).as("the reporter closed the stream it was given").isFalse();
        return out.toByteArray();
    }

    /** Writes {@code report}, compares it with its golden file, then runs {@link #assertFormat}. */
    protected final void assertMatchesGolden(String caseName, ScanReport report) throws Exception {
        byte[] output = write(report);
        GoldenFiles.in(goldenDirectory(), moduleDirectory().resolve("target").resolve("golden-actual"))
                .assertMatches(caseName + "." + goldenExtension(), output);
        assertFormat(caseName, report, output);
    }

    @Test
    @DisplayName("an empty scan (no checks, no results) matches empty.<ext>")
    protected void emptyScan() throws Exception {
        assertMatchesGolden("empty", SampleReports.empty());
    }

    @Test
    @DisplayName("one result matches one-result.<ext>")
    protected void oneResult() throws Exception {
        assertMatchesGolden("one-result", SampleReports.oneResult());
    }

    @Test
    @DisplayName("many results, every status and severity, with problems, match many-results.<ext>")
    protected void manyResults() throws Exception {
        assertMatchesGolden("many-results", SampleReports.manyResults());
    }

    @Test
    @DisplayName("an ERROR result matches error-result.<ext>")
    protected void errorResult() throws Exception {
        assertMatchesGolden("error-result", SampleReports.errorResult());
    }

    @Test
    @DisplayName("hostile text in every text field matches hostile-text.<ext>")
    protected void hostileText() throws Exception {
        assertMatchesGolden("hostile-text", SampleReports.hostileText());
    }

    @Test
    @DisplayName("suppressed FAILs, baseline states and absent results match accepted-risks.<ext>")
    protected void acceptedRisks() throws Exception {
        assertMatchesGolden("accepted-risks", SampleReports.acceptedRisks());
    }

    @Test
    @DisplayName("results on resources declared in files: source files and lines, an absolute path, hostile addresses")
    protected void declaredInFiles() throws Exception {
        assertMatchesGolden("declared-in-files", SampleReports.declaredInFiles());
    }

    @Test
    @DisplayName("the same report gives the same bytes, twice and from another instance")
    protected void outputIsDeterministic() throws Exception {
        Reporter reporter = reporter();
        Map<String, ScanReport> cases = new LinkedHashMap<>(SampleReports.goldenCases());
        cases.put("large", SampleReports.large(LARGE_RESULT_COUNT));
        for (Map.Entry<String, ScanReport> sample : cases.entrySet()) {
            byte[] first = write(reporter, sample.getValue());
            byte[] second = write(reporter, sample.getValue());
            byte[] other = write(reporter(), rebuild(sample.getKey()));
            assertThat(second).as("%s written twice by one reporter", sample.getKey()).isEqualTo(first);
            assertThat(other).as("%s written by another reporter instance", sample.getKey()).isEqualTo(first);
        }
    }

    @Test
    @DisplayName("write flushes its output and leaves the stream open")
    protected void writeDoesNotCloseTheStream() throws Exception {
        TrackingOutputStream out = new TrackingOutputStream();
        reporter().write(SampleReports.manyResults(), ReportContext.defaults(), out);
        assertThat(out.closed).as("stream closed by write").isFalse();
        int written = out.size();
        assertThat(written).as("bytes that reached the stream").isPositive();
        out.write('x');
        assertThat(out.size()).as("the stream still takes bytes after write").isEqualTo(written + 1);
    }

    @Test
    @DisplayName("a report with 1,500 results is written without error")
    protected void writesThousandsOfResults() throws Exception {
        ScanReport report = SampleReports.large(LARGE_RESULT_COUNT);
        byte[] output = assertTimeout(Duration.ofSeconds(30), () -> write(report));
        assertThat(output).isNotEmpty();
        assertFormat("large", report, output);
    }

    @Test
    @DisplayName("format name and default file name are plain names")
    protected void namesItself() {
        Reporter reporter = reporter();
        assertThat(reporter.formatName()).matches("[a-z0-9][a-z0-9-]*");
        assertThat(reporter.defaultFileName()).isNotBlank().doesNotContain("/", "\\")
                .isEqualTo(reporter.defaultFileName().strip());
    }

    @Test
    @DisplayName("META-INF/extensions.idx on the test class path names the reporter, so pf4j finds it")
    protected void extensionIndexNamesTheReporter() throws IOException {
        List<String> entries = ExtensionIndex.classNamesSeenBy(getClass().getClassLoader());
        assertThat(entries).contains(reporter().getClass().getName());
    }

    /**
     * Asserts that the reporter streams a report of 5,000 results (over 1 MB) to its output in many chunks of at
     * most 64 KiB, rather than building it in memory and writing it at once. For reporters that stream.
     */
    protected final void assertStreamsOutput() throws IOException {
        ChunkRecorder out = new ChunkRecorder();
        reporter().write(SampleReports.large(5_000), ReportContext.defaults(), out);
        assertThat(out.total).isGreaterThan(1_000_000);
        assertThat(out.chunks).isGreaterThan(10);
        assertThat(out.largest).isLessThanOrEqualTo(64 * 1024);
    }

    private static ScanReport rebuild(String caseName) {
        return "large".equals(caseName) ? SampleReports.large(LARGE_RESULT_COUNT)
                : SampleReports.goldenCases().get(caseName);
    }

    /** Counts how the reporter's bytes arrive. */
    private static final class ChunkRecorder extends OutputStream {
        private long total;
        private int chunks;
        private int largest;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            total += len;
            chunks++;
            largest = Math.max(largest, len);
        }
    }

    /** Collects bytes without buffering, so anything the reporter did not flush is missing; remembers close. */
    private static final class TrackingOutputStream extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private boolean closed;

        @Override
        public void write(int b) throws IOException {
            ensureOpen();
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ensureOpen();
            bytes.write(b, off, len);
        }

        @Override
        public void close() {
            closed = true;
        }

        int size() {
            return bytes.size();
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }

        private void ensureOpen() throws IOException {
            if (closed) {
                throw new IOException("stream closed");
            }
        }
    }
}
