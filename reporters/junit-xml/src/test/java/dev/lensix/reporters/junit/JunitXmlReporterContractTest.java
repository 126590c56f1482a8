package dev.lensix.reporters.junit;

import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Observation;
import dev.lensix.api.check.Remediation;
import dev.lensix.api.check.Severity;
import dev.lensix.api.check.Status;
import dev.lensix.api.report.EvidenceText;
import dev.lensix.api.report.ReportContext;
import dev.lensix.api.report.Reporter;
import dev.lensix.api.report.ResourceRef;
import dev.lensix.api.report.Result;
import dev.lensix.api.report.ScanProblem;
import dev.lensix.api.report.ScanReport;
import dev.lensix.testkit.reporter.ReporterContractTest;
import dev.lensix.testkit.reporter.SampleReports;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reporter contract (golden files under {@code src/test/resources/golden/*.xml}) plus JUnit-specific checks:
 * every output validates, byte for byte as the reporter wrote it, against Jenkins xUnit's and Ant's JUnit schemas and
 * is parsed back, every attribute and text compared with what the report holds (so line breaks in attributes and CRs
 * in text must survive parsing).
 * Regenerate the golden files with {@code mvn -pl reporters/junit-xml verify -Dlensix.golden.update=true}.
 */
class JunitXmlReporterContractTest extends ReporterContractTest {

    /** Written independently of the reporter: what must be replaced with U+FFFD. */
    private static final Pattern INVALID = Pattern.compile(
            "[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F\\uFFFE\\uFFFF]"
                    + "|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]");

    @Override
    protected Reporter reporter() {
        return new JunitXmlReporter();
    }

    @Override
    protected String goldenExtension() {
        return "xml";
    }

    @Override
    protected void assertFormat(String caseName, ScanReport report, byte[] output) throws Exception {
        String text = strictUtf8(output);
        assertThat(text).as("%s declaration", caseName).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        assertThat(text).as("%s ends with one line feed", caseName).endsWith(">\n").doesNotContain("\r");
        assertThat(JunitSchemas.jenkinsViolations(output)).as("%s: Jenkins xUnit junit-10.xsd violations", caseName)
                .isEmpty();
        assertThat(JunitSchemas.antViolations(output)).as("%s: Ant junit.xsd violations", caseName).isEmpty();

        Document document = JunitSchemas.parse(output);
        Element root = document.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttributes().getLength()).as("%s: no attributes on the root (Ant's schema)", caseName)
                .isZero();

        Map<String, CheckDescriptor> checks = new TreeMap<>();
        report.checks().forEach(check -> checks.put(check.id(), check));
        List<Element> suites = children(root, "testsuite");
        // readers (Jenkins, GitLab, Azure DevOps) take the totals from the suites: they add up to the report's
        assertThat(sum(suites, "tests")).as("%s tests over the suites", caseName)
                .isEqualTo(report.results().size() + report.problems().size());
        assertThat(sum(suites, "failures")).as("%s failures over the suites: the FAILs not suppressed", caseName)
                .isEqualTo(report.count(Status.FAIL) - report.suppressedCount());
        assertThat(sum(suites, "skipped")).as("%s skipped over the suites: the suppressed FAILs", caseName)
                .isEqualTo(report.suppressedCount());
        assertThat(sum(suites, "errors")).as("%s errors over the suites", caseName)
                .isEqualTo(report.count(Status.ERROR) + report.problems().size());
        assertThat(suites).as("%s: a suite per check, and one for problems", caseName)
                .hasSize(checks.size() + (report.problems().isEmpty() ? 0 : 1));
        int index = 0;
        for (CheckDescriptor check : checks.values()) {
            Element suite = suites.get(index);
            List<Result> results = report.results().stream().filter(r -> r.checkId().equals(check.id())).toList();
            String where = caseName + " suite " + check.id();
            assertThat(suite.getAttribute("name")).as(where).isEqualTo(clean(check.id() + ": " + check.title()));
            assertThat(suite.getAttribute("id")).as(where).isEqualTo(Integer.toString(index));
            assertThat(suite.getAttribute("package")).as(where).isEqualTo(clean(check.service()));
            assertThat(suite.getAttribute("hostname")).as(where).isEqualTo("lensix");
            assertThat(suite.getAttribute("timestamp")).as(where).isEqualTo("2026-01-02T03:04:05");
            assertThat(suite.getAttribute("tests")).as(where).isEqualTo(Integer.toString(results.size()));
            assertThat(suite.getAttribute("failures")).as(where)
                    .isEqualTo(Long.toString(results.stream().filter(Result::failing).count()));
            assertThat(suite.getAttribute("errors")).as(where)
                    .isEqualTo(Long.toString(results.stream().filter(r -> r.status() == Status.ERROR).count()));
            assertThat(suite.getAttribute("skipped")).as(where)
                    .isEqualTo(Long.toString(results.stream().filter(Result::suppressed).count()));
            assertThat(property(suite, "check.id")).isEqualTo(check.id());
            assertThat(property(suite, "check.title")).as(where + " title property, line breaks kept")
                    .isEqualTo(clean(check.title()));
            assertThat(property(suite, "scan.scope")).isEqualTo(clean(String.join("\n", report.scope())));
            List<Element> cases = children(suite, "testcase");
            assertThat(cases).as(where).hasSize(results.size());
            for (int i = 0; i < results.size(); i++) {
                assertTestcase(where, results.get(i), cases.get(i));
            }
            assertThat(children(suite, "system-out").get(0).getTextContent()).as(where)
                    .startsWith(clean(check.description().strip()));
            assertThat(children(suite, "system-err")).hasSize(1);
            index++;
        }
        if (!report.problems().isEmpty()) {
            Element suite = suites.get(index);
            assertThat(suite.getAttribute("name")).isEqualTo("lensix: scan problems");
            assertThat(suite.getAttribute("errors")).isEqualTo(Integer.toString(report.problems().size()));
            List<Element> cases = children(suite, "testcase");
            assertThat(cases).hasSize(report.problems().size());
            for (int i = 0; i < cases.size(); i++) {
                ScanProblem problem = report.problems().get(i);
                assertThat(cases.get(i).getAttribute("name")).isEqualTo(clean(problem.source()));
                assertThat(cases.get(i).getAttribute("classname")).isEqualTo("lensix");
                Element error = children(cases.get(i), "error").get(0);
                assertThat(error.getAttribute("type")).isEqualTo("scan-problem");
                assertThat(error.getAttribute("message")).isEqualTo(oneLine(problem.source() + ": " + problem.message()));
                assertThat(error.getTextContent()).isEqualTo(clean(problem.source() + ": " + problem.message()));
            }
        }
        assertThat(INVALID.matcher(text).find()).as("%s holds a character XML 1.0 forbids", caseName).isFalse();
    }

    private static void assertTestcase(String suite, Result result, Element testcase) {
        String where = suite + " testcase " + abbreviate(result.resource().id());
        assertThat(testcase.getAttribute("name")).as(where + ": name is the ARM id, exactly")
                .isEqualTo(clean(result.resource().id()));
        assertThat(testcase.getAttribute("classname")).as(where).isEqualTo(result.checkId());
        assertThat(testcase.getAttribute("time")).as(where).isEqualTo("0");
        List<Element> failure = children(testcase, "failure");
        List<Element> error = children(testcase, "error");
        switch (result.status()) {
            case PASS -> assertThat(failure.size() + error.size()).as(where + ": PASS is plain").isZero();
            case FAIL -> {
                assertThat(error).isEmpty();
                if (result.suppressed()) {
                    assertThat(failure).as(where + ": a suppressed FAIL is skipped, not failed").isEmpty();
                    assertThat(children(testcase, "skipped")).as(where).singleElement()
                            .satisfies(skipped -> assertThat(skipped.getAttribute("message"))
                                    .isEqualTo(oneLine(result.suppression().orElseThrow().describe())));
                    return;
                }
                assertThat(failure).as(where).hasSize(1);
                Element element = failure.get(0);
                assertThat(element.getAttribute("type")).as(where).isEqualTo(result.severity().label());
                assertThat(element.getAttribute("message")).as(where + " message: one line")
                        .isEqualTo(oneLine((result.resource().name().isBlank() ? result.resource().id()
                                : result.resource().name()) + ": " + result.message()))
                        .doesNotContain("\n", "\r");
                String body = element.getTextContent();
                assertThat(body).as(where + " body, CRs kept").startsWith(clean(result.message()))
                        .contains(clean(result.check().remediation().asPlainText().strip()))
                        // said by the test case's name, the element and its type, and the suite's properties
                        .doesNotContain("\nResource: ", "\nSeverity: ", "\nStatus: ", "\nReferences:");
                String evidence = EvidenceText.of(result.resource().id(), result.evidence());
                if (!evidence.isEmpty()) {
                    assertThat(body).as(where + ": the evidence, one indented line per resource")
                            .contains(clean("\nEvidence:\n  " + evidence.replace("\n", "\n  ") + "\n"));
                }
                for (Observation observation : result.evidence().observations()) {
                    for (String piece : observation.describe().split("\n")) {
                        assertThat(body).as(where + ": every observation is said").contains(clean(piece));
                    }
                }
            }
            case ERROR -> {
                assertThat(failure).isEmpty();
                assertThat(error).as(where).hasSize(1);
                assertThat(error.get(0).getAttribute("type")).isEqualTo("not-evaluated");
                assertThat(error.get(0).getTextContent()).startsWith(clean(result.message()))
                        .as(where + ": an ERROR has nothing to remediate").doesNotContain("Remediation:");
            }
            default -> throw new IllegalStateException(result.status().name());
        }
    }

    // --- JUnit-specific behaviour

    @Test
    @DisplayName("every sample report, exactly as written, is valid against both Ant's and Jenkins xUnit's schemas")
    void validAsWrittenAgainstBothSchemas() throws Exception {
        Map<String, ScanReport> cases = new LinkedHashMap<>(SampleReports.goldenCases());
        cases.put("large", SampleReports.large(LARGE_RESULT_COUNT));
        cases.put("check-without-results", new ScanReport(SampleReports.TOOL_VERSION, SampleReports.STARTED_AT,
                SampleReports.FINISHED_AT, List.of(), List.of(SampleReports.kvNoSoftDelete()), List.of(), List.of()));
        for (Map.Entry<String, ScanReport> sample : cases.entrySet()) {
            // the reporter's bytes, untouched: no parsing, no editing before validation
            byte[] output = write(sample.getValue());
            assertThat(JunitSchemas.antViolations(output)).as("%s: Ant junit.xsd violations", sample.getKey())
                    .isEmpty();
            assertThat(JunitSchemas.jenkinsViolations(output)).as("%s: Jenkins xUnit junit-10.xsd violations",
                    sample.getKey()).isEmpty();
        }
    }

    @Test
    @DisplayName("the schemas catch what they should: root totals, a failure without type, a suite without hostname")
    void schemasAreNotVacuous() throws Exception {
        String valid = new String(write(SampleReports.oneResult()), StandardCharsets.UTF_8);
        byte[] rootTotals = valid.replace("<testsuites>", "<testsuites tests=\"1\" failures=\"1\" errors=\"0\">")
                .getBytes(StandardCharsets.UTF_8);
        byte[] noType = valid.replace(" type=\"high\"", "").getBytes(StandardCharsets.UTF_8);
        byte[] noHostname = valid.replace(" hostname=\"lensix\"", "").getBytes(StandardCharsets.UTF_8);
        byte[] noPackage = valid.replace(" package=\"recovery-services\"", "").getBytes(StandardCharsets.UTF_8);
        byte[] zonedTimestamp = valid.replace("timestamp=\"2026-01-02T03:04:05\"", "timestamp=\"2026-01-02T03:04:05Z\"")
                .getBytes(StandardCharsets.UTF_8);
        byte[] badTime = valid.replace("time=\"0.000\"", "time=\"soon\"").getBytes(StandardCharsets.UTF_8);
        byte[] noName = valid.replace("<testcase name=", "<testcase nom=").getBytes(StandardCharsets.UTF_8);
        assertThat(rootTotals).isNotEqualTo(valid.getBytes(StandardCharsets.UTF_8));
        assertThat(JunitSchemas.antViolations(rootTotals)).as("root totals, Ant").isNotEmpty();
        assertThat(JunitSchemas.jenkinsViolations(rootTotals)).as("root totals, Jenkins").isEmpty();
        assertThat(JunitSchemas.antViolations(noType)).as("failure without type, Ant").isNotEmpty();
        assertThat(JunitSchemas.antViolations(noHostname)).as("suite without hostname, Ant").isNotEmpty();
        assertThat(JunitSchemas.antViolations(noPackage)).as("suite without package, Ant").isNotEmpty();
        assertThat(JunitSchemas.antViolations(zonedTimestamp)).as("timestamp with zone, Ant").isNotEmpty();
        assertThat(JunitSchemas.jenkinsViolations(badTime)).as("suite time not a number, Jenkins").isNotEmpty();
        assertThat(JunitSchemas.jenkinsViolations(noName)).as("testcase without name, Jenkins").isNotEmpty();
    }

    @Test
    @DisplayName("a suite's time is the seconds its check took, to the millisecond; an untimed check's is 0.000")
    void suiteTimes() throws Exception {
        String xml = new String(write(SampleReports.manyResults()), StandardCharsets.UTF_8);
        assertThat(suiteTime(xml, "kv_keynorotation")).isEqualTo("0.125");
        assertThat(suiteTime(xml, "kv_nologging")).isEqualTo("1.250");
        assertThat(suiteTime(xml, "kv_nosoftdelete")).isEqualTo("12.345");
        assertThat(suiteTime(xml, "rsv_nobyok")).as("under a millisecond").isEqualTo("0.000");
        assertThat(suiteTime(new String(write(SampleReports.oneResult()), StandardCharsets.UTF_8), "rsv_nobyok")).isEqualTo("0.000");
    }

    private static String suiteTime(String xml, String checkId) {
        java.util.regex.Matcher suite = java.util.regex.Pattern
                .compile("<testsuite name=\"" + checkId + ":[^>]* time=\"([^\"]*)\"").matcher(xml);
        assertThat(suite.find()).as("suite of " + checkId).isTrue();
        return suite.group(1);
    }

    @Test
    @DisplayName("line breaks and tabs in attributes are written as character references and parse back exactly")
    void attributeLineBreaks() throws Exception {
        String id = "/subscriptions/s/resourceGroups/rg\r\n/providers/x/y/first\nsecond\rthird\tfourth";
        byte[] output = write(oneResult(id, "first line\r\nsecond \"line\" <&>"));
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(text).contains("name=\"/subscriptions/s/resourceGroups/rg&#13;&#10;/providers/x/y/first&#10;second&#13;third&#9;fourth\"");
        assertThat(text).contains("first line&#13;\nsecond \"line\" &lt;&amp;&gt;");
        Element testcase = (Element) JunitSchemas.parse(output).getElementsByTagName("testcase").item(0);
        assertThat(testcase.getAttribute("name")).isEqualTo(id);
        assertThat(children(testcase, "failure").get(0).getTextContent()).startsWith("first line\r\nsecond \"line\" <&>");
        assertThat(children(testcase, "failure").get(0).getAttribute("message"))
                .isEqualTo("kv-dev: first line second \"line\" <&>");
    }

    @Test
    @DisplayName("characters XML 1.0 forbids become U+FFFD; emoji and right-to-left text stay")
    void forbiddenCharacters() throws Exception {
        String message = "nul\u0000 esc\u001b[31m del\u007f nel\u0085 nc\uFFFE\uFFFF lone\uD800x \uDC00y key \uD83D\uDD11 \u202Eexe";
        byte[] output = write(oneResult(SampleReports.KV_DEV, message));
        Element failure = (Element) JunitSchemas.parse(output).getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("kv-dev: nul\uFFFD esc\uFFFD[31m del\uFFFD nel\uFFFD "
                + "nc\uFFFD\uFFFD lone\uFFFDx \uFFFDy key \uD83D\uDD11 \u202Eexe");
        assertThat(new String(output, StandardCharsets.UTF_8)).as("an emoji is written as itself, not as a reference")
                .contains("key \uD83D\uDD11");
    }

    @Test
    @DisplayName("an empty scan is a lone testsuites element")
    void emptyScanIsALoneRoot() throws Exception {
        assertThat(new String(write(SampleReports.empty()), StandardCharsets.UTF_8)).isEqualTo(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites/>\n");
    }

    @Test
    @DisplayName("a check with no results still has its suite, with zero tests")
    void checkWithoutResults() throws Exception {
        CheckDescriptor idle = SampleReports.kvNoSoftDelete();
        ScanReport report = new ScanReport(SampleReports.TOOL_VERSION, SampleReports.STARTED_AT, SampleReports.FINISHED_AT,
                List.of(), List.of(idle), List.of(), List.of());
        byte[] output = write(report);
        assertFormat("check-without-results", report, output);
        Element suite = (Element) JunitSchemas.parse(output).getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("tests")).isEqualTo("0");
    }

    @Test
    @DisplayName("output is streamed, not built in memory first")
    void streamed() throws Exception {
        assertStreamsOutput();
    }

    @Test
    @DisplayName("format junit, file lensix-junit.xml")
    void names() {
        assertThat(reporter().formatName()).isEqualTo("junit");
        assertThat(reporter().defaultFileName()).isEqualTo("lensix-junit.xml");
    }

    // --- helpers, independent of the reporter

    private static ScanReport oneResult(String id, String message) {
        CheckDescriptor check = CheckDescriptor.builder("kv_nopurgeprotect").title("Key Vault without purge protection")
                .severity(Severity.MEDIUM).service("key-vault").description("d").rationale("r")
                .remediation(Remediation.of("fix it")).targetType("Microsoft.KeyVault/vaults").build();
        Result result = new Result(check, new ResourceRef(id, "Microsoft.KeyVault/vaults", "kv-dev",
                SampleReports.SUBSCRIPTION_DEV, "rg", "northeurope"), Status.FAIL, Severity.MEDIUM, message,
                Evidence.none());
        return new ScanReport(SampleReports.TOOL_VERSION, SampleReports.STARTED_AT, SampleReports.FINISHED_AT,
                List.of(), List.of(check), List.of(result), List.of());
    }

    private static long sum(List<Element> suites, String attribute) {
        return suites.stream().mapToLong(suite -> Long.parseLong(suite.getAttribute(attribute))).sum();
    }

    private static String property(Element suite, String name) {
        for (Element property : children(children(suite, "properties").get(0), "property")) {
            if (property.getAttribute("name").equals(name)) {
                return property.getAttribute("value");
            }
        }
        throw new AssertionError("no property " + name);
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> elements = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && element.getTagName().equals(tag)) {
                elements.add(element);
            }
        }
        return elements;
    }

    private static String clean(String text) {
        return INVALID.matcher(text).replaceAll("\uFFFD");
    }

    private static String oneLine(String text) {
        return clean(text).replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ').replace('\t', ' ');
    }

    private static String strictUtf8(byte[] bytes) throws Exception {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
