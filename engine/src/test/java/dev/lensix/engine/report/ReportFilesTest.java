package dev.lensix.engine.report;

import dev.lensix.api.report.ReportContext;
import dev.lensix.api.report.Reporter;
import dev.lensix.api.report.ScanReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static dev.lensix.engine.testing.Reports.pass;
import static dev.lensix.engine.testing.Reports.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportFilesTest {

    @TempDir
    Path dir;

    private final ScanReport report = report(pass("a_check", "kv1"), pass("a_check", "kv2"));

    /** Writes one line per result; throws {@code failure} after the first line when given. */
    private static Reporter reporter(RuntimeException uncheckedFailure, IOException ioFailure) {
        return new Reporter() {
            @Override
            public String formatName() {
                return "lines";
            }

            @Override
            public String defaultFileName() {
                return "lensix.lines";
            }

            @Override
            public void write(ScanReport report, ReportContext context, OutputStream out) throws IOException {
                for (int i = 0; i < report.results().size(); i++) {
                    // large enough to get past any buffering: a half-written file really exists on disk
                    out.write(("x".repeat(64 * 1024) + "\n").getBytes(StandardCharsets.UTF_8));
                    out.write((report.results().get(i).resource().name() + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    if (uncheckedFailure != null) {
                        throw uncheckedFailure;
                    }
                    if (ioFailure != null) {
                        throw ioFailure;
                    }
                }
            }
        };
    }

    private List<String> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void goodWriteCreatesTheFileAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("lensix.lines");
        ReportFiles.writeAtomically(reporter(null, null), report, ReportContext.defaults(), target);
        assertThat(Files.readAllLines(target)).hasSize(4).contains("kv1", "kv2");
        assertThat(filesIn(dir)).containsExactly("lensix.lines");
    }

    @Test
    void goodWriteReplacesAnEarlierReport() throws IOException {
        Path target = Files.writeString(dir.resolve("lensix.lines"), "an older report\n");
        ReportFiles.writeAtomically(reporter(null, null), report, ReportContext.defaults(), target);
        assertThat(Files.readString(target)).doesNotContain("an older report").contains("kv1");
        assertThat(filesIn(dir)).containsExactly("lensix.lines");
    }

    @Test
    void reporterThatThrowsHalfWayLeavesNoTargetAndNoTemporaryFile() {
        Path target = dir.resolve("lensix.lines");
        assertThatThrownBy(() -> ReportFiles.writeAtomically(reporter(new IllegalStateException("reporter bug"), null),
                report, ReportContext.defaults(), target)).isInstanceOf(IllegalStateException.class).hasMessage("reporter bug");
        assertThat(target).doesNotExist();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void reporterThatFailsWithAnIoErrorLeavesAnEarlierReportUntouched() throws IOException {
        Path target = Files.writeString(dir.resolve("lensix.lines"), "an older report\n");
        assertThatThrownBy(() -> ReportFiles.writeAtomically(reporter(null, new IOException("disk full")),
                report, ReportContext.defaults(), target)).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThat(Files.readString(target)).isEqualTo("an older report\n");
        assertThat(filesIn(dir)).containsExactly("lensix.lines");
    }

    @Test
    void reporterThatThrowsAnErrorAlsoCleansUp() throws IOException {
        Path target = Files.writeString(dir.resolve("lensix.lines"), "an older report\n");
        Reporter crashing = new Reporter() {
            public String formatName() {
                return "lines";
            }

            public String defaultFileName() {
                return "lensix.lines";
            }

            public void write(ScanReport report, ReportContext context, OutputStream out) throws IOException {
                out.write("partial".getBytes(StandardCharsets.UTF_8));
                throw new StackOverflowError();
            }
        };
        assertThatThrownBy(() -> ReportFiles.writeAtomically(crashing, report, ReportContext.defaults(), target)).isInstanceOf(StackOverflowError.class);
        assertThat(Files.readString(target)).isEqualTo("an older report\n");
        assertThat(filesIn(dir)).containsExactly("lensix.lines");
    }

    @Test
    void missingOutputFoldersAreCreated() throws IOException {
        Path target = dir.resolve("out/nested/lensix.lines");
        ReportFiles.writeAtomically(reporter(null, null), report, ReportContext.defaults(), target);
        assertThat(target).exists();
        assertThat(filesIn(target.getParent())).containsExactly("lensix.lines");
    }

    @Test
    void reporterThatClosesTheStreamItselfStillWorks() throws IOException {
        Path target = dir.resolve("lensix.lines");
        Reporter closing = new Reporter() {
            public String formatName() {
                return "lines";
            }

            public String defaultFileName() {
                return "lensix.lines";
            }

            public void write(ScanReport report, ReportContext context, OutputStream out) throws IOException {
                out.write("done\n".getBytes(StandardCharsets.UTF_8));
                out.close();
            }
        };
        ReportFiles.writeAtomically(closing, report, ReportContext.defaults(), target);
        assertThat(Files.readString(target)).isEqualTo("done\n");
        assertThat(filesIn(dir)).containsExactly("lensix.lines");
    }
}
