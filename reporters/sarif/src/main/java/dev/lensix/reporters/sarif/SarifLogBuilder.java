package dev.lensix.reporters.sarif;

import com.contrastsecurity.sarif.ArtifactLocation;
import com.contrastsecurity.sarif.Invocation;
import com.contrastsecurity.sarif.Location;
import com.contrastsecurity.sarif.LogicalLocation;
import com.contrastsecurity.sarif.Message;
import com.contrastsecurity.sarif.MultiformatMessageString;
import com.contrastsecurity.sarif.Notification;
import com.contrastsecurity.sarif.PartialFingerprints;
import com.contrastsecurity.sarif.PhysicalLocation;
import com.contrastsecurity.sarif.PropertyBag;
import com.contrastsecurity.sarif.Region;
import com.contrastsecurity.sarif.ReportingConfiguration;
import com.contrastsecurity.sarif.ReportingDescriptor;
import com.contrastsecurity.sarif.ReportingDescriptorReference;
import com.contrastsecurity.sarif.Run;
import com.contrastsecurity.sarif.RunAutomationDetails;
import com.contrastsecurity.sarif.SarifSchema210;
import com.contrastsecurity.sarif.Tool;
import com.contrastsecurity.sarif.ToolComponent;
import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Remediation;
import dev.lensix.api.check.Status;
import dev.lensix.api.report.Result;
import dev.lensix.api.report.ScanProblem;
import dev.lensix.api.report.ScanReport;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Builds the SARIF object model for one report: one run, rules for every check evaluated (sorted by id),
 * one result per FAIL that was kept, ERROR results and scan problems as tool execution notifications.
 * See {@link SarifReporter} for the layout.
 */
final class SarifLogBuilder {

    /** The SARIF schema the log names: the one GitHub's documentation uses. */
    static final URI SCHEMA = URI.create("https://json.schemastore.org/sarif-2.1.0.json");

    /** Where a rule without a usable documentation URL points. */
    static final URI CHECKS_DOCUMENTATION = URI.create(ScanReport.INFORMATION_URI + "#checks");

    /** GitHub's limit on {@code shortDescription} and {@code fullDescription}. */
    static final int MAX_DESCRIPTION = 1024;

    /** GitHub reads at most this many tags per rule. */
    static final int MAX_TAGS = 10;

    private final ScanReport report;
    private final String category;
    private final List<CheckDescriptor> rules;
    private final Map<String, Integer> ruleIndex = new LinkedHashMap<>();

    SarifLogBuilder(ScanReport report, String category) {
        this.report = report;
        this.category = category;
        Map<String, CheckDescriptor> byId = new TreeMap<>();
        report.checks().forEach(check -> byId.putIfAbsent(check.id(), check));
        report.results().forEach(result -> byId.putIfAbsent(result.checkId(), result.check()));
        this.rules = List.copyOf(byId.values());
        for (int i = 0; i < rules.size(); i++) {
            ruleIndex.put(rules.get(i).id(), i);
        }
    }

    /**
     * @param failures the FAIL results to report, in report order
     * @param leftOut  how many FAIL results were left out to meet GitHub's limits (a warning notification says so)
     * @param limitNote the words that explain the limit, for that notification
     */
    SarifSchema210 build(List<Result> failures, int leftOut, String limitNote) {
        ToolComponent driver = new ToolComponent()
                .withName(ScanReport.TOOL_NAME)
                .withVersion(SarifText.clean(report.toolVersion()))
                .withSemanticVersion(SarifText.clean(report.toolVersion()))
                .withInformationUri(URI.create(ScanReport.INFORMATION_URI))
                .withRules(ruleDescriptors());

        List<com.contrastsecurity.sarif.Result> results = new ArrayList<>(failures.size());
        for (Result failure : failures) {
            results.add(result(failure));
        }

        List<Notification> notifications = new ArrayList<>();
        for (Result result : report.results()) {
            if (result.status() == Status.ERROR) {
                notifications.add(errorNotification(result));
            }
        }
        for (ScanProblem problem : report.problems()) {
            notifications.add(problemNotification(problem));
        }
        boolean successful = notifications.isEmpty();
        if (leftOut > 0) {
            notifications.add(new Notification()
                    .withLevel(Notification.Level.WARNING)
                    .withMessage(new Message().withText(limitNote))
                    .withProperties(new PropertyBag().withAdditionalProperty("resultsLeftOut", leftOut)));
        }

        Invocation invocation = new Invocation()
                .withExecutionSuccessful(successful)
                .withStartTimeUtc(Date.from(report.startedAt()))
                .withEndTimeUtc(Date.from(report.finishedAt()))
                .withToolExecutionNotifications(notifications.isEmpty() ? null : notifications)
                .withProperties(new PropertyBag().withAdditionalProperty("scope",
                        report.scope().stream().map(SarifText::clean).toList()));

        Run run = new Run()
                .withTool(new Tool().withDriver(driver))
                .withInvocations(List.of(invocation))
                .withAutomationDetails(new RunAutomationDetails().withId(category))
                .withResults(results);

        return new SarifSchema210()
                .with$schema(SCHEMA)
                .withVersion(SarifSchema210.Version._2_1_0)
                .withRuns(List.of(run));
    }

