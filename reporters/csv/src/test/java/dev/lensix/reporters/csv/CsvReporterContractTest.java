package dev.lensix.reporters.csv;

import dev.lensix.api.report.ReportContext;
import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Observation;
import dev.lensix.api.check.Remediation;
import dev.lensix.api.check.Severity;
import dev.lensix.api.check.Status;
import dev.lensix.api.report.Reporter;
import dev.lensix.api.report.ResourceRef;
import dev.lensix.api.report.BaselineState;
import dev.lensix.api.report.EvidenceText;
import dev.lensix.api.report.Result;
import dev.lensix.api.report.ScanProblem;
import dev.lensix.api.report.ScanReport;
import dev.lensix.api.report.Suppression;
import dev.lensix.api.resource.SourceLocation;
import dev.lensix.testkit.reporter.ReporterContractTest;
import dev.lensix.testkit.reporter.SampleReports;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reporter contract (golden files under {@code src/test/resources/golden/*.csv}) plus CSV-specific checks:
 * every output is parsed back with commons-csv and every cell compared with what the report holds.
 * Regenerate the golden files with {@code mvn -pl reporters/csv verify -Dlensix.golden.update=true}.
 */
class CsvReporterContractTest extends ReporterContractTest {

    /** The columns ARCHITECTURE.md fixes, in its order. */
    private static final List<String> CONTRACT_COLUMNS = List.of("check_id", "status", "severity", "resource_id",
            "resource_type", "resource_name", "subscription_id", "resource_group", "location", "message",
            "remediation");

    private static final String DANGEROUS_FIRST = "=+-@\t\r\n";

    /** Written independently of the reporter: what must be replaced with U+FFFD. */
    private static final Pattern INVALID = Pattern.compile(
            "[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F\\uFFFE\\uFFFF]"
                    + "|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]");

    @Override
    protected Reporter reporter() {
        return new CsvReporter();
    }

    @Override
    protected String goldenExtension() {
        return "csv";
    }

    @Override
    protected void assertFormat(String caseName, ScanReport report, byte[] output) throws Exception {
        assertThat(output.length >= 3 && output[0] == (byte) 0xEF && output[1] == (byte) 0xBB
                && output[2] == (byte) 0xBF).as("%s starts with a byte order mark", caseName).isFalse();
        String text = strictUtf8(output);
        List<CSVRecord> records = parse(text);

        assertThat(records).as("%s: header + one row per result + one per problem", caseName)
                .hasSize(1 + report.results().size() + report.problems().size());
        assertThat(records.get(0).toList()).as("%s header", caseName).isEqualTo(CsvReporter.COLUMNS);
        assertThat(text).as("%s ends with CRLF", caseName).endsWith("\r\n");
        for (int i = 1; i < records.size(); i++) {
            int start = (int) records.get(i).getCharacterPosition();
            assertThat(text.substring(start - 2, start)).as("%s: separator before record %d", caseName, i)
                    .isEqualTo("\r\n");
        }

        List<List<String>> expected = expectedRows(report);
        for (int row = 0; row < expected.size(); row++) {
            List<String> cells = records.get(row + 1).toList();
            assertThat(cells).as("%s row %d cell count", caseName, row + 1).hasSize(CsvReporter.COLUMNS.size());
            for (int column = 0; column < cells.size(); column++) {
                String cell = cells.get(column);
                String where = caseName + " row " + (row + 1) + " column " + CsvReporter.COLUMNS.get(column);
                assertThat(cell).as(where).isEqualTo(expectedCell(expected.get(row).get(column)));
                assertThat(cell.isEmpty() || DANGEROUS_FIRST.indexOf(cell.charAt(0)) < 0)
                        .as("%s begins with an unneutralised formula character: %s", where, abbreviate(cell)).isTrue();
                assertThat(INVALID.matcher(cell).find()).as("%s holds an invalid character", where).isFalse();
            }
        }
    }

    @Test
    @DisplayName("the first eleven columns are exactly the contract's, and the header is not quoted")
    void contractColumns() throws Exception {
        assertThat(CsvReporter.COLUMNS.subList(0, CONTRACT_COLUMNS.size())).isEqualTo(CONTRACT_COLUMNS);
        assertThat(CsvReporter.COLUMNS.subList(CONTRACT_COLUMNS.size(), CsvReporter.COLUMNS.size()))
                .containsExactly("evidence", "suppressed", "suppression_justification",
                        "suppression_owner", "suppression_expires", "baseline_state", "remediation_url", "file", "line");
        assertThat(new String(write(SampleReports.empty()), StandardCharsets.US_ASCII)).isEqualTo(
                "check_id,status,severity,resource_id,resource_type,resource_name,subscription_id,resource_group,"
                        + "location,message,remediation,evidence,suppressed,"
                        + "suppression_justification,suppression_owner,suppression_expires,baseline_state,remediation_url,file,line\r\n");
    }

    @Test
    @DisplayName("a resource declared in a file gets the file and line that decide its result; others leave both empty")
    void sourceFileAndLine() throws Exception {
        List<CSVRecord> records = parse(strictUtf8(write(SampleReports.declaredInFiles())));
        int file = CsvReporter.COLUMNS.indexOf("file");
        int line = CsvReporter.COLUMNS.indexOf("line");
        Map<String, List<String>> byName = new LinkedHashMap<>();
        records.subList(1, records.size()).forEach(row -> byName.put(row.get(5), List.of(row.get(file), row.get(line))));
        assertThat(byName).containsEntry("kv-backup", List.of("main.tf", "36"))          // the property it sets
                .containsEntry("rsv-legacy", List.of("main.tf", "12"))                        // nothing set: the declaration
                .containsEntry("rsv-new", List.of("modules/backup vaults/main.tf", "11"))     // the deepest path it sets
                .containsEntry("kv-shared", List.of("/opt/modules/shared/kv.tf", "2"));
        List<CSVRecord> snapshot = parse(strictUtf8(write(SampleReports.oneResult())));
        assertThat(List.of(snapshot.get(1).get(file), snapshot.get(1).get(line))).containsExactly("", "");
    }

    @Test
    @DisplayName("a plain result row is written unquoted with the status upper-case and severity lower-case")
    void plainRow() throws Exception {
        List<CSVRecord> records = parse(strictUtf8(write(SampleReports.oneResult())));
        CSVRecord row = records.get(1);
        assertThat(row.get(0)).isEqualTo("rsv_nobyok");
        assertThat(row.get(1)).isEqualTo("FAIL");
        assertThat(row.get(2)).isEqualTo("high");
        assertThat(row.get(3)).isEqualTo(SampleReports.RSV_PROD);
        assertThat(row.get(8)).isEqualTo("westeurope");
        assertThat(row.get(10)).isEqualTo(SampleReports.rsvNoByok().remediation().oneLine()).hasSizeLessThan(200)
                .doesNotContain("\n");
        // a resource beneath the row's is named relative to it
        assertThat(row.get(11)).isEqualTo("properties.encryption.keyVaultProperties.keyUri = (absent)\n"
                + "./backupEncryptionConfigs/backupResourceEncryptionConfig: "
                + "properties.encryptionAtRestType = \"MicrosoftManaged\"");
        assertThat(row.get(CsvReporter.COLUMNS.indexOf("remediation_url")))
                .isEqualTo("https://learn.microsoft.com/azure/backup/encryption-at-rest-with-cmk");
        String text = strictUtf8(write(SampleReports.oneResult()));
        assertThat(text).contains("\r\nrsv_nobyok,FAIL,high," + SampleReports.RSV_PROD
                + ",Microsoft.RecoveryServices/vaults,rsv-prod,");
    }

    @Test
    @DisplayName("scan problems become ERROR rows after the results, check_id lensix, type lensix/problem")
    void problemsAreRows() throws Exception {
        ScanReport report = SampleReports.manyResults();
        List<CSVRecord> records = parse(strictUtf8(write(report)));
        assertThat(records).hasSize(1 + report.results().size() + 2);
        for (int i = 0; i < report.problems().size(); i++) {
            ScanProblem problem = report.problems().get(i);
            CSVRecord row = records.get(1 + report.results().size() + i);
            assertThat(row.toList()).containsExactly("lensix", "ERROR", "", problem.source(), "lensix/problem",
                    "", "", "", "", problem.message(), "", "", "false", "", "", "", "", "", "", "");
        }
    }

    @ParameterizedTest(name = "a cell starting with {0} gets a single quote")
    @ValueSource(strings = {"=", "+", "-", "@", "\t", "\r", "\n"})
    void dangerousPrefixIsNeutralised(String prefix) throws Exception {
        String value = prefix + "cmd|' /C calc'!A0";
        CheckDescriptor check = CheckDescriptor.builder("prefix_check")
                .title(value).severity(Severity.INFO).service("test").description("d").rationale("r")
                .remediation(Remediation.of(value)).reference(value).targetType("t").build();
        ResourceRef ref = new ResourceRef(value, value, value, value, value, value);
        Result result = new Result(check, ref, Status.FAIL, Severity.INFO, value,
                new Evidence(List.of(new Observation(value, value, value, true))));
        ScanReport report = report(List.of(check), List.of(result), List.of(new ScanProblem(value, value)));

        List<CSVRecord> records = parse(strictUtf8(write(report)));
        List<String> row = records.get(1).toList();
        for (int column : new int[] {3, 4, 5, 6, 7, 8, 9, CsvReporter.COLUMNS.indexOf("remediation_url")}) {
            assertThat(row.get(column)).as(CsvReporter.COLUMNS.get(column)).isEqualTo("'" + value);
        }
        // the one-line remediation is the summary stripped: a leading CR or LF is gone, any other prefix neutralised
        String oneLine = Remediation.of(value).oneLine();
        assertThat(row.get(10)).isEqualTo(DANGEROUS_FIRST.indexOf(oneLine.charAt(0)) >= 0 ? "'" + oneLine : oneLine);
        // evidence: "path = value" for the row's own resource
        assertThat(row.get(11)).isEqualTo("'" + value + " = " + value);
        List<String> problem = records.get(2).toList();
        assertThat(problem.get(3)).isEqualTo("'" + value);
        assertThat(problem.get(9)).isEqualTo("'" + value);
        assertThat(CsvCells.safe(value)).isEqualTo("'" + value);
    }

    /**
     * The trade-off of OWASP's neutralisation: text that merely looks like a negative number or a phone
     * number is prefixed too, since a spreadsheet cannot be told "-1" is safe but "-1+cmd|..." is not.
     */
    @Test
    @DisplayName("a legitimate negative-looking value such as -1 is still neutralised")
    void negativeLookingValueIsNeutralisedToo() throws Exception {
        ScanReport report = oneMessage("-1");
        assertThat(parse(strictUtf8(write(report))).get(1).get(CsvReporter.COLUMNS.indexOf("message")))
                .isEqualTo("'-1");
        assertThat(CsvCells.safe("+44 20 7946 0000")).isEqualTo("'+44 20 7946 0000");
        assertThat(CsvCells.safe("-")).isEqualTo("'-");
    }

    @Test
    @DisplayName("values that do not start with a formula character are left alone")
    void safeValuesAreUnchanged() {
        for (String value : List.of("", "rsv_nobyok", "1-2", "a=b", "'=already text", " =1", "x\t=1",
                "/subscriptions/s/resourceGroups/rg", "\uD83D\uDD11 key", "\u202Eexe")) {
            assertThat(CsvCells.safe(value)).as(value).isSameAs(value);
        }
    }

    @Test
    @DisplayName("C0 controls, DEL, C1 controls, U+FFFE/U+FFFF and lone surrogates become U+FFFD; TAB, CR, LF stay")
    void invalidCharactersAreReplaced() throws Exception {
        String message = "nul\u0000soh\u0001esc\u001b[31m del\u007f nel\u0085 csi\u009b nc\uFFFE\uFFFF"
                + " high\uD800x low\uDC00x end\uD83D tab\tcr\rlf\n pair\uD83D\uDD11";
        String expected = "nul\uFFFDsoh\uFFFDesc\uFFFD[31m del\uFFFD nel\uFFFD csi\uFFFD nc\uFFFD\uFFFD"
                + " high\uFFFDx low\uFFFDx end\uFFFD tab\tcr\rlf\n pair\uD83D\uDD11";
        assertThat(parse(strictUtf8(write(oneMessage(message)))).get(1).get(9)).isEqualTo(expected);
        // a leading control character is replaced, and U+FFFD is not a formula character
        assertThat(CsvCells.safe("\u0000=1+1")).isEqualTo("\uFFFD=1+1");
        assertThat(CsvCells.safe("\uDC00")).isEqualTo("\uFFFD");
    }

    @Test
    @DisplayName("emoji and right-to-left text are written as UTF-8 unchanged")
    void unicodeIsUtf8() throws Exception {
        String message = "key \uD83D\uDD11 \u202Egnp.exe \u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627";
        byte[] output = write(oneMessage(message));
        assertThat(indexOf(output, new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x94, (byte) 0x91})).isPositive();
        assertThat(indexOf(output, new byte[] {(byte) 0xE2, (byte) 0x80, (byte) 0xAE})).isPositive();
        assertThat(indexOf(output, message.getBytes(StandardCharsets.UTF_8))).isPositive();
        assertThat(parse(strictUtf8(output)).get(1).get(9)).isEqualTo(message);
    }

    @Test
    @DisplayName("the 100 KB message round-trips, neutralised")
    void hundredKilobytes() throws Exception {
        List<CSVRecord> records = parse(strictUtf8(write(SampleReports.hostileText())));
        assertThat(records.stream().map(record -> record.get(9)).collect(Collectors.toList()))
                .contains("'" + SampleReports.HUNDRED_KB);
    }

    @Test
    @DisplayName("rows are streamed to the output, not built in memory first")
    void rowsAreStreamed() throws Exception {
        assertStreamsOutput();
    }

    @Test
    @DisplayName("format csv, file lensix.csv")
    void names() {
        assertThat(reporter().formatName()).isEqualTo("csv");
        assertThat(reporter().defaultFileName()).isEqualTo("lensix.csv");
    }

    // --- what the rows must hold, derived from the report independently of the reporter

    private static List<List<String>> expectedRows(ScanReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (Result result : report.results()) {
            rows.add(List.of(result.checkId(), result.status().name(), result.severity().label(),
                    result.resource().id(), result.resource().type(), result.resource().name(),
                    result.resource().subscriptionId(), result.resource().resourceGroup(),
                    result.resource().location(), result.message(),
                    result.status() == Status.FAIL ? result.check().remediation().oneLine() : "",
                    EvidenceText.of(result.resource().id(), result.evidence()), // its own rendering has its own test
                    String.valueOf(result.suppression().isPresent()),
                    result.suppression().map(Suppression::justification).orElse(""),
                    result.suppression().map(Suppression::owner).orElse(""),
                    result.suppression().map(accepted -> accepted.expires().toString()).orElse(""),
                    result.baselineState().map(BaselineState::spelled).orElse(""),
                    result.status() == Status.PASS || result.check().references().isEmpty() ? ""
                            : result.check().references().get(0),
                    result.sourceLocation().map(SourceLocation::file).orElse(""),
                    result.sourceLocation().map(place -> String.valueOf(place.line())).orElse("")));
        }
        for (ScanProblem problem : report.problems()) {
            rows.add(List.of("lensix", "ERROR", "", problem.source(), "lensix/problem", "", "", "", "",
                    problem.message(), "", "", "false", "", "", "", "", "", "", ""));
        }
        return rows;
    }

    private static String expectedCell(String raw) {
        String clean = INVALID.matcher(raw).replaceAll("\uFFFD");
        return !clean.isEmpty() && DANGEROUS_FIRST.indexOf(clean.charAt(0)) >= 0 ? "'" + clean : clean;
    }

    // --- helpers

    private static ScanReport oneMessage(String message) {
        CheckDescriptor check = SampleReports.kvNoPurgeProtect();
        Result result = new Result(check, new ResourceRef(SampleReports.KV_DEV, "Microsoft.KeyVault/vaults", "kv-dev",
                SampleReports.SUBSCRIPTION_DEV, "rg", "northeurope"), Status.FAIL, Severity.MEDIUM, message,
                Evidence.none());
        return report(List.of(check), List.of(result), List.of());
    }

    private static ScanReport report(List<CheckDescriptor> checks, List<Result> results, List<ScanProblem> problems) {
        return new ScanReport(SampleReports.TOOL_VERSION, SampleReports.STARTED_AT, SampleReports.FINISHED_AT,
                List.of(), checks, results, problems);
    }

    private static List<CSVRecord> parse(String text) throws IOException {
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(CSVFormat.RFC4180)
                .get()) {
            return parser.getRecords();
        }
    }

    private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
