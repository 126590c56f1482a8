package dev.lensix.engine.report;

import dev.lensix.api.report.ReportContext;
import dev.lensix.api.report.Reporter;
import dev.lensix.api.report.ScanReport;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a report (or snapshot) file so that it is either complete or absent: the content is written to a
 * temporary file beside the target, which is moved into place only when writing has finished.
 */
public final class ReportFiles {

    /** Writes a file's whole content to a stream it does not close. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private ReportFiles() {
    }

    /** Writes {@code report} with {@code reporter} to {@code target}, replacing any earlier file. */
    public static void writeAtomically(Reporter reporter, ScanReport report, ReportContext context, Path target)
            throws IOException {
        writeAtomically(target, out -> reporter.write(report, context, out));
    }

    /** Writes {@code content} to {@code target}, replacing any earlier file; on failure the target is untouched. */
    public static void writeAtomically(Path target, Content content) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".partial");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary))) {
                content.writeTo(out);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
