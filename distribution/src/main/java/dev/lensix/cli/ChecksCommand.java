package dev.lensix.cli;

import dev.lensix.engine.plugin.LoadedCheck;
import dev.lensix.engine.plugin.PluginHost;
import dev.lensix.engine.report.TerminalSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Clock;
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
            description = {"Lists every check: id, severity, plug-in, target resource type and title.",
                    "Exit code 3 when any plug-in or extension is not working."})
    static final class ListChecks implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (PluginHost host = common.startPlugins(Clock.systemUTC())) {
                host.problems().forEach(problem -> err.println("lensix: warning: " + TerminalSummary.safe(problem.message())));
                Table table = new Table("ID", "SEVERITY", "PLUGIN", "TARGET", "TITLE");
                for (LoadedCheck check : host.checks()) {
                    table.row(check.descriptor().id(), check.descriptor().severity().label(), check.pluginId(),
                            check.descriptor().targetType(), check.descriptor().title());
                }
                table.print(out);
                out.flush();
                return host.problems().isEmpty() ? 0 : 3;
            }
        }
    }
}
