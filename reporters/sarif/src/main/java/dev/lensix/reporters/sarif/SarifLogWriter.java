package dev.lensix.reporters.sarif;

import com.contrastsecurity.sarif.MultiformatMessageString;
import com.contrastsecurity.sarif.PropertyBag;
import com.contrastsecurity.sarif.ReportingConfiguration;
import com.contrastsecurity.sarif.ReportingDescriptor;
import com.contrastsecurity.sarif.SarifSchema210;
import com.contrastsecurity.sarif.Tool;
import com.contrastsecurity.sarif.ToolComponent;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Remediation;
import dev.lensix.api.check.Status;
import dev.lensix.api.report.AbsentResult;
import dev.lensix.api.report.Result;
import dev.lensix.api.report.ScanProblem;
import dev.lensix.api.report.ScanReport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes the SARIF log of one report: one run, rules for every check evaluated (sorted by id), one result per FAIL
 * that was kept, ERROR results and scan problems as tool execution notifications. See {@link SarifReporter} for
 * the layout. The tool with its rules is a java-sarif object, built once per report; the invocation and the
 * results, most of a large file, are written straight to the generator, in java-sarif's property order
 * ({@link ResultWriter}): building and serializing an object per result took most of the reporter's time.
 *
 * <pre>{@code
 * SarifLogWriter log = new SarifLogWriter(report, "lensix/prod/");
 * log.write(failures, 0, "", out);
 * }</pre>
 */
final class SarifLogWriter {

    /** The SARIF schema the log names: the one GitHub's documentation uses. */
    static final URI SCHEMA = URI.create("https://json.schemastore.org/sarif-2.1.0.json");

    /** Where a rule without a usable documentation URL points. */
    static final URI CHECKS_DOCUMENTATION = URI.create(ScanReport.INFORMATION_URI + "#checks");

    /** GitHub's limit on {@code shortDescription} and {@code fullDescription}. */
    static final int MAX_DESCRIPTION = 1024;

    /** GitHub reads at most this many tags per rule. */
    static final int MAX_TAGS = 10;

    /** Start and end times: UTC, to the millisecond, {@code 2026-01-02T03:04:05.000Z}. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final ScanReport report;
    private final String category;
    private final Tool tool;
    private final ResultWriter results;
    private final List<Result> errors;

    SarifLogWriter(ScanReport report, String category) {
        this.report = report;
        this.category = category;
        Map<String, CheckDescriptor> byId = new HashMap<>();
        report.checks().forEach(check -> byId.putIfAbsent(check.id(), check));
        report.results().forEach(result -> byId.putIfAbsent(result.checkId(), result.check()));
        List<CheckDescriptor> rules = byId.values().stream().sorted(Comparator.comparing(CheckDescriptor::id)).toList();
        Map<String, Integer> ruleIndex = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            ruleIndex.put(rules.get(i).id(), i);
        }
        this.tool = new Tool().withDriver(new ToolComponent()
                .withName(ScanReport.TOOL_NAME)
                .withVersion(SarifText.clean(report.toolVersion()))
                .withSemanticVersion(SarifText.clean(report.toolVersion()))
                .withInformationUri(URI.create(ScanReport.INFORMATION_URI))
                .withRules(ruleDescriptors(rules)));
        this.results = new ResultWriter(ruleIndex);
        this.errors = report.results().stream().filter(result -> result.status() == Status.ERROR).toList();
    }

    /**
     * Writes the log, then a line feed, to {@code out}; does not close it.
     *
     * @param failures  the FAIL results to report, in report order
     * @param absent    the baseline's results this scan no longer gives
     * @param leftOut   how many FAIL results were left out to meet GitHub's limits (a warning notification says so)
     * @param limitNote the words that explain the limit, for that notification
     */
    void write(List<Result> failures, List<AbsentResult> absent, int leftOut, String limitNote, OutputStream out)
            throws IOException {
        // the properties of SarifSchema210 and Run in java-sarif's order
        try (JsonGenerator json = SarifJson.generator(out)) {
            json.writeStartObject();
            json.writeStringField("$schema", SCHEMA.toString());
            json.writeStringField("version", SarifSchema210.Version._2_1_0.value());
            json.writeArrayFieldStart("runs");
            json.writeStartObject();
            json.writeFieldName("tool");
            json.writeObject(tool);
            json.writeArrayFieldStart("invocations");
            writeInvocation(json, leftOut, limitNote);
            json.writeEndArray();
            json.writeArrayFieldStart("results");
            for (Result failure : failures) {
                results.writeResult(json, failure);
            }
            for (AbsentResult gone : absent) {
                results.writeAbsent(json, gone);
            }
            json.writeEndArray();
            json.writeObjectFieldStart("automationDetails");
            json.writeStringField("id", category);
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        }
        out.write('\n');
    }

