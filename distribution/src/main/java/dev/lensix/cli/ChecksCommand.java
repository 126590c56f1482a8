package dev.lensix.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.engine.plugin.LoadedCheck;
import dev.lensix.engine.plugin.PluginHost;
import dev.lensix.engine.report.TerminalSummary;
import dev.lensix.engine.scan.UsageException;
import dev.lensix.policy.PolicyRuleCheck;
import dev.lensix.policy.PolicyRuleException;
import dev.lensix.policy.PolicyRules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lensix checks list} and {@code lensix checks show ID}. */
@Command(name = "checks", mixinStandardHelpOptions = true, description = "Lists the checks the plug-ins provide, or shows one.",
        subcommands = {ChecksCommand.ListChecks.class, ChecksCommand.ShowCheck.class})
final class ChecksCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: list, show");
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"Lists every check: id, severity, plug-in (rules:FILE for an Azure Policy rule), target resource type and title.",
                    "Exit code 3 when any plug-in or extension is not working."})
    static final class ListChecks implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Mixin
        RuleOptions rules;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            return withAllChecks(common, rules, err, (checks, healthy) -> {
                Table table = new Table("ID", "SEVERITY", "PLUGIN", "TARGET", "TITLE");
                for (LoadedCheck check : checks) {
                    boolean disabled = check.check() instanceof PolicyRuleCheck rule && rule.disabled();
                    table.row(check.descriptor().id(), check.descriptor().severity().label(), check.pluginId(),
                            check.descriptor().targetType(),
                            (disabled ? "(disabled: effect Disabled, not run) " : "") + check.descriptor().title());
                }
                table.print(out);
                out.flush();
                return healthy ? 0 : 3;
            });
        }
    }

    /** What a subcommand does with every check; {@code healthy} is false when a plug-in or extension is not working. */
    @FunctionalInterface
    private interface ChecksUse {
        int apply(List<LoadedCheck> checks, boolean healthy);
    }

    /** Starts the plug-ins, loads every check and hands them to {@code use}; a usage or rule file error is exit 2. */
    private static int withAllChecks(CommonOptions common, RuleOptions rules, PrintWriter err, ChecksUse use) {
        try {
            common.requireExistingPluginDirs();
        } catch (UsageException e) {
            return LensixCli.usageError(err, e.getMessage());
        }
        try (PluginHost host = common.startPlugins(Clock.systemUTC())) {
            host.problems().forEach(problem -> err.println("lensix: warning: " + TerminalSummary.safe(problem.message())));
            List<LoadedCheck> checks;
            try {
                checks = allChecks(host, rules);
            } catch (UsageException | PolicyRuleException e) {
                return LensixCli.usageError(err, e.getMessage());
            }
            return use.apply(checks, host.problems().isEmpty());
        }
    }

    /** Every check, plug-ins' and rules' (disabled rules too), by id. */
    private static List<LoadedCheck> allChecks(PluginHost host, RuleOptions rules) throws UsageException, PolicyRuleException {
        List<LoadedCheck> checks = new ArrayList<>();
        PolicyRules loaded = rules.load();
        checks.addAll(RuleOptions.join(loaded, host.checks()));
        checks.addAll(RuleOptions.loaded(loaded.disabled()));
        checks.sort(Comparator.comparing(check -> check.descriptor().id()));
        return checks;
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Shows one check whole: what it finds, why it matters, the full remediation (steps, Azure CLI, "
                    + "Terraform, Azure Policy), references and compliance mappings.",
                    "Exit code 2 for an unknown id."})
    static final class ShowCheck implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Mixin
        RuleOptions rules;

        @Parameters(index = "0", paramLabel = "ID", description = "The check's id, as 'lensix checks list' prints it.")
        String id;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
                description = "text or json. Default: ${DEFAULT-VALUE}.")
        String format;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!format.equals("text") && !format.equals("json")) {
                return LensixCli.usageError(err, "--format '" + format + "' is not text or json");
            }
            return withAllChecks(common, rules, err, (checks, healthy) -> {
                LoadedCheck check = checks.stream().filter(candidate -> candidate.descriptor().id().equals(id)).findFirst()
                        .orElse(null);
                if (check == null) {
                    return LensixCli.usageError(err, "unknown check id " + id + "; known checks: " + (checks.isEmpty() ? "none"
                            : String.join(", ", checks.stream().map(known -> known.descriptor().id()).toList())));
                }
                out.print(format.equals("json") ? json(check) : text(check.descriptor(), check.pluginId()));
                out.flush();
                return 0;
            });
        }

        private static String text(CheckDescriptor check, String pluginId) {
            StringBuilder text = new StringBuilder();
            text.append(check.id()).append(": ").append(check.title()).append('\n');
            text.append("severity ").append(check.severity().label()).append(", service ").append(check.service())
                    .append(", plug-in ").append(pluginId).append(", evaluates ").append(check.targetType());
            if (!check.relatedTypes().isEmpty()) {
                text.append(", reads ").append(String.join(", ", check.relatedTypes()));
            }
            text.append("\n\n").append(check.description().strip()).append("\n\nWhy it matters: ")
                    .append(check.rationale().strip()).append("\n\nHow to fix: ")
                    .append(check.remediation().asPlainText().strip()).append('\n');
            if (!check.references().isEmpty()) {
                text.append("\nReferences:\n");
                check.references().forEach(url -> text.append("  ").append(url).append('\n'));
            }
            if (!check.complianceIds().isEmpty()) {
                text.append("\nCompliance: ").append(String.join("; ", check.complianceIds())).append('\n');
            }
            // line by line: the line breaks stay, anything else that could drive the terminal does not
            StringBuilder safe = new StringBuilder();
            text.toString().lines().forEach(line -> safe.append(TerminalSummary.safe(line)).append('\n'));
            return safe.toString();
        }

        private static String json(LoadedCheck loaded) {
            CheckDescriptor check = loaded.descriptor();
            ObjectNode node = Json.MAPPER.createObjectNode();
            node.put("id", check.id());
            node.put("title", check.title());
            node.put("severity", check.severity().label());
            node.put("service", check.service());
            node.put("plugin", loaded.pluginId());
            node.put("targetType", check.targetType());
            check.relatedTypes().forEach(node.putArray("relatedTypes")::add);
            if (check.relatedTypes().isEmpty()) {
                node.putArray("relatedTypes");
            }
            node.put("description", check.description());
            node.put("rationale", check.rationale());
            ObjectNode remediation = node.putObject("remediation");
            remediation.put("line", check.remediation().oneLine());
            remediation.put("summary", check.remediation().summary());
            check.remediation().azureCli().ifPresent(cli -> remediation.put("azureCli", cli));
            check.remediation().terraform().ifPresent(terraform -> remediation.put("terraform", terraform));
            check.remediation().azurePolicy().ifPresent(policy -> remediation.put("azurePolicy", policy));
            node.putArray("references").addAll(check.references().stream().map(Json.MAPPER.getNodeFactory()::textNode).toList());
            node.putArray("complianceIds").addAll(check.complianceIds().stream().map(Json.MAPPER.getNodeFactory()::textNode).toList());
            try {
                return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a tree of strings always serializes", e);
            }
        }

        private static final class Json {
            // made when a check is shown as JSON, not on every start: picocli makes every subcommand's object
            static final ObjectMapper MAPPER = new ObjectMapper();
        }
    }
}
