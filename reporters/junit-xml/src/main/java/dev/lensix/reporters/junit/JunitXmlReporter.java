package dev.lensix.reporters.junit;

import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Observation;
import dev.lensix.api.check.Status;
import dev.lensix.api.report.ReportContext;
import dev.lensix.api.report.Reporter;
import dev.lensix.api.report.ResourceRef;
import dev.lensix.api.report.Result;
import dev.lensix.api.report.ScanProblem;
import dev.lensix.api.report.ScanReport;
import org.pf4j.Extension;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The {@code junit} format: JUnit XML for CI systems (Jenkins, GitLab, Azure DevOps, ...), {@code lensix-junit.xml},
 * written with the JDK's StAX writer. Valid against Jenkins xUnit's {@code junit-10.xsd}, and against Ant's
 * {@code junit.xsd} but for the totals on the root element (Ant's schema allows no attributes there).
 *
 * <p><b>Layout.</b>
 * <pre>{@code
 * <?xml version="1.0" encoding="UTF-8"?>
 * <testsuites name="lensix" tests="11" failures="6" errors="2" time="7.345">
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
 *   <li>Root {@code testsuites}: {@code name} {@code lensix}; {@code tests}, {@code failures}, {@code errors} over
 *       every suite; {@code time} the scan's duration in seconds.</li>
 *   <li>One {@code testsuite} per check evaluated, by check id: {@code name} the id and title; {@code tests},
 *       {@code failures}, {@code errors}, {@code skipped} (always 0), {@code time} (0.000: checks are not timed one
 *       by one), {@code timestamp} the scan's start in UTC without zone ({@code yyyy-MM-ddTHH:mm:ss}, as Ant's schema
 *       demands), {@code hostname} {@value #HOSTNAME} (never the machine's name, so the file is the same wherever
 *       it is written), {@code id} from 0, {@code package} the check's service; then {@code properties} (the check's
 *       metadata, lensix's version, the scan's scope), the test cases, {@code system-out} (description, rationale,
 *       remediation) and an empty {@code system-err}.</li>
 *   <li>One {@code testcase} per result: {@code name} the ARM id, {@code classname} the check id, {@code time} 0.
 *       FAIL has a {@code failure} (message: one line naming the resource and the problem; type: the severity;
 *       body: the message, the resource's identity, the evidence, the remediation and references); ERROR has an
 *       {@code error} (type {@value #ERROR_TYPE}; body: message, resource, evidence); PASS is a plain test case.</li>
 *   <li>Scan problems, when there are any, are a last suite {@value #PROBLEMS_SUITE} (package and classname
 *       {@code lensix}), one test case per problem ({@code name} the problem's source) with an {@code error} of type
 *       {@value #PROBLEM_TYPE}.</li>
 * </ul>
 *
 * <p><b>Text.</b> Every string from the report passes through {@link XmlText#clean}: characters XML 1.0 forbids
 * (and DEL and C1 controls) become U+FFFD. The StAX writer escapes {@code < & > "}; {@link CharacterReferenceWriter}
 * writes LF, CR and TAB in attribute values, and CR in text, as character references, so a parser gives back
 * exactly the text written. The file is UTF-8 with an XML declaration, LF line ends and a final line feed, the
 * same bytes for the same report. It is streamed: one result at a time.
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

    private static final String ZERO_TIME = "0.000";

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
        Writer writer = new CharacterReferenceWriter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)));
        try {
            XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(writer);
            new Document(report, xml).write();
            xml.flush();
            writer.write('\n');
            writer.flush();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write the JUnit XML report: " + e.getMessage(), e);
        }
    }

    /** Writes one report; not reused. */
    private static final class Document {
        private final ScanReport report;
        private final XMLStreamWriter xml;
        private final String timestamp;
        private final Map<CheckDescriptor, String> checkTexts = new java.util.IdentityHashMap<>();

        Document(ScanReport report, XMLStreamWriter xml) {
            this.report = report;
            this.xml = xml;
            this.timestamp = TIMESTAMP.format(report.startedAt().truncatedTo(ChronoUnit.SECONDS));
        }

        void write() throws XMLStreamException {
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

            xml.writeStartDocument("UTF-8", "1.0");
            newline(0);
            long failures = report.count(Status.FAIL);
            long errors = report.count(Status.ERROR) + report.problems().size();
            boolean empty = checks.isEmpty() && report.problems().isEmpty();
            if (empty) {
                xml.writeEmptyElement("testsuites");
            } else {
                xml.writeStartElement("testsuites");
            }
            xml.writeAttribute("name", "lensix");
            xml.writeAttribute("tests", Long.toString(report.results().size() + report.problems().size()));
            xml.writeAttribute("failures", Long.toString(failures));
            xml.writeAttribute("errors", Long.toString(errors));
            xml.writeAttribute("time", seconds(report.startedAt(), report.finishedAt()));
            if (empty) {
                xml.writeEndDocument();
                return;
            }

            int id = 0;
            for (Map.Entry<String, CheckDescriptor> entry : checks.entrySet()) {
                checkSuite(entry.getValue(), byCheck.get(entry.getKey()), id++);
            }
            if (!report.problems().isEmpty()) {
                problemSuite(id);
            }
            newline(0);
            xml.writeEndElement();
            xml.writeEndDocument();
        }

        private void checkSuite(CheckDescriptor check, List<Result> results, int id) throws XMLStreamException {
            long failures = results.stream().filter(r -> r.status() == Status.FAIL).count();
            long errors = results.stream().filter(r -> r.status() == Status.ERROR).count();
            startSuite(check.id() + ": " + check.title(), results.size(), failures, errors, id, check.service());

            newline(2);
            xml.writeStartElement("properties");
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
            xml.writeEndElement();

            for (Result result : results) {
                testcase(result);
            }

            newline(2);
            xml.writeStartElement("system-out");
            xml.writeCharacters(XmlText.clean(check.description().strip() + "\n\nWhy it matters: "
                    + check.rationale().strip() + "\n\nHow to fix: " + check.remediation().asPlainText().strip()));
            xml.writeEndElement();
            newline(2);
            xml.writeEmptyElement("system-err");
            newline(1);
            xml.writeEndElement();
        }

        private void problemSuite(int id) throws XMLStreamException {
            startSuite(PROBLEMS_SUITE, report.problems().size(), 0, report.problems().size(), id, "lensix");
            newline(2);
            xml.writeStartElement("properties");
            scanProperties();
            newline(2);
            xml.writeEndElement();
            for (ScanProblem problem : report.problems()) {
                newline(2);
                xml.writeStartElement("testcase");
                xml.writeAttribute("name", XmlText.clean(problem.source()));
                xml.writeAttribute("classname", "lensix");
                xml.writeAttribute("time", "0");
                newline(3);
                xml.writeStartElement("error");
                xml.writeAttribute("message", XmlText.oneLine(problem.source() + ": " + problem.message()));
                xml.writeAttribute("type", PROBLEM_TYPE);
                xml.writeCharacters(XmlText.clean(problem.source() + ": " + problem.message()));
                xml.writeEndElement();
                newline(2);
                xml.writeEndElement();
            }
            newline(2);
            xml.writeStartElement("system-out");
            xml.writeCharacters("What kept the scan from being complete, beyond single results.");
            xml.writeEndElement();
            newline(2);
            xml.writeEmptyElement("system-err");
            newline(1);
            xml.writeEndElement();
        }

        private void startSuite(String name, long tests, long failures, long errors, int id, String pkg)
                throws XMLStreamException {
            newline(1);
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", XmlText.clean(name));
            xml.writeAttribute("tests", Long.toString(tests));
            xml.writeAttribute("failures", Long.toString(failures));
            xml.writeAttribute("errors", Long.toString(errors));
            xml.writeAttribute("skipped", "0");
            xml.writeAttribute("time", ZERO_TIME);
            xml.writeAttribute("timestamp", timestamp);
            xml.writeAttribute("hostname", HOSTNAME);
            xml.writeAttribute("id", Integer.toString(id));
            xml.writeAttribute("package", XmlText.clean(pkg));
        }

        private void scanProperties() throws XMLStreamException {
            property("lensix.version", report.toolVersion());
            property("scan.scope", String.join("\n", report.scope()));
        }

        private void property(String name, String value) throws XMLStreamException {
            newline(3);
            xml.writeEmptyElement("property");
            xml.writeAttribute("name", name);
            xml.writeAttribute("value", XmlText.clean(value));
        }

        private void testcase(Result result) throws XMLStreamException {
            newline(2);
            boolean plain = result.status() == Status.PASS;
            if (plain) {
                xml.writeEmptyElement("testcase");
            } else {
                xml.writeStartElement("testcase");
            }
            xml.writeAttribute("name", XmlText.clean(result.resource().id()));
            xml.writeAttribute("classname", result.checkId());
            xml.writeAttribute("time", "0");
            if (plain) {
                return;
            }
            newline(3);
            boolean failure = result.status() == Status.FAIL;
            xml.writeStartElement(failure ? "failure" : "error");
            xml.writeAttribute("message", oneLineMessage(result));
            xml.writeAttribute("type", failure ? result.severity().label() : ERROR_TYPE);
            // the check's part of a failure's text (remediation, references) is the same on each of its failures:
            // cleaned once per check; cleaning the two parts apart gives the same text, as the first ends in LF
            xml.writeCharacters(XmlText.clean(head(result)));
            if (failure) {
                xml.writeCharacters(checkTexts.computeIfAbsent(result.check(), check -> XmlText.clean(tail(check))));
            }
            xml.writeEndElement();
            newline(2);
            xml.writeEndElement();
        }

        private void newline(int depth) throws XMLStreamException {
            xml.writeCharacters("\n" + "  ".repeat(depth));
        }
    }

    /** {@code rsv-prod: backups are encrypted with a Microsoft-managed key}, on one line. */
    static String oneLineMessage(Result result) {
        String name = result.resource().name().isBlank() ? result.resource().id() : result.resource().name();
        return XmlText.oneLine(name + ": " + result.message());
    }

    /** The failure's or error's text: message, resource, evidence, and for a failure remediation and references. */
    static String body(Result result, boolean failure) {
        return failure ? head(result) + tail(result.check()) : head(result);
    }

    /** A result's own part of {@link #body}: message, resource, evidence; ends in LF. */
    static String head(Result result) {
        ResourceRef resource = result.resource();
        StringBuilder body = new StringBuilder();
        body.append(result.message()).append("\n\n");
        body.append("Resource: ").append(resource.id()).append('\n');
        body.append("Type: ").append(resource.type()).append('\n');
        body.append("Name: ").append(resource.name()).append('\n');
        body.append("Subscription: ").append(resource.subscriptionId()).append('\n');
        body.append("Resource group: ").append(resource.resourceGroup()).append('\n');
        body.append("Location: ").append(resource.location()).append('\n');
        body.append("Severity: ").append(result.severity().label()).append('\n');
        body.append("Status: ").append(result.status().name()).append('\n');
        if (!result.evidence().isEmpty()) {
            body.append("\nEvidence:\n");
            for (Observation observation : result.evidence().observations()) {
                body.append("  ");
                if (!observation.resourceId().equalsIgnoreCase(resource.id())) {
                    body.append(observation.resourceId()).append(": ");
                }
                body.append(observation.describe()).append('\n');
            }
        }
        return body.toString();
    }

    /** The check's part of a failure's {@link #body}: remediation and references. */
    static String tail(CheckDescriptor check) {
        StringBuilder body = new StringBuilder();
        body.append("\nRemediation:\n").append(check.remediation().asPlainText().strip()).append('\n');
        if (!check.references().isEmpty()) {
            body.append("\nReferences:\n").append(String.join("\n", check.references())).append('\n');
        }
        return body.toString();
    }

    /** Seconds between two instants with three decimals ({@code 7.345}); never negative. */
    static String seconds(Instant from, Instant to) {
        long millis = Math.max(0, Duration.between(from, to).toMillis());
        return BigDecimal.valueOf(millis, 3).toPlainString();
    }
}
