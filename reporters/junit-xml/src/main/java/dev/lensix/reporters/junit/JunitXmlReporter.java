package dev.lensix.reporters.junit;

import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Status;
import dev.lensix.api.report.ReportContext;
import dev.lensix.api.report.EvidenceText;
import dev.lensix.api.report.Reporter;
import dev.lensix.api.report.ResourceRef;
import dev.lensix.api.report.Result;
import dev.lensix.api.report.Suppression;
import dev.lensix.api.report.ScanProblem;
import dev.lensix.api.report.ScanReport;
import dev.lensix.api.resource.SourceLocation;
import org.pf4j.Extension;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code junit} format: JUnit XML for CI systems (Jenkins, GitLab, Azure DevOps, ...), {@code lensix-junit.xml},
 * written with this module's {@link XmlWriter}. Valid, exactly as written, against both Jenkins xUnit's
 * {@code junit-10.xsd} and Ant's {@code junit.xsd}.
 *
 * <p><b>Layout.</b>
 * <pre>{@code
 * <?xml version="1.0" encoding="UTF-8"?>
 * <testsuites>
 *   <testsuite name="rsv_nobyok: Recovery Services vault backups not encrypted ..." tests="4" failures="2"
 *       errors="1" skipped="0" time="0.000" timestamp="2026-01-02T03:04:05" hostname="lensix" id="4"
 *       package="recovery-services">
 *     <properties><property name="check.id" value="rsv_nobyok"/>...</properties>
 *     <testcase name="/subscriptions/.../vaults/rsv-dev" classname="rsv_nobyok" time="0">
 *       <failure message="rsv-dev: backups are encrypted with a Microsoft-managed key" type="high">...</failure>
 *     </testcase>
 *     ...
 *     <system-out>what the check finds, why it matters, how to fix it</system-out>
 *     <system-err/>
 *   </testsuite>
 * </testsuites>
 * }</pre>
 * <ul>
 *   <li>Root {@code testsuites}, without attributes: Ant's schema allows none there (Jenkins xUnit's allows totals,
 *       but does not require them), and Jenkins, GitLab and Azure DevOps take the totals from the suites. An empty
 *       scan is a lone {@code <testsuites/>}.</li>
 *   <li>One {@code testsuite} per check evaluated, by check id: {@code name} the id and title; {@code tests},
 *       {@code failures} (FAILs not suppressed), {@code errors}, {@code skipped} (suppressed FAILs), {@code time} (the seconds the check took over all its
 *       resources, to the millisecond, {@link ScanReport#timeOf}; 0.000 for the problems suite), {@code timestamp} the scan's start in UTC without zone ({@code yyyy-MM-ddTHH:mm:ss}, as Ant's schema
 *       demands), {@code hostname} {@value #HOSTNAME} (never the machine's name, so the file is the same wherever
 *       it is written), {@code id} from 0, {@code package} the check's service; then {@code properties} (the check's
 *       metadata, lensix's version, the scan's scope), the test cases, {@code system-out} (description, rationale,
 *       remediation) and an empty {@code system-err}.</li>
 *   <li>One {@code testcase} per result: {@code name} the ARM id, {@code classname} the check id, {@code time} 0.
 *       FAIL has a {@code failure} (message: one line naming the resource and the problem; type: the severity;
 *       body: the message, the evidence as {@link EvidenceText} writes it, and the check's whole remediation); ERROR
 *       has an {@code error} (type {@value #ERROR_TYPE}; body: message and evidence); PASS is a plain test case; a
 *       FAIL an accepted risk covers is a {@code skipped} one, {@code message="suppressed: JUSTIFICATION (OWNER, until
 *       DATE)"}.</li>
 *   <li>Scan problems, when there are any, are a last suite {@value #PROBLEMS_SUITE} (package and classname
 *       {@code lensix}), one test case per problem ({@code name} the problem's source) with an {@code error} of type
 *       {@value #PROBLEM_TYPE}.</li>
 * </ul>
 *
 * <p><b>Text.</b> Every string from the report passes through {@link XmlWriter}, which cleans, escapes and encodes
 * it in one pass: characters XML 1.0 forbids (and DEL and C1 controls) become U+FFFD, as
 * {@link dev.lensix.api.report.ReportText#clean} does it; {@code < & >}, and {@code "} in attribute values, are
 * written as entities; LF, CR and TAB in attribute values, and CR in text, as character references, so a parser gives
 * back exactly the text written. The file is UTF-8 with an XML declaration, LF line ends and a final line feed, the
 * same bytes for the same report. It is streamed: one result at a time. A failure's text ends with its check's
 * remediation, the same on each failure of the check: escaped and encoded once per check. Nothing a test case's name,
 * its element or its suite already says (the resource's id, the severity, the status, the references) is repeated in
 * a failure's text.
 */
@Extension
public final class JunitXmlReporter implements Reporter {

    /** The name given to {@code --format}. */
    public static final String FORMAT_NAME = "junit";

    /** The file written in the output directory. */
    public static final String DEFAULT_FILE_NAME = "lensix-junit.xml";

    /** {@code hostname} of every suite: fixed, so that the output is deterministic. */
    public static final String HOSTNAME = "lensix";

    /** {@code type} of the {@code error} of an ERROR result. */
    public static final String ERROR_TYPE = "not-evaluated";

    /** Name of the suite that holds the scan problems. */
    public static final String PROBLEMS_SUITE = "lensix: scan problems";

    /** {@code type} of the {@code error} of a scan problem. */
    public static final String PROBLEM_TYPE = "scan-problem";

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);


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
        // not closed: closing would close the caller's stream
        XmlWriter xml = new XmlWriter(out);
        new Document(report, xml).write();
        xml.markup("\n");
        xml.flush();
    }

    /** Writes one report; not reused. */
    private static final class Document {
        private static final String[] NEWLINES = {"\n", "\n  ", "\n    ", "\n      "};

        private final ScanReport report;
        private final XmlWriter xml;
        private final String timestamp;
        /** The check's part of a failure's text, escaped and encoded once per check. */
        private final Map<CheckDescriptor, byte[]> failureTails = new IdentityHashMap<>();

        Document(ScanReport report, XmlWriter xml) {
            this.report = report;
            this.xml = xml;
            this.timestamp = TIMESTAMP.format(report.startedAt().truncatedTo(ChronoUnit.SECONDS));
        }

        void write() throws IOException {
            Map<String, CheckDescriptor> checks = new TreeMap<>();
            Map<String, List<Result>> byCheck = new TreeMap<>();
            report.checks().forEach(check -> {
                checks.putIfAbsent(check.id(), check);
                byCheck.putIfAbsent(check.id(), new ArrayList<>());
            });
            for (Result result : report.results()) {
                checks.putIfAbsent(result.checkId(), result.check());
                byCheck.computeIfAbsent(result.checkId(), id -> new ArrayList<>()).add(result);
            }

            xml.markup("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
            newline(0);
            // no totals on the root: Ant's schema declares no attribute on testsuites; readers sum the suites
            if (checks.isEmpty() && report.problems().isEmpty()) {
                xml.markup("<testsuites/>");
                return;
            }
            xml.markup("<testsuites>");

            int id = 0;
            for (Map.Entry<String, CheckDescriptor> entry : checks.entrySet()) {
                checkSuite(entry.getValue(), byCheck.get(entry.getKey()), id++);
            }
            if (!report.problems().isEmpty()) {
                problemSuite(id);
            }
            newline(0);
            xml.markup("</testsuites>");
        }

        private void checkSuite(CheckDescriptor check, List<Result> results, int id) throws IOException {
            long failures = results.stream().filter(Result::failing).count();
            long errors = results.stream().filter(r -> r.status() == Status.ERROR).count();
            long skipped = results.stream().filter(Result::suppressed).count();
            startSuite(check.id() + ": " + check.title(), results.size(), failures, errors, skipped, report.timeOf(check.id()), id,
                    check.service());

            newline(2);
            xml.markup("<properties>");
            property("check.id", check.id());
            property("check.title", check.title());
            property("check.severity", check.severity().label());
            property("check.service", check.service());
            property("check.targetType", check.targetType());
            if (!check.complianceIds().isEmpty()) {
                property("check.complianceIds", String.join("\n", check.complianceIds()));
            }
            if (!check.references().isEmpty()) {
                property("check.references", String.join("\n", check.references()));
            }
            scanProperties();
            newline(2);
            xml.markup("</properties>");

            // the results are grouped by check id: the same classname on each
            byte[] caseAttributes = XmlWriter.fragment(part -> {
                part.attribute("classname", check.id());
                part.attribute("time", "0");
            });
            for (Result result : results) {
                testcase(result, caseAttributes);
            }

            newline(2);
            xml.markup("<system-out>");
            xml.text(check.description().strip() + "\n\nWhy it matters: " + check.rationale().strip()
                    + "\n\nHow to fix: " + check.remediation().asPlainText().strip());
            xml.markup("</system-out>");
            endSuite();
        }

        private void problemSuite(int id) throws IOException {
            startSuite(PROBLEMS_SUITE, report.problems().size(), 0, report.problems().size(), 0, Duration.ZERO, id, "lensix");
            newline(2);
            xml.markup("<properties>");
            scanProperties();
            newline(2);
            xml.markup("</properties>");
            for (ScanProblem problem : report.problems()) {
                newline(2);
                xml.markup("<testcase");
                xml.attribute("name", problem.source());
                xml.attribute("classname", "lensix");
                xml.attribute("time", "0");
                xml.markup(">");
                newline(3);
                xml.markup("<error message=\"");
                xml.oneLine(problem.source());
                xml.oneLine(": ");
                xml.oneLine(problem.message());
                xml.markup("\"");
                xml.attribute("type", PROBLEM_TYPE);
                xml.markup(">");
                xml.text(problem.source());
                xml.text(": ");
                xml.text(problem.message());
                xml.markup("</error>");
                newline(2);
                xml.markup("</testcase>");
            }
            newline(2);
            xml.markup("<system-out>");
            xml.text("What kept the scan from being complete, beyond single results.");
            xml.markup("</system-out>");
            endSuite();
        }

        private void startSuite(String name, long tests, long failures, long errors, long skipped, Duration time, int id,
                                String pkg)
                throws IOException {
            newline(1);
            xml.markup("<testsuite");
            xml.attribute("name", name);
            xml.attribute("tests", Long.toString(tests));
            xml.attribute("failures", Long.toString(failures));
            xml.attribute("errors", Long.toString(errors));
            xml.attribute("skipped", Long.toString(skipped));
            xml.attribute("time", seconds(time));
            xml.attribute("timestamp", timestamp);
            xml.attribute("hostname", HOSTNAME);
            xml.attribute("id", Integer.toString(id));
            xml.attribute("package", pkg);
            xml.markup(">");
        }

        /** Seconds with three decimals, as Ant and Jenkins write a suite's time: {@code 1.250}. */
        private static String seconds(Duration time) {
            long millis = time.toMillis();
            return millis / 1000 + "." + String.format(Locale.ROOT, "%03d", millis % 1000);
        }

        private void endSuite() throws IOException {
            newline(2);
            xml.markup("<system-err/>");
            newline(1);
            xml.markup("</testsuite>");
        }

        private void scanProperties() throws IOException {
            property("lensix.version", report.toolVersion());
            property("scan.scope", String.join("\n", report.scope()));
        }

        private void property(String name, String value) throws IOException {
            newline(3);
            xml.markup("<property");
            xml.attribute("name", name);
            xml.attribute("value", value);
            xml.markup("/>");
        }

        private void testcase(Result result, byte[] caseAttributes) throws IOException {
            newline(2);
            xml.markup("<testcase");
            xml.attribute("name", result.resource().id());
            xml.raw(caseAttributes);
            if (result.status() == Status.PASS) {
                xml.markup("/>");
                return;
            }
            xml.markup(">");
            newline(3);
            if (result.suppressed()) {
                // an accepted risk: a skipped test, not a failure, so the CI run stays green for it
                xml.markup("<skipped message=\"");
                xml.oneLine(result.suppression().map(Suppression::describe).orElse(""));
                xml.markup("\"/>");
                newline(2);
                xml.markup("</testcase>");
                return;
            }
            boolean failure = result.status() == Status.FAIL;
            // each string is cleaned on its own, the same as cleaning the whole text: ASCII separates them
            xml.markup(failure ? "<failure message=\"" : "<error message=\"");
            ResourceRef resource = result.resource();
            xml.oneLine(resource.name().isBlank() ? resource.id() : resource.name());
            xml.oneLine(": ");
            xml.oneLine(result.message());
            xml.markup("\"");
            xml.attribute("type", failure ? result.severity().label() : ERROR_TYPE);
            xml.markup(">");
            head(result);
            if (failure) {
                xml.raw(failureTail(result.check()));
            }
            xml.markup(failure ? "</failure>" : "</error>");
            newline(2);
            xml.markup("</testcase>");
        }

        /**
         * A result's own part of a failure's or error's text: the message, where it is decided for a resource declared
         * in a file ({@code At: main.tf:12:3}), then the evidence; ends in LF. The resource
         * is the test case's name, and its severity and status the element and its type, so neither is repeated here.
         */
        private void head(Result result) throws IOException {
            xml.text(result.message());
            xml.text("\n");
            Optional<SourceLocation> source = result.sourceLocation();
            if (source.isPresent()) {
                // the JUnit schemas CI tools validate against have no file or line attribute on a test case
                xml.text("At: " + source.get().describe() + "\n");
            }
            String evidence = EvidenceText.of(result.resource().id(), result.evidence());
            if (!evidence.isEmpty()) {
                xml.text("\nEvidence:\n  ");
                xml.text(evidence.replace("\n", "\n  "));
                xml.text("\n");
            }
        }

        private byte[] failureTail(CheckDescriptor check) throws IOException {
            byte[] tail = failureTails.get(check);
            if (tail == null) {
                tail = XmlWriter.fragment(part -> part.text(tail(check)));
                failureTails.put(check, tail);
            }
            return tail;
        }

        private void newline(int depth) throws IOException {
            xml.markup(NEWLINES[depth]);
        }
    }

    /**
     * The check's part of a failure's text, after the result's own: the whole remediation. The references are the
     * suite's {@code check.references} property, said once.
     */
    static String tail(CheckDescriptor check) {
        return "\nRemediation:\n" + check.remediation().asPlainText().strip() + "\n";
    }
}
