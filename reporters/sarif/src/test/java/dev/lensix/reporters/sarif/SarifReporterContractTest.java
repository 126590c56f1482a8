package dev.lensix.reporters.sarif;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Observation;
import dev.lensix.api.check.Remediation;
import dev.lensix.api.check.Severity;
import dev.lensix.api.check.Status;
import dev.lensix.api.report.AbsentResult;
import dev.lensix.api.report.AnalysisCategory;
import dev.lensix.api.report.BaselineState;
import dev.lensix.api.report.ReportContext;
import dev.lensix.api.report.Reporter;
import dev.lensix.api.report.ResourceRef;
import dev.lensix.api.report.Result;
import dev.lensix.api.report.ScanProblem;
import dev.lensix.api.report.ScanReport;
import dev.lensix.api.report.Suppression;
import dev.lensix.api.resource.Origin;
import dev.lensix.api.resource.SourceLocation;
import dev.lensix.testkit.reporter.ReporterContractTest;
import dev.lensix.testkit.reporter.SampleReports;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reporter contract (golden files under {@code src/test/resources/golden/*.sarif}) plus SARIF-specific checks:
 * every output validates against the OASIS SARIF 2.1.0 schema and is read back and compared with the report,
 * field by field, with expectations written independently of the reporter.
 * Regenerate the golden files with {@code mvn -pl reporters/sarif verify -Dlensix.golden.update=true}.
 */
class SarifReporterContractTest extends ReporterContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Written independently of the reporter: characters that must not reach the file. */
    private static final Pattern INVALID = Pattern.compile(
            "[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F\\uFFFE\\uFFFF]"
                    + "|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]");

    private static final Map<Severity, String> LEVEL = Map.of(Severity.CRITICAL, "error", Severity.HIGH, "error",
            Severity.MEDIUM, "warning", Severity.LOW, "note", Severity.INFO, "note");

    private static final Map<Severity, String> SECURITY_SEVERITY = Map.of(Severity.CRITICAL, "9.5",
            Severity.HIGH, "8.0", Severity.MEDIUM, "5.5", Severity.LOW, "2.0", Severity.INFO, "0.0");

    @Override
    protected Reporter reporter() {
        return new SarifReporter();
    }

    @Override
    protected String goldenExtension() {
        return "sarif";
    }

    @Override
    protected void assertFormat(String caseName, ScanReport report, byte[] output) throws Exception {
        String text = strictUtf8(output);
        assertThat(text).as("%s ends with one line feed", caseName).endsWith("}\n").doesNotContain("\r\n  ");
        assertThat(SarifSchemaValidator.violations(text)).as("%s: OASIS SARIF 2.1.0 schema violations", caseName)
                .isEmpty();
        JsonNode log = JSON.readTree(text);
        assertThat(log.path("$schema").asText()).isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
        assertThat(log.path("version").asText()).isEqualTo("2.1.0");
        assertThat(log.path("runs")).as("%s: exactly one run", caseName).hasSize(1);
        JsonNode run = log.path("runs").get(0);

        JsonNode driver = run.path("tool").path("driver");
        assertThat(driver.path("name").asText()).isEqualTo("lensix");
        assertThat(driver.path("semanticVersion").asText()).isEqualTo(report.toolVersion());
        assertThat(driver.path("informationUri").asText()).isEqualTo(ScanReport.INFORMATION_URI);
        List<CheckDescriptor> checks = report.checks().stream()
                .sorted((a, b) -> a.id().compareTo(b.id())).toList();
        JsonNode rules = driver.path("rules");
        assertThat(rules).as("%s: one rule per check evaluated", caseName).hasSize(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            assertRule(caseName, checks.get(i), rules.get(i));
        }

        List<Result> failures = report.results().stream().filter(r -> r.status() == Status.FAIL).toList();
        List<AbsentResult> absent = report.triage().absent().stream().filter(gone -> gone.status().equals("FAIL")).toList();
        JsonNode results = run.path("results");
        assertThat(results).as("%s: one result per FAIL, then one per absent FAIL of the baseline", caseName)
                .hasSize(failures.size() + absent.size());
        for (int i = 0; i < failures.size(); i++) {
            assertResult(caseName, failures.get(i), results.get(i), checks);
            assertTriage(caseName, failures.get(i), results.get(i));
        }
        for (int i = 0; i < absent.size(); i++) {
            JsonNode gone = results.get(failures.size() + i);
            assertThat(gone.path("baselineState").asText()).as("%s absent result", caseName).isEqualTo("absent");
            assertThat(gone.path("ruleId").asText()).isEqualTo(absent.get(i).checkId());
            assertThat(gone.path("partialFingerprints").path("primaryLocationLineHash").asText())
                    .isEqualTo(absent.get(i).fingerprint());
        }

        JsonNode invocation = run.path("invocations").get(0);
        assertThat(run.path("invocations")).hasSize(1);
        assertThat(invocation.path("executionSuccessful").isBoolean()).isTrue();
        assertThat(invocation.path("executionSuccessful").asBoolean()).as("%s executionSuccessful", caseName)
                .isEqualTo(report.complete());
        assertThat(invocation.path("startTimeUtc").asText()).isEqualTo(
                report.startedAt().toString().replace("Z", ".000Z").replaceAll("\\.(\\d{3})\\.000Z", ".$1Z"));
        List<Result> errors = report.results().stream().filter(r -> r.status() == Status.ERROR).toList();
        JsonNode notifications = invocation.path("toolExecutionNotifications");
        assertThat(notifications.size()).as("%s: a notification per ERROR result and per problem", caseName)
                .isEqualTo(errors.size() + report.problems().size());
        for (int i = 0; i < errors.size(); i++) {
            JsonNode notification = notifications.get(i);
            Result error = errors.get(i);
            assertThat(notification.path("level").asText()).isEqualTo("error");
            assertThat(notification.path("associatedRule").path("id").asText()).isEqualTo(error.checkId());
            assertThat(notification.path("message").path("text").asText()).startsWith(error.checkId() + " could not evaluate ");
            assertThat(notification.path("locations").get(0).path("logicalLocations").get(0)
                    .path("fullyQualifiedName").asText()).isEqualTo(clean(error.resource().origin()
                            .map(origin -> origin.address()).orElse(error.resource().id())));
        }
        for (int i = 0; i < report.problems().size(); i++) {
            JsonNode notification = notifications.get(errors.size() + i);
            ScanProblem problem = report.problems().get(i);
            assertThat(notification.path("level").asText()).isEqualTo("error");
            assertThat(notification.path("message").path("text").asText())
                    .isEqualTo(oneLine(problem.source() + ": " + problem.message()));
        }

        assertThat(run.path("automationDetails").path("id").asText()).as("%s category", caseName)
                .matches("lensix/[a-z0-9._+-]+/");
        assertThat(INVALID.matcher(text).find()).as("%s holds a character that must be replaced", caseName).isFalse();
        assertThat(text).as("%s: no raw control character escapes", caseName).doesNotContainPattern("\\\\u00[01][0-9a-fA-F]");
    }

    /** An accepted risk as an external, accepted suppression; the baseline state as SARIF spells it. */
    private static void assertTriage(String caseName, Result failure, JsonNode result) {
        String where = caseName + " " + failure.checkId() + " " + failure.resource().id();
        if (failure.suppression().isPresent()) {
            Suppression accepted = failure.suppression().get();
            JsonNode suppression = result.path("suppressions").get(0);
            assertThat(result.path("suppressions")).as(where).hasSize(1);
            assertThat(suppression.path("kind").asText()).as(where).isEqualTo("external");
            assertThat(suppression.path("status").asText()).as(where).isEqualTo("accepted");
            assertThat(suppression.path("justification").asText()).as(where).isEqualTo(clean(accepted.justification()));
            assertThat(suppression.path("properties").path("owner").asText()).as(where).isEqualTo(clean(accepted.owner()));
            assertThat(suppression.path("properties").path("expires").asText()).as(where).isEqualTo(accepted.expires().toString());
            assertThat(suppression.path("properties").path("name").asText()).as(where).isEqualTo(accepted.name());
        } else {
            assertThat(result.has("suppressions")).as(where + " is not suppressed").isFalse();
        }
        assertThat(result.path("baselineState").asText(""))
                .as(where).isEqualTo(failure.baselineState().map(BaselineState::spelled).orElse(""));
    }

    private static void assertRule(String caseName, CheckDescriptor check, JsonNode rule) {
        String where = caseName + " rule " + check.id();
        assertThat(rule.path("id").asText()).as(where).isEqualTo(check.id());
        assertThat(rule.path("name").asText()).as(where).matches("[A-Z][A-Za-z0-9]*");
        assertThat(rule.path("shortDescription").path("text").asText()).as(where).isNotBlank().hasSizeLessThanOrEqualTo(1024);
        assertThat(rule.path("fullDescription").path("text").asText()).as(where).isNotBlank().hasSizeLessThanOrEqualTo(1024);
        assertThat(rule.path("help").path("text").asText()).as(where).contains(clean(check.rationale().strip()));
        assertThat(rule.path("help").path("markdown").asText()).as(where).contains("**Why it matters.**");
        check.remediation().azureCli().ifPresent(cli ->
                assertThat(rule.path("help").path("markdown").asText()).as(where).contains("```sh\n"));
        check.remediation().terraform().ifPresent(tf ->
                assertThat(rule.path("help").path("markdown").asText()).as(where).contains("```hcl\n"));
        URI helpUri = URI.create(rule.path("helpUri").asText());
        assertThat(helpUri.getScheme()).as(where).isIn("https", "http");
        assertThat(rule.path("defaultConfiguration").path("level").asText()).as(where + " default level")
                .isEqualTo(LEVEL.get(check.severity()));
        JsonNode properties = rule.path("properties");
        assertThat(properties.path("precision").asText()).isEqualTo("very-high");
        assertThat(properties.path("security-severity").isTextual()).as(where + " security-severity is a string").isTrue();
        assertThat(properties.path("security-severity").asText()).isEqualTo(SECURITY_SEVERITY.get(check.severity()));
        assertThat(properties.path("severity").asText()).as(where + " severity").isEqualTo(check.severity().label());
        List<String> tags = new ArrayList<>();
        properties.path("tags").forEach(tag -> tags.add(tag.asText()));
        assertThat(tags).as(where + " tags").startsWith("security").hasSizeLessThanOrEqualTo(10).doesNotHaveDuplicates();
        String service = oneLine(check.service()).strip();
        assertThat(tags.get(1)).as(where + " service tag")
                .isEqualTo(service.length() <= 128 ? service : service.substring(0, 127) + "\u2026");
    }

    private static void assertResult(String caseName, Result failure, JsonNode result, List<CheckDescriptor> checks) throws Exception {
        String where = caseName + " result " + failure.checkId() + " " + abbreviate(failure.resource().id());
        assertThat(result.path("ruleId").asText()).as(where).isEqualTo(failure.checkId());
        int index = IntStream.range(0, checks.size()).filter(i -> checks.get(i).id().equals(failure.checkId()))
                .findFirst().orElseThrow();
        assertThat(result.path("ruleIndex").asInt(-1)).as(where).isEqualTo(index);
        assertThat(result.has("level")).as(where + ": level is explicit").isTrue();
        assertThat(result.path("level").asText()).as(where).isEqualTo(LEVEL.get(failure.severity()));
        String message = result.path("message").path("text").asText();
        assertThat(message).as(where).contains(oneLine(failure.message()))
                .doesNotContain("\n", "\r");
        JsonNode location = result.path("locations").get(0);
        JsonNode artifact = location.path("physicalLocation").path("artifactLocation");
        String uri = artifact.path("uri").asText();
        JsonNode region = location.path("physicalLocation").path("region");
        Optional<SourceLocation> source = failure.sourceLocation();
        if (source.isPresent()) {
            // a declared resource: the file and line that decide it, relative to the checkout unless outside it
            SourceLocation place = source.get();
            assertThat(new URI(uri).getPath()).as(where + " uri names the file").endsWith(place.file());
            assertThat(artifact.path("uriBaseId").asText(null)).as(where + " uriBaseId")
                    .isEqualTo(place.relative() ? "%SRCROOT%" : null);
            assertThat(new URI(uri).isAbsolute()).as(where + " uri is relative to the source root").isEqualTo(!place.relative());
            assertThat(List.of(region.path("startLine").asInt(), region.path("startColumn").asInt(), region.path("endLine").asInt()))
                    .as(where + " region").containsExactly(place.line(), place.column(), place.endLine());
            assertThat(location.path("logicalLocations").get(0).path("fullyQualifiedName").asText()).as(where)
                    .isEqualTo(clean(failure.resource().origin().orElseThrow().address()));
            Origin origin = failure.resource().origin().orElseThrow();
            assertThat(result.path("partialFingerprints").path("primaryLocationLineHash").asText()).as(where
                            + ": from the file read and the address, so it stays when lines move")
                    .isEqualTo(expectedFingerprint(failure.checkId(), origin.input() + "#" + origin.address()));
        } else {
            assertThat(uri).as(where + " uri").doesNotContain(" ", "://").doesNotStartWith("/").isNotEmpty()
                    .matches("[A-Za-z0-9._~%-]+(/[A-Za-z0-9._~%-]+)*");
            assertThat(new URI(uri).isAbsolute()).as(where + " uri is relative").isFalse();
            assertThat(region.path("startLine").asInt()).isEqualTo(1);
            assertThat(location.path("logicalLocations").get(0).path("fullyQualifiedName").asText()).as(where)
                    .isEqualTo(clean(failure.resource().id()));
            assertThat(result.path("partialFingerprints").path("primaryLocationLineHash").asText()).as(where)
                    .isEqualTo(expectedFingerprint(failure.checkId(), failure.resource().id()));
        }
        JsonNode properties = result.path("properties");
        assertThat(properties.path("resource").path("id").asText()).isEqualTo(clean(failure.resource().id()));
        if (failure.severity() == checks.get(index).severity()) {
            assertThat(properties.has("severity")).as(where + ": the rule's severity, said once by the rule").isFalse();
        } else {
            assertThat(properties.path("severity").asText()).as(where).isEqualTo(failure.severity().label());
        }
        List<Observation> observations = failure.evidence().observations();
        assertThat(properties.path("evidence")).hasSize(observations.size());
        for (int i = 0; i < observations.size(); i++) {
            JsonNode written = properties.path("evidence").get(i);
            Observation observation = observations.get(i);
            if (observation.resourceId().equals(failure.resource().id())) {
                assertThat(written.has("resourceId")).as(where + ": an observation of the result's own resource")
                        .isFalse();
            } else {
                assertThat(written.path("resourceId").asText()).as(where).isEqualTo(clean(observation.resourceId()));
            }
            assertThat(written.path("path").asText()).as(where).isEqualTo(clean(observation.path()));
            assertThat(written.path("value").asText()).as(where).isEqualTo(clean(observation.value()));
            assertThat(written.path("present").asBoolean()).as(where).isEqualTo(observation.present());
        }
    }

    // --- SARIF-specific behaviour

    @Test
    @DisplayName("the schema check catches what it should: no version, a line 0, a relative helpUri, a bad level")
    void schemaValidationIsNotVacuous() throws Exception {
        String valid = new String(write(SampleReports.oneResult()), StandardCharsets.UTF_8);
        assertThat(SarifSchemaValidator.violations(valid)).isEmpty();
        assertThat(SarifSchemaValidator.violations(replaced(valid, "\"version\": \"2.1.0\",", ""))).isNotEmpty();
        assertThat(SarifSchemaValidator.violations(replaced(valid, "\"startLine\":1", "\"startLine\":0"))).isNotEmpty();
        assertThat(SarifSchemaValidator.violations(replaced(valid, "\"level\":\"error\"", "\"level\":\"fatal\"")))
                .isNotEmpty();
        assertThat(SarifSchemaValidator.violations(replaced(valid, "\"level\": \"error\"", "\"level\": \"fatal\"")))
                .isNotEmpty();
        assertThat(SarifSchemaValidator.violations(replaced(valid, "\"startTimeUtc\": \"2026-01-02T03:04:05.000Z\"",
                "\"startTimeUtc\": \"yesterday\""))).isNotEmpty();
    }

    @Test
    @DisplayName("each result and notification is one line of its own, the rest of the file indented")
    void recordsAreOneLineEach() throws Exception {
        for (ScanReport report : List.of(SampleReports.manyResults(), SampleReports.errorResult(),
                SampleReports.hostileText(), SampleReports.large(300))) {
            String text = new String(write(report), StandardCharsets.UTF_8);
            List<String> lines = text.lines().map(String::strip).toList();
            JsonNode run = JSON.readTree(text).path("runs").get(0);
            List<JsonNode> records = new java.util.ArrayList<>();
            run.path("results").forEach(records::add);
            run.path("invocations").get(0).path("toolExecutionNotifications").forEach(records::add);
            assertThat(records).isNotEmpty();
            for (JsonNode record : records) {
                String line = JSON.writeValueAsString(record);
                assertThat(lines).as("a line that is the whole record").containsAnyOf(line, line + ",");
            }
            assertThat(lines).as("the layout around the records is indented")
                    .contains("\"version\": \"2.1.0\",", "\"runs\": [");
        }
    }

    /** {@code text} with {@code target} replaced, which must be there: a replacement that misses checks nothing. */
    private static String replaced(String text, String target, String replacement) {
        assertThat(text).contains(target);
        return text.replace(target, replacement);
    }

    @Test
    @DisplayName("a warning-level result and rule keep their level: java-sarif would drop the schema default")
    void warningLevelIsWritten() throws Exception {
        ScanReport report = oneFailure(SampleReports.kvNoPurgeProtect(), Severity.MEDIUM, "purge protection is off");
        JsonNode run = JSON.readTree(write(report)).path("runs").get(0);
        assertThat(run.path("results").get(0).path("level").asText()).isEqualTo("warning");
        assertThat(run.path("tool").path("driver").path("rules").get(0).path("defaultConfiguration").path("level").asText())
                .isEqualTo("warning");
    }

    @Test
    @DisplayName("a result whose severity differs from its check's default gets its own level")
    void resultSeverityOverridesTheRuleDefault() throws Exception {
        ScanReport report = oneFailure(SampleReports.rsvNoByok(), Severity.INFO, "vault is empty");
        JsonNode run = JSON.readTree(write(report)).path("runs").get(0);
        assertThat(run.path("results").get(0).path("level").asText()).isEqualTo("note");
        assertThat(run.path("results").get(0).path("properties").path("severity").asText()).isEqualTo("info");
        JsonNode rule = run.path("tool").path("driver").path("rules").get(0);
        assertThat(rule.path("defaultConfiguration").path("level").asText()).isEqualTo("error");
        assertThat(rule.path("properties").path("severity").asText()).isEqualTo("high");
        assertThat(severity(run, run.path("results").get(0))).isEqualTo("info");
        JsonNode asRuled = JSON.readTree(write(oneFailure(SampleReports.rsvNoByok(), Severity.HIGH, "no key")))
                .path("runs").get(0);
        assertThat(asRuled.path("results").get(0).path("properties").has("severity")).isFalse();
        assertThat(severity(asRuled, asRuled.path("results").get(0))).isEqualTo("high");
    }

    @Test
    @DisplayName("results and ERROR notifications about resources with empty or hostile parts and no evidence are valid")
    void edgeCaseResources() throws Exception {
        CheckDescriptor check = SampleReports.kvNoPurgeProtect();
        String hostile = SampleReports.HOSTILE_EVERYTHING;
        List<ResourceRef> resources = List.of(new ResourceRef("", "", "", "", "", ""),
                new ResourceRef(hostile, hostile, hostile, "\u0000", "\uD800", "\uFFFF"));
        List<Evidence> evidences = List.of(new Evidence(List.of()), new Evidence(List.of(
                new Observation("", hostile, "\"x\"", true), new Observation("", "", "", false))));
        for (ResourceRef resource : resources) {
            for (Evidence evidence : evidences) {
                String caseName = "edge case " + resources.indexOf(resource) + "/" + evidences.indexOf(evidence);
                ScanReport report = new ScanReport(SampleReports.TOOL_VERSION, SampleReports.STARTED_AT,
                        SampleReports.FINISHED_AT, List.of("x.json"), List.of(check), List.of(
                        new Result(check, resource, Status.FAIL, Severity.MEDIUM, hostile, evidence),
                        new Result(check, resource, Status.ERROR, Severity.MEDIUM, "", evidence)), List.of());
                byte[] output = write(report);
                assertFormat(caseName, report, output);
                JsonNode run = JSON.readTree(output).path("runs").get(0);
                for (JsonNode written : List.of(run.path("results").get(0),
                        run.path("invocations").get(0).path("toolExecutionNotifications").get(0))) {
                    assertThat(written.path("locations").get(0).path("logicalLocations").get(0).path("name").isTextual())
                            .as(caseName).isTrue();
                    assertThat(written.path("properties").path("evidence")).as(caseName)
                            .hasSize(evidence.observations().size());
                    assertThat(written.path("properties").path("resource").size()).as(caseName).isEqualTo(6);
                }
            }
        }
    }

    @Test
    @DisplayName("the fingerprint depends on the check id and the lower-cased ARM id only")
    void fingerprintIsStable() {
        String upper = SampleReports.KV_PROD;
        String lower = SampleReports.KV_PROD.toLowerCase(Locale.ROOT);
        assertThat(ResourceLocations.fingerprint("kv_nopurgeprotect", upper))
                .isEqualTo(ResourceLocations.fingerprint("kv_nopurgeprotect", lower))
                .isEqualTo(expectedFingerprint("kv_nopurgeprotect", upper))
                .matches("[0-9a-f]{32}")
                .isNotEqualTo(ResourceLocations.fingerprint("kv_nosoftdelete", upper))
                .isNotEqualTo(ResourceLocations.fingerprint("kv_nopurgeprotect", SampleReports.KV_DEV));
    }

    @Test
    @DisplayName("the artifact URI is the ARM id, relative, lower-cased and percent-encoded")
    void artifactUris() {
        assertThat(ResourceLocations.artifactUri(SampleReports.RSV_PROD)).isEqualTo(
                "subscriptions/6f1c2d3e-1111-4aaa-8bbb-00000000a001/resourcegroups/rg-backup/providers/"
                        + "microsoft.recoveryservices/vaults/rsv-prod");
        assertThat(ResourceLocations.artifactUri("/subscriptions/s/resourceGroups/My RG (1)/providers/x/y/n\u00e4me#?%"))
                .isEqualTo("subscriptions/s/resourcegroups/my%20rg%20%281%29/providers/x/y/n%C3%A4me%23%3F%25");
        assertThat(ResourceLocations.artifactUri("//a//./b/../c/")).isEqualTo("a/b/c");
        assertThat(ResourceLocations.artifactUri("/.../.b/..c/c./.")).isEqualTo(".../.b/..c/c.");
        assertThat(ResourceLocations.artifactUri("https://evil.example/x")).isEqualTo("https%3A/evil.example/x");
        assertThat(ResourceLocations.artifactUri("")).isEqualTo("unknown-resource");
        assertThat(ResourceLocations.artifactUri("/")).isEqualTo("unknown-resource");
        assertThat(ResourceLocations.artifactUri("key \uD83D\uDD11")).isEqualTo("key%20%F0%9F%94%91");
    }

    @Test
    @DisplayName("the category is lensix/<scope>/ from the inputs, or the sarif.category option")
    void automationCategory() throws Exception {
        assertThat(AnalysisCategory.of(List.of("/home/ci/work/snapshots/prod.json", "dev.JSON"), java.util.Optional.empty()))
                .isEqualTo("lensix/dev+prod/");
        assertThat(AnalysisCategory.of(List.of("examples/"), java.util.Optional.empty())).isEqualTo("lensix/examples/");
        assertThat(AnalysisCategory.of(List.of("C:\\scans\\Tenant A.json"), java.util.Optional.empty()))
                .isEqualTo("lensix/tenant-a/");
        assertThat(AnalysisCategory.of(List.of(), java.util.Optional.empty())).isEqualTo("lensix/scan/");
        assertThat(AnalysisCategory.of(List.of("\u001b/"), java.util.Optional.empty())).matches("lensix/scan-[0-9a-f]{12}/");
        String many = IntStream.range(0, 20).mapToObj(i -> "subscription-" + i + ".json").collect(Collectors.joining(","));
        assertThat(AnalysisCategory.of(List.of(many.split(",")), java.util.Optional.empty()))
                .matches("lensix/scan-[0-9a-f]{12}/")
                .isEqualTo(AnalysisCategory.of(List.of(many.split(",")), java.util.Optional.empty()));
        assertThat(AnalysisCategory.of(List.of("a.json", "b.json"), java.util.Optional.empty()))
                .isEqualTo(AnalysisCategory.of(List.of("b.json", "a.json"), java.util.Optional.empty()));
        assertThat(AnalysisCategory.of(List.of("x"), java.util.Optional.of(" lensix/prod "))).isEqualTo("lensix/prod/");
        assertThat(AnalysisCategory.of(List.of("x"), java.util.Optional.of("prod/"))).isEqualTo("prod/");
        assertThat(AnalysisCategory.of(List.of("x"), java.util.Optional.of("  "))).isEqualTo("lensix/x/");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reporter().write(SampleReports.oneResult(), ReportContext.of(Map.of("sarif.category", "lensix/nightly"),
                warning -> { }), out);
        assertThat(JSON.readTree(out.toByteArray()).path("runs").get(0).path("automationDetails").path("id").asText())
                .isEqualTo("lensix/nightly/");
        assertThat(JSON.readTree(write(SampleReports.oneResult())).path("runs").get(0).path("automationDetails")
                .path("id").asText()).isEqualTo("lensix/prod/");
    }

    @Test
    @DisplayName("past the result limit the most severe results are kept, a warning notification and context.warn say so")
    void resultLimit() throws Exception {
        ScanReport report = SampleReports.manyResults(); // 6 FAILs: critical, high, medium, medium, low, info
        List<String> warnings = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SarifReporter(3, SarifReporter.MAX_GZIPPED_BYTES).write(report, ReportContext.collectingWarnings(warnings), out);

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(SarifSchemaValidator.violations(text)).isEmpty();
        JsonNode run = JSON.readTree(text).path("runs").get(0);
        List<String> kept = new ArrayList<>();
        run.path("results").forEach(r -> kept.add(r.path("ruleId").asText() + " " + r.path("level").asText()
                + " " + severity(run, r)));
        // the critical and high rsv_nobyok findings and the first medium one, in report order
        assertThat(kept).containsExactly("kv_nologging warning medium", "rsv_nobyok error critical",
                "rsv_nobyok error high");
        JsonNode notifications = run.path("invocations").get(0).path("toolExecutionNotifications");
        JsonNode last = notifications.get(notifications.size() - 1);
        assertThat(last.path("level").asText()).isEqualTo("warning");
        assertThat(last.path("message").path("text").asText()).startsWith("3 of 6 failing results were left out");
        assertThat(last.path("properties").path("resultsLeftOut").asInt()).isEqualTo(3);
        assertThat(warnings).singleElement().asString().startsWith("3 of 6 failing results were left out of lensix.sarif");
    }

    @Test
    @DisplayName("past the gzipped size limit results are left out until the file fits")
    void sizeLimit() throws Exception {
        ScanReport report = SampleReports.large(3_000); // 1,000 FAILs
        byte[] full = write(report);
        long fullSize = SarifReporter.gzippedSize(full);
        long limit = fullSize / 2;
        List<String> warnings = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SarifReporter(SarifReporter.MAX_RESULTS, limit).write(report, ReportContext.collectingWarnings(warnings), out);

        assertThat(SarifReporter.gzippedSize(out.toByteArray())).isLessThanOrEqualTo(limit);
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gzip(out.toByteArray())))) {
            assertThat(in.readAllBytes()).isEqualTo(out.toByteArray());
        }
        JsonNode run = JSON.readTree(out.toByteArray()).path("runs").get(0);
        int kept = run.path("results").size();
        assertThat(kept).isBetween(1, 999);
        assertThat(warnings).singleElement().asString().startsWith((1_000 - kept) + " of 1,000 failing results");
        // the most severe first: no result kept is less severe than one left out
        List<Integer> keptSeverities = new ArrayList<>();
        run.path("results").forEach(r -> keptSeverities.add(Severity.parse(severity(run, r))
                .orElseThrow().ordinal()));
        int worstKept = Collections.max(keptSeverities);
        long moreSevereThanWorstKept = report.results().stream()
                .filter(r -> r.status() == Status.FAIL && r.severity().ordinal() < worstKept).count();
        assertThat(keptSeverities.stream().filter(s -> s < worstKept).count()).isEqualTo(moreSevereThanWorstKept);
    }

    @Test
    @DisplayName("a file over the size limit that fits once gzipped, to the byte, is written whole")
    void sizeLimitIsTheGzippedSize() throws Exception {
        ScanReport report = SampleReports.large(3_000); // 1,000 FAILs
        byte[] full = write(report);
        long gzipped = SarifReporter.gzippedSize(full);
        assertThat(keptResults(report, full.length / 3)).as("within the limit at gzip's fastest level").isEqualTo(1_000);
        assertThat(keptResults(report, gzipped)).as("over it at the fastest level, within it at the default").isEqualTo(1_000);
        assertThat(keptResults(report, gzipped - 1)).isLessThan(1_000);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SarifReporter(SarifReporter.MAX_RESULTS, gzipped).write(report, ReportContext.defaults(), out);
        assertThat(out.toByteArray()).isEqualTo(full);
    }

    private static int keptResults(ScanReport report, long maxGzippedBytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SarifReporter(SarifReporter.MAX_RESULTS, maxGzippedBytes).write(report, ReportContext.defaults(), out);
        return JSON.readTree(out.toByteArray()).path("runs").get(0).path("results").size();
    }

    @Test
    @DisplayName("within the limits nothing is left out and nothing is said")
    void noWarningWithinLimits() throws Exception {
        List<String> warnings = new ArrayList<>();
        new SarifReporter().write(SampleReports.large(LARGE_RESULT_COUNT), ReportContext.collectingWarnings(warnings),
                new ByteArrayOutputStream());
        assertThat(warnings).isEmpty();
    }

    @Test
    @DisplayName("a check without an http(s) reference links to lensix's checks documentation")
    void helpUriFallback() throws Exception {
        JsonNode rules = JSON.readTree(write(SampleReports.hostileText())).path("runs").get(0).path("tool")
                .path("driver").path("rules");
        assertThat(rules.get(0).path("id").asText()).isEqualTo("hostile_text");
        assertThat(rules.get(0).path("helpUri").asText()).isEqualTo("https://github.com/lensix/lensix#checks");
        JsonNode manyRules = JSON.readTree(write(SampleReports.manyResults())).path("runs").get(0).path("tool")
                .path("driver").path("rules");
        assertThat(manyRules.get(0).path("id").asText()).isEqualTo("kv_keynorotation");
        assertThat(manyRules.get(0).path("helpUri").asText()).isEqualTo("https://github.com/lensix/lensix#checks");
        assertThat(manyRules.get(4).path("helpUri").asText())
                .isEqualTo("https://learn.microsoft.com/azure/backup/encryption-at-rest-with-cmk");
    }

    @Test
    @DisplayName("long titles and descriptions are cut to 1,024 characters, tags to 10")
    void descriptionAndTagLimits() throws Exception {
        CheckDescriptor.Builder builder = CheckDescriptor.builder("long_text")
                .title("t".repeat(2_000)).severity(Severity.LOW).service("svc")
                .description("\uD83D\uDD11".repeat(1_000)).rationale("r").remediation(Remediation.of("fix"))
                .targetType("x/y");
        IntStream.range(0, 15).forEach(i -> builder.complianceId("control " + i));
        CheckDescriptor check = builder.build();
        JsonNode rule = JSON.readTree(write(oneFailure(check, Severity.LOW, "m"))).path("runs").get(0).path("tool")
                .path("driver").path("rules").get(0);
        assertThat(rule.path("shortDescription").path("text").asText()).hasSize(1024).endsWith("\u2026");
        String full = rule.path("fullDescription").path("text").asText();
        assertThat(full.length()).isLessThanOrEqualTo(1024);
        assertThat(full).endsWith("\uD83D\uDD11\u2026");
        assertThat(rule.path("properties").path("tags")).hasSize(10);
        assertThat(rule.path("properties").path("tags").get(1).asText()).isEqualTo("svc");
    }

    @Test
    @DisplayName("a rule is written for every check evaluated, also those with no FAIL")
    void rulesForEveryCheck() throws Exception {
        JsonNode run = JSON.readTree(write(SampleReports.manyResults())).path("runs").get(0);
        List<String> ids = new ArrayList<>();
        run.path("tool").path("driver").path("rules").forEach(rule -> ids.add(rule.path("id").asText()));
        assertThat(ids).containsExactly("kv_keynorotation", "kv_nologging", "kv_nopurgeprotect", "kv_nosoftdelete",
                "rsv_nobyok");
    }

    @Test
    @DisplayName("format sarif, file lensix.sarif")
    void names() {
        assertThat(reporter().formatName()).isEqualTo("sarif");
        assertThat(reporter().defaultFileName()).isEqualTo("lensix.sarif");
    }

    // --- helpers, independent of the reporter

    private static String expectedFingerprint(String checkId, String armId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (checkId + "\n" + clean(armId).toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 32);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String clean(String text) {
        return INVALID.matcher(text).replaceAll("\uFFFD");
    }

    private static String oneLine(String text) {
        return clean(text).replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ').replace('\t', ' ');
    }

    /** A result's severity as a reader works it out: the result's own, else its rule's. */
    private static String severity(JsonNode run, JsonNode result) {
        JsonNode own = result.path("properties").path("severity");
        return own.isTextual() ? own.asText() : run.path("tool").path("driver").path("rules")
                .path(result.path("ruleIndex").asInt()).path("properties").path("severity").asText();
    }

    private static ScanReport oneFailure(CheckDescriptor check, Severity severity, String message) {
        Result result = new Result(check, new ResourceRef(SampleReports.KV_DEV, "Microsoft.KeyVault/vaults", "kv-dev",
                SampleReports.SUBSCRIPTION_DEV, "rg", "northeurope"), Status.FAIL, severity, message,
                new Evidence(List.of(new Observation(SampleReports.KV_DEV, "properties.x", "false", true))));
        return new ScanReport(SampleReports.TOOL_VERSION, SampleReports.STARTED_AT, SampleReports.FINISHED_AT,
                List.of("snapshots/dev.json"), List.of(check), List.of(result), List.of());
    }

    private static byte[] gzip(byte[] bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
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
