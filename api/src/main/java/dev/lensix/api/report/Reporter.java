package dev.lensix.api.report;

import org.pf4j.ExtensionPoint;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a scan's results in one format. Chosen by {@link #formatName()} with {@code --format}; the
 * engine opens the stream on a temporary file and moves it into place only when {@code write}
 * returns, so a reporter never leaves a half-written report behind.
 *
 * <p>Output must be well-formed for any text a resource carries and byte-for-byte the same for the
 * same report.
 *
 * <pre>{@code
 * @Extension
 * public final class TsvReporter implements Reporter {
 *     public String formatName() { return "tsv"; }
 *     public String defaultFileName() { return "lensix.tsv"; }
 *     public void write(ScanReport report, ReportContext context, OutputStream out) throws IOException {
 *         Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
 *         for (Result r : report.results()) { writer.write(r.checkId() + "\t" + r.status() + "\n"); }
 *         writer.flush();
 *     }
 * }
 * }</pre>
 */
public interface Reporter extends ExtensionPoint {

    /** The name users give to {@code --format}: lower case, no spaces ({@code csv}). */
    String formatName();

    /** The file written in {@code --output-dir} ({@code lensix.csv}). */
    String defaultFileName();

    /**
     * Writes the whole report to {@code out}; does not close it.
     *
     * @param context the user's format options, and where to send warnings about this report
     */
    void write(ScanReport report, ReportContext context, OutputStream out) throws IOException;
}