    /** In java-sarif's order of an {@code Invocation} and its {@code Notification}s. */
    private void writeInvocation(JsonGenerator json, int leftOut, String limitNote) throws IOException {
        json.writeStartObject();
        json.writeStringField("startTimeUtc", TIME.format(report.startedAt()));
        json.writeStringField("endTimeUtc", TIME.format(report.finishedAt()));
        if (!errors.isEmpty() || !report.problems().isEmpty() || leftOut > 0) {
            json.writeArrayFieldStart("toolExecutionNotifications");
            for (Result error : errors) {
                results.writeNotification(json, error);
            }
            for (ScanProblem problem : report.problems()) {
                SarifJson.startRecord(json);
                json.writeObjectFieldStart("message");
                json.writeStringField("text", SarifText.oneLine(problem.source() + ": " + problem.message()));
                json.writeEndObject();
                json.writeStringField("level", "error");
                json.writeObjectFieldStart("properties");
                json.writeStringField("source", SarifText.clean(problem.source()));
                json.writeEndObject();
                json.writeEndObject();
            }
            if (leftOut > 0) {
                SarifJson.startRecord(json);
                json.writeObjectFieldStart("message");
                json.writeStringField("text", limitNote);
                json.writeEndObject();
                json.writeStringField("level", "warning");
                json.writeObjectFieldStart("properties");
                json.writeNumberField("resultsLeftOut", leftOut);
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeBooleanField("executionSuccessful", errors.isEmpty() && report.problems().isEmpty());
        json.writeObjectFieldStart("properties");
        json.writeArrayFieldStart("scope");
        for (String entry : report.scope()) {
            json.writeString(SarifText.clean(entry));
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();
    }

    // --- rules

    private static Set<ReportingDescriptor> ruleDescriptors(List<CheckDescriptor> rules) {
        // java-sarif keeps rules in a Set: a LinkedHashSet keeps the order ruleIndex relies on
        Set<ReportingDescriptor> descriptors = new LinkedHashSet<>();
        for (CheckDescriptor check : rules) {
            descriptors.add(rule(check));
        }
        return descriptors;
    }

    private static ReportingDescriptor rule(CheckDescriptor check) {
        SarifSeverity severity = SarifSeverity.of(check.severity());
        PropertyBag properties = new PropertyBag()
                .withTags(tags(check))
                .withAdditionalProperty("precision", "very-high")
                .withAdditionalProperty("security-severity", severity.securitySeverity())
                .withAdditionalProperty("severity", check.severity().label());
        return new ReportingDescriptor()
                .withId(check.id())
                .withName(SarifText.pascalCase(check.title(), check.id()))
                .withShortDescription(new MultiformatMessageString()
                        .withText(SarifText.truncate(SarifText.oneLine(check.title()), MAX_DESCRIPTION)))
                .withFullDescription(new MultiformatMessageString()
                        .withText(SarifText.truncate(check.description(), MAX_DESCRIPTION)))
                .withHelp(new MultiformatMessageString().withText(helpText(check)).withMarkdown(helpMarkdown(check)))
                .withHelpUri(helpUri(check))
                .withDefaultConfiguration(new ReportingConfiguration().withLevel(severity.ruleLevel()))
                .withProperties(properties);
    }

    /** {@code security} first, then the service and the compliance ids; cleaned, without duplicates, at most 10. */
    static Set<String> tags(CheckDescriptor check) {
        Set<String> tags = new LinkedHashSet<>();
        tags.add("security");
        List<String> candidates = new ArrayList<>();
        candidates.add(check.service());
        candidates.addAll(check.complianceIds());
        for (String candidate : candidates) {
            String tag = SarifText.truncate(SarifText.oneLine(candidate).strip(), 128);
            if (!tag.isEmpty() && tags.size() < MAX_TAGS) {
                tags.add(tag);
            }
        }
        return tags;
    }

    /** The first reference that is an absolute http(s) URL, else the checks section of lensix's documentation. */
    static URI helpUri(CheckDescriptor check) {
        for (String reference : check.references()) {
            try {
                URI uri = new URI(reference.strip());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                    return uri;
                }
            } catch (URISyntaxException e) {
                // not a URL: try the next reference
            }
        }
        return CHECKS_DOCUMENTATION;
    }

    static String helpText(CheckDescriptor check) {
        StringBuilder text = new StringBuilder();
        text.append(check.description().strip()).append("\n\n");
        text.append("Why it matters: ").append(check.rationale().strip()).append("\n\n");
        text.append("How to fix: ").append(check.remediation().asPlainText().strip());
        if (!check.complianceIds().isEmpty()) {
            text.append("\n\nCompliance: ").append(String.join("; ", check.complianceIds()));
        }
        if (!check.references().isEmpty()) {
            text.append("\n\nReferences:\n").append(String.join("\n", check.references()));
        }
        return SarifText.clean(text.toString());
    }

    static String helpMarkdown(CheckDescriptor check) {
        Remediation remediation = check.remediation();
        StringBuilder md = new StringBuilder();
        md.append(check.description().strip()).append("\n\n");
        md.append("**Why it matters.** ").append(check.rationale().strip()).append("\n\n");
        md.append("**How to fix.** ").append(remediation.summary().strip()).append("\n\n");
        remediation.azureCli().ifPresent(commands -> md.append("Azure CLI:\n\n")
                .append(SarifText.codeBlock("sh", commands.strip())).append("\n\n"));
        remediation.terraform().ifPresent(snippet -> md.append("Terraform:\n\n")
                .append(SarifText.codeBlock("hcl", snippet.strip())).append("\n\n"));
        remediation.azurePolicy().ifPresent(policy -> md.append("Azure Policy built-in definition: ")
                .append(policy.strip()).append("\n\n"));
        if (!check.complianceIds().isEmpty()) {
            md.append("**Compliance.** ").append(String.join("; ", check.complianceIds())).append("\n\n");
        }
        if (!check.references().isEmpty()) {
            md.append("**References**\n\n").append(check.references().stream()
                    .map(reference -> "- " + reference.strip()).collect(Collectors.joining("\n"))).append("\n\n");
        }
        return SarifText.clean(md.toString().strip());
    }
}