    // --- rules

    private Set<ReportingDescriptor> ruleDescriptors() {
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
                .withAdditionalProperty("security-severity", severity.securitySeverity());
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

    // --- results and notifications

    private com.contrastsecurity.sarif.Result result(Result failure) {
        SarifSeverity severity = SarifSeverity.of(failure.severity());
        return new com.contrastsecurity.sarif.Result()
                .withRuleId(failure.checkId())
                .withRuleIndex(ruleIndex.get(failure.checkId()))
                .withLevel(severity.resultLevel())
                .withMessage(new Message().withText(resultMessage(failure)))
                .withLocations(List.of(location(failure)))
                .withPartialFingerprints(new PartialFingerprints().withAdditionalProperty("primaryLocationLineHash",
                        ResourceLocations.fingerprint(failure.checkId(), failure.resource().id())))
                .withProperties(resultProperties(failure));
    }

    /** Names the resource and the problem: {@code rsv-prod (Microsoft.RecoveryServices/vaults): backups are ...}. */
    static String resultMessage(Result result) {
        String name = result.resource().name().isBlank() ? result.resource().id() : result.resource().name();
        String type = result.resource().type().isBlank() ? "" : " (" + result.resource().type() + ")";
        return SarifText.oneLine(name + type + ": " + result.message());
    }

    private static Location location(Result result) {
        return new Location()
                .withPhysicalLocation(new PhysicalLocation()
                        .withArtifactLocation(new ArtifactLocation()
                                .withUri(ResourceLocations.artifactUri(result.resource().id())))
                        .withRegion(new Region().withStartLine(1)))
                .withLogicalLocations(new LinkedHashSet<>(List.of(new LogicalLocation()
                        .withName(SarifText.clean(result.resource().name()))
                        .withFullyQualifiedName(SarifText.clean(result.resource().id()))
                        .withKind("resource"))));
    }

    private static PropertyBag resultProperties(Result result) {
        return new PropertyBag()
                .withAdditionalProperty("resource", SarifProperties.Resource.of(result.resource()))
                .withAdditionalProperty("severity", result.severity().label())
                .withAdditionalProperty("evidence", result.evidence().observations().stream()
                        .map(SarifProperties.Evidence::of).toList());
    }

    private Notification errorNotification(Result result) {
        String text = SarifText.oneLine(result.checkId() + " could not evaluate " + resultMessage(result));
        PropertyBag properties = resultProperties(result).withAdditionalProperty("status", Status.ERROR.name());
        return new Notification()
                .withLevel(Notification.Level.ERROR)
                .withMessage(new Message().withText(text))
                .withAssociatedRule(new ReportingDescriptorReference()
                        .withId(result.checkId())
                        .withIndex(ruleIndex.get(result.checkId())))
                .withLocations(new LinkedHashSet<>(List.of(location(result))))
                .withProperties(properties);
    }

    private static Notification problemNotification(ScanProblem problem) {
        return new Notification()
                .withLevel(Notification.Level.ERROR)
                .withMessage(new Message().withText(SarifText.oneLine(problem.source() + ": " + problem.message())))
                .withProperties(new PropertyBag().withAdditionalProperty("source", SarifText.clean(problem.source())));
    }
}
