package dev.lensix.cli;

import dev.lensix.engine.LensixVersion;
import dev.lensix.engine.report.TerminalSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code lensix} command. Exit codes: 0 clean, 1 failing findings at or above {@code --fail-on},
 * 2 usage or input error, 3 scan incomplete (ERROR results or plug-in problems) and nothing else failing,
 * 4 internal error.
 */
@Command(name = "lensix",
        mixinStandardHelpOptions = true,
        versionProvider = LensixCli.Version.class,
        description = "Scans Azure resources for posture problems with plug-in checks and writes SARIF, JUnit XML or CSV reports.",
        subcommands = {ScanCommand.class, CollectCommand.class, ChecksCommand.class, PluginsCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:clean: no failing finding at or above --fail-on, scan complete",
                "1:failing findings at or above --fail-on",
                "2:usage or input error: nothing was scanned",
                "3:scan incomplete (ERROR results or plug-in problems), nothing else failing",
                "4:internal error (run again with --debug and report it)"})
public final class LensixCli implements Runnable {

    public static final int EXIT_USAGE = 2;
    public static final int EXIT_INTERNAL = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // the plug-ins log as they start: the logging is set first, as execute sets it again
        Logging.configure(java.util.Arrays.asList(args).contains("--debug"));
        EarlyPlugins.startFor(args);
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code; used by main and by tests. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        Logging.configure(java.util.Arrays.asList(args).contains("--debug"));
        CommandLine commandLine = new CommandLine(new LensixCli());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler((ex, arguments) -> {
            err.println("lensix: " + ex.getMessage().lines().findFirst().orElse("invalid arguments"));
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            return EXIT_USAGE;
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) ->
                internalError(err, ex, "run with --debug for details"));
        int code;
        try {
            code = commandLine.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // picocli passes Errors through: still one line and the documented exit code, never a JVM stack dump
            code = internalError(err, e, e instanceof OutOfMemoryError
                    ? "give Java more memory, for example JAVA_OPTS=-Xmx2g" : "run with --debug for details");
        }
        out.flush();
        err.flush();
        return code;
    }

    /** One line on stderr, with what to do; the stack trace only under {@code --debug}. */
    private static int internalError(PrintWriter err, Throwable e, String hint) {
        err.println("lensix: internal error: " + e + " (" + hint + ")");
        if (Logging.debug()) {
            e.printStackTrace(err);
        }
        return EXIT_INTERNAL;
    }

    /** Prints a usage or input error as one safe line on stderr and returns the usage exit code. */
    static int usageError(PrintWriter err, String message) {
        err.println("lensix: " + TerminalSummary.safe(message));
        err.flush();
        return EXIT_USAGE;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: scan, collect, checks or plugins");
    }

    /** {@code lensix --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"lensix " + LensixVersion.version(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
