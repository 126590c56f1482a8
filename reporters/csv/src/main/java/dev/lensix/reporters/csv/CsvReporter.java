package dev.lensix.reporters.csv;

import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Status;
import dev.lensix.api.report.ReportContext;
import dev.lensix.api.report.Reporter;
import dev.lensix.api.report.BaselineState;
import dev.lensix.api.report.EvidenceText;
import dev.lensix.api.report.Result;
import dev.lensix.api.report.Suppression;
import dev.lensix.api.report.ScanProblem;
import dev.lensix.api.report.ScanReport;
import dev.lensix.api.resource.SourceLocation;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;
import org.pf4j.Extension;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code csv} format: one row per result, for spreadsheets and SIEM import ({@code lensix.csv}).
 *
 * <p><b>Layout.</b> RFC 4180 as written by commons-csv: UTF-8 without a byte order mark, CRLF after every
 * record (the last one too), fields quoted only when needed (a quote, comma, CR or LF inside, or
 * commons-csv's other minimal-quoting cases), quotes doubled. A header row, then one row per result in
 * report order (check id, then resource id), all statuses. Columns, in this order ({@link #COLUMNS}):
 * <pre>
 * check_id,status,severity,resource_id,resource_type,resource_name,subscription_id,resource_group,location,
 * message,remediation,evidence,suppressed,suppression_justification,suppression_owner,suppression_expires,
 * baseline_state,remediation_url,file,line
 * </pre>
 * A row carries what is specific to its result, and short references to what is the same for every result of its
 * check. {@code status} is {@code PASS}, {@code FAIL} or {@code ERROR}; {@code severity} the lower-case label
 * ({@code critical} ... {@code info}); unknown resource parts are empty. {@code remediation}, on FAIL rows only, is
 * {@link dev.lensix.api.check.Remediation#oneLine()}, the check's remediation in one line of at most 200
 * characters; the whole remediation (steps, Azure CLI, Terraform, Azure Policy) is said once per check, in the SARIF
 * rules' help, a JUnit failure's text and {@code lensix checks show ID}. {@code remediation_url}, on FAIL and ERROR
 * rows, is the check's documentation, its first reference; a PASS row needs neither. {@code evidence} is
 * {@link EvidenceText}: what the check read, {@code path = value}, one line per resource read, an observation about
 * another resource than the row's prefixed with a short name for it ({@code ./child}, a label the evidence gave it,
 * or its id). {@code suppressed} is {@code true} for a FAIL an accepted risk covers (it keeps status FAIL), with
 * {@code suppression_justification}, {@code suppression_owner} and {@code suppression_expires} (an ISO date);
 * {@code false} otherwise, the three empty. {@code baseline_state} is {@code new}, {@code unchanged} or
 * {@code updated} for FAIL and ERROR rows when the scan had a baseline, else empty; the baseline's results no longer
 * given are in the SARIF report and the summary, not here, so every row is a result of this scan. {@code file} and
 * {@code line}, for a resource declared in a file (a template, a Terraform plan's {@code .tf} source), are where the
 * result is decided ({@link Result#sourceLocation()}): the file relative to the source root and the 1-based line;
 * empty for resources read from Azure or a snapshot. Line breaks inside cells are LF.
 *
 * <p><b>Scan problems</b> (a plug-in that failed to start, a check that could not be built) never vanish:
 * after the results, each {@link ScanProblem} is a row with {@code check_id} {@value #PROBLEM_CHECK_ID},
 * {@code status} {@code ERROR}, {@code resource_type} {@value #PROBLEM_RESOURCE_TYPE}, {@code resource_id}
 * the problem's source (e.g. {@code plugin:key-vault}), {@code message} the problem's message,
 * {@code suppressed} {@code false}, and every other cell empty (a problem has no severity).
 *
 * <p><b>Formula injection.</b> Following OWASP's CSV injection guidance, any cell whose first character is
 * {@code =}, {@code +}, {@code -}, {@code @}, TAB, CR or LF gets a single quote ({@code '}) in front, so
 * Excel, LibreOffice and Google Sheets show it as text instead of evaluating it. This applies to every cell,
 * ids and messages alike, in one place ({@link CsvCells#safe}). The trade-off: a legitimate value that only
 * looks like a formula, such as {@code -1} or {@code +44 20 7946 0000}, is also written as {@code '-1}; lensix
 * writes no numeric columns, and a consumer that needs the raw text removes one leading quote when the
 * character after it is one of those seven.
 *
 * <p><b>Invalid characters.</b> C0 control characters other than TAB, LF and CR (NUL, ESC, ...), DEL, C1
 * controls, the non-characters U+FFFE/U+FFFF and unpaired surrogates are replaced with U+FFFD (the
 * replacement character) before writing: most CSV consumers reject or misinterpret them, and a terminal
 * that prints the file would obey escape sequences. Everything else, emoji and right-to-left text (U+202E
 * included), is written as UTF-8 unchanged.
 *
 * <p>Rows are streamed to the output; {@code write} flushes and leaves the stream open. The reporter has no
 * state and is safe to use from several threads.
 *
 * <pre>{@code
 * Reporter csv = new CsvReporter();
 * try (OutputStream out = Files.newOutputStream(outputDir.resolve(csv.defaultFileName()))) {
 *     csv.write(report, ReportContext.defaults(), out);
 * }
 * // check_id,status,severity,resource_id,...
 * // rsv_nobyok,FAIL,high,/subscriptions/.../vaults/rsv-prod,Microsoft.RecoveryServices/vaults,rsv-prod,...
 * }</pre>
 */
@Extension
public final class CsvReporter implements Reporter {

    /** The name given to {@code --format}. */
    public static final String FORMAT_NAME = "csv";

    /** The file written in the output directory. */
    public static final String DEFAULT_FILE_NAME = "lensix.csv";

    /**
     * The header row: the contract's eleven columns, then {@code evidence}, the accepted risk and baseline columns,
     * {@code remediation_url}, and the source {@code file} and {@code line}.
     */
    public static final List<String> COLUMNS = List.of("check_id", "status", "severity", "resource_id",
            "resource_type", "resource_name", "subscription_id", "resource_group", "location", "message",
            "remediation", "evidence", "suppressed", "suppression_justification", "suppression_owner",
            "suppression_expires", "baseline_state", "remediation_url", "file", "line");

    /** {@code check_id} of a scan-problem row. */
    public static final String PROBLEM_CHECK_ID = "lensix";

    /** {@code resource_type} of a scan-problem row. */
    public static final String PROBLEM_RESOURCE_TYPE = "lensix/problem";

    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setQuoteMode(QuoteMode.MINIMAL)
            .setRecordSeparator("\r\n")
            .get();

    @Override
    public String formatName() {
        return FORMAT_NAME;
    }

    @Override
    public String defaultFileName() {
        return DEFAULT_FILE_NAME;
    }

    @Override
    public void write(ScanReport report, ReportContext context, OutputStream out) throws IOException {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(out, "out");
        // not closed: closing would close the caller's stream; flushed below
        OutputStream file = new BufferedOutputStream(out, 1 << 16);
        CsvRow row = new CsvRow(file);
        row.cells(COLUMNS);
        row.end();
        // a check's one-line remediation and documentation link are the same on each of its rows: made safe, quoted
        // and encoded once per check, then copied
        Map<CheckDescriptor, CheckCells> checkCells = new IdentityHashMap<>();
        for (Result result : report.results()) {
            CheckCells cells = checkCells.computeIfAbsent(result.check(), CheckCells::of);
            resultCells(row, result);
            row.raw(result.status() == Status.FAIL ? cells.remediation() : CheckCells.EMPTY);
            row.cell(EvidenceText.of(result.resource().id(), result.evidence()));
            triageCells(row, result);
            row.raw(result.status() == Status.PASS ? CheckCells.EMPTY : cells.remediationUrl());
            Optional<SourceLocation> source = result.sourceLocation();
            row.cell(source.map(SourceLocation::file).orElse(""));
            row.cell(source.map(place -> Integer.toString(place.line())).orElse(""));
            row.end();
        }
        for (ScanProblem problem : report.problems()) {
            row.cells(problemRow(problem));
            row.end();
        }
        file.flush();
    }

    /** The cells of a row that come from its check, as they go into the file, each with the comma before it. */
    private record CheckCells(byte[] remediation, byte[] remediationUrl) {

        /** An empty cell after a comma. */
        static final byte[] EMPTY = {','};

        static CheckCells of(CheckDescriptor check) {
            return new CheckCells(encoded(check.remediation().oneLine()),
                    encoded(check.references().isEmpty() ? "" : check.references().get(0)));
        }

        private static byte[] encoded(String value) {
            try {
                StringBuilder cell = new StringBuilder();
                FORMAT.print(CsvCells.safe(value), cell, false);
                return cell.toString().getBytes(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e); // a StringBuilder does not fail
            }
        }
    }

    /** The cells of a result's row before its remediation: the result's own, up to its message. */
    private static void resultCells(CsvRow row, Result result) throws IOException {
        row.cell(result.checkId());
        row.cell(result.status().name());
        row.cell(result.severity().label());
        row.cell(result.resource().id());
        row.cell(result.resource().type());
        row.cell(result.resource().name());
        row.cell(result.resource().subscriptionId());
        row.cell(result.resource().resourceGroup());
        row.cell(result.resource().location());
        row.cell(result.message());
    }

    /** {@code suppressed} and who accepted the risk until when; {@code baseline_state} when there was a baseline. */
    private static void triageCells(CsvRow row, Result result) throws IOException {
        row.cell(String.valueOf(result.suppressed()));
        Optional<Suppression> accepted = result.suppression();
        row.cell(accepted.map(Suppression::justification).orElse(""));
        row.cell(accepted.map(Suppression::owner).orElse(""));
        row.cell(accepted.map(suppression -> suppression.expires().toString()).orElse(""));
        row.cell(result.baselineState().map(BaselineState::spelled).orElse(""));
    }

    private static List<String> problemRow(ScanProblem problem) {
        return List.of(PROBLEM_CHECK_ID, Status.ERROR.name(), "", problem.source(), PROBLEM_RESOURCE_TYPE, "", "", "", "",
                problem.message(), "", "", "false", "", "", "", "", "", "", "");
    }
}
