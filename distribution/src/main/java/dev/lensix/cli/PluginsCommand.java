package dev.lensix.cli;

import dev.lensix.engine.plugin.PluginHost;
import dev.lensix.engine.plugin.PluginInfo;
import dev.lensix.engine.report.TerminalSummary;
import dev.lensix.engine.scan.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;

/** {@code lensix plugins list}. */
@Command(name = "plugins", mixinStandardHelpOptions = true, description = "Lists the plug-ins found and their state.",
        subcommands = PluginsCommand.ListPlugins.class)
final class PluginsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: list");
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"Lists every plug-in found: id, version, state (started, failed, disabled) and why.",
                    "Exit code 3 when any plug-in or extension is not working."})
    static final class ListPlugins implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

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
                Table table = new Table("ID", "VERSION", "STATE", "PATH", "REASON");
                for (PluginInfo plugin : host.plugins()) {
                    table.row(plugin.id(), plugin.version(), plugin.state(), plugin.path(), plugin.reason());
                }
                table.print(out);
                if (host.plugins().isEmpty()) {
                    out.println("(no plug-ins found in " + common.pluginRoots() + ")");
                }
                host.problems().forEach(problem -> err.println("lensix: " + TerminalSummary.safe(problem.message())));
                out.flush();
                return host.problems().isEmpty() ? 0 : 3;
            }
        }
    }
}
