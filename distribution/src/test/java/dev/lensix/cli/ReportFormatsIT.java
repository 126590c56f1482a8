package dev.lensix.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lensix.cli.AppProcess.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The assembled app writes SARIF, JUnit XML and CSV in one scan of the example tenant, and the three agree:
 * the same failing resources, with fingerprints in the SARIF and failures in the JUnit XML.
 */
class ReportFormatsIT {

    /** The Recovery Services vaults of the example tenant that rsv_nobyok fails (examples/README.md). */
    private static final List<String> FAILING_VAULTS = List.of("rsv-kf-dev-weu", "rsv-kf-sap-weu", "rsv-kf-test-uks");

    private static final Pattern FAIL_ROW = Pattern.compile("^[a-z][a-z0-9_]*,FAIL,", Pattern.MULTILINE);
    private static final Pattern ERROR_ROW = Pattern.compile("^[a-z][a-z0-9_]*,ERROR,", Pattern.MULTILINE);

    @TempDir
    Path work;

    @Test
    void oneScanWritesSarifJunitAndCsvThatAgree() throws Exception {
        Path out = work.resolve("reports");
        Outcome outcome = AppProcess.run(work, Map.of(), "scan", "--input", AppProcess.examples().toString(),
                "--format", "sarif,junit,csv", "--output-dir", out.toString());

        assertThat(outcome.exitCode()).as(outcome.stdout() + outcome.stderr()).isEqualTo(1);
        assertThat(outcome.stderr()).isEmpty();
        assertThat(out.resolve("lensix.sarif")).isRegularFile();
        assertThat(out.resolve("lensix-junit.xml")).isRegularFile();
        assertThat(out.resolve("lensix.csv")).isRegularFile();
        assertThat(outcome.stdout()).contains("lensix.sarif", "lensix-junit.xml", "lensix.csv");

        String csv = Files.readString(out.resolve("lensix.csv"));
        long csvFailures = FAIL_ROW.matcher(csv).results().count();
        long csvErrors = ERROR_ROW.matcher(csv).results().count();
        assertThat(csvFailures).isGreaterThanOrEqualTo(FAILING_VAULTS.size());

        // SARIF: one run, a result per FAIL naming the vault, with a fingerprint and a location GitHub accepts
        JsonNode run = new ObjectMapper().readTree(out.resolve("lensix.sarif").toFile()).path("runs").get(0);
        assertThat(run.path("tool").path("driver").path("name").asText()).isEqualTo("lensix");
        assertThat(run.path("automationDetails").path("id").asText()).isEqualTo("lensix/examples/");
        assertThat(run.path("results")).hasSize((int) csvFailures);
        TreeSet<String> failingVaults = new TreeSet<>();
        for (JsonNode result : run.path("results")) {
            assertThat(result.path("partialFingerprints").path("primaryLocationLineHash").asText()).matches("[0-9a-f]{32}");
            assertThat(result.path("level").asText()).isIn("error", "warning", "note");
            String uri = result.path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri").asText();
            assertThat(uri).startsWith("subscriptions/").doesNotContain(" ", "://");
            if (result.path("ruleId").asText().equals("rsv_nobyok")) {
                String name = result.path("locations").get(0).path("logicalLocations").get(0).path("name").asText();
                failingVaults.add(name);
                // the type as the input spells it: Resource Graph exports lower-case it
                assertThat(result.path("message").path("text").asText())
                        .startsWithIgnoringCase(name + " (Microsoft.RecoveryServices/vaults): ");
            }
        }
        assertThat(failingVaults).containsExactlyElementsOf(FAILING_VAULTS);
        List<String> ruleIds = new ArrayList<>();
        run.path("tool").path("driver").path("rules").forEach(rule -> ruleIds.add(rule.path("id").asText()));
        assertThat(ruleIds).contains("rsv_nobyok").isSorted();
        assertThat(run.path("invocations").get(0).path("executionSuccessful").asBoolean()).isEqualTo(csvErrors == 0);

        // JUnit XML: the suites' totals (what CI readers add up) agree with the CSV, and rsv_nobyok's suite has its
        // three failures
        Document junit = parse(out.resolve("lensix-junit.xml"));
        Element root = junit.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        Element rsvSuite = null;
        long junitFailures = 0;
        long junitErrors = 0;
        NodeList suites = root.getElementsByTagName("testsuite");
        for (int i = 0; i < suites.getLength(); i++) {
            Element suite = (Element) suites.item(i);
            junitFailures += Long.parseLong(suite.getAttribute("failures"));
            junitErrors += Long.parseLong(suite.getAttribute("errors"));
            assertThat(suite.getAttribute("time")).as("how long the check took, in seconds").matches("[0-9]+\\.[0-9]{3}");
            if (suite.getAttribute("name").startsWith("rsv_nobyok: ")) {
                rsvSuite = suite;
            }
        }
        assertThat(junitFailures).isEqualTo(csvFailures);
        assertThat(junitErrors).isEqualTo(csvErrors);
        assertThat(rsvSuite).as("the rsv_nobyok test suite").isNotNull();
        long rsvRows = Pattern.compile("^rsv_nobyok,(PASS|FAIL|ERROR),", Pattern.MULTILINE).matcher(csv).results().count();
        assertThat(rsvSuite.getAttribute("tests")).isEqualTo(Long.toString(rsvRows));
        assertThat(rsvSuite.getAttribute("failures")).isEqualTo(Integer.toString(FAILING_VAULTS.size()));
        NodeList failures = rsvSuite.getElementsByTagName("failure");
        TreeSet<String> failedCases = new TreeSet<>();
        for (int i = 0; i < failures.getLength(); i++) {
            Element failure = (Element) failures.item(i);
            assertThat(failure.getAttribute("type")).isEqualTo("high");
            String id = ((Element) failure.getParentNode()).getAttribute("name");
            failedCases.add(id.substring(id.lastIndexOf('/') + 1));
        }
        assertThat(failedCases).containsExactlyElementsOf(FAILING_VAULTS);
    }

    @Test
    void sarifCategoryOptionSetsTheAutomationId() throws Exception {
        Outcome outcome = AppProcess.run(work, Map.of(), "scan", "--input", AppProcess.examples().toString(),
                "--format", "sarif", "--sarif-category", "lensix/nightly-prod");
        assertThat(outcome.exitCode()).as(outcome.stdout() + outcome.stderr()).isEqualTo(1);
        JsonNode run = new ObjectMapper().readTree(work.resolve("lensix.sarif").toFile()).path("runs").get(0);
        assertThat(run.path("automationDetails").path("id").asText()).isEqualTo("lensix/nightly-prod/");
        assertThat(work.resolve("lensix.csv")).doesNotExist();
    }

    @Test
    void pluginsListShowsTheThreeReporters() throws Exception {
        Outcome outcome = AppProcess.run(work, Map.of(), "plugins", "list");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        assertThat(outcome.stdout()).containsPattern("reporter-sarif\\s+0\\.1\\.0\\S*\\s+started")
                .containsPattern("reporter-junit-xml\\s+0\\.1\\.0\\S*\\s+started")
                .containsPattern("reporter-csv\\s+0\\.1\\.0\\S*\\s+started");
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }
}
