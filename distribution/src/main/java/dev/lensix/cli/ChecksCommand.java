package dev.lensix.cli;

import dev.lensix.engine.plugin.LoadedCheck;
import dev.lensix.engine.plugin.PluginHost;
import dev.lensix.engine.policy.PolicyRuleCheck;
import dev.lensix.engine.policy.PolicyRuleException;
import dev.lensix.engine.policy.PolicyRules;
import dev.lensix.engine.report.TerminalSummary;
import dev.lensix.engine.scan.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lensix checks list}. */
@Command(name = "checks", mixinStandardHelpOptions = true, description = "Lists the checks the plug-ins provide.",
        subcommands = ChecksCommand.ListChecks.class)
final class ChecksCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: list");
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
            try {
                common.requireExistingPluginDirs();
            } catch (UsageException e) {
                return LensixCli.usageError(err, e.getMessage());
            }
            try (PluginHost host = common.startPlugins(Clock.systemUTC())) {
                host.problems().forEach(problem -> err.println("lensix: warning: " + TerminalSummary.safe(problem.message())));
                List<LoadedCheck> checks = new ArrayList<>();
                try {
                    PolicyRules loaded = rules.load();
                    checks.addAll(loaded.joinWith(host.checks()));
                    checks.addAll(loaded.disabled());
                } catch (UsageException | PolicyRuleException e) {
                    return LensixCli.usageError(err, e.getMessage());
                }
                checks.sort(Comparator.comparing(check -> check.descriptor().id()));
                Table table = new Table("ID", "SEVERITY", "PLUGIN", "TARGET", "TITLE");
                for (LoadedCheck check : checks) {
                    boolean disabled = check.check() instanceof PolicyRuleCheck rule && rule.disabled();
                    table.row(check.descriptor().id(), check.descriptor().severity().label(), check.pluginId(),
                            check.descriptor().targetType(),
                            (disabled ? "(disabled: effect Disabled, not run) " : "") + check.descriptor().title());
                }
                table.print(out);
                out.flush();
                return host.problems().isEmpty() ? 0 : 3;
            }
        }
    }
}
