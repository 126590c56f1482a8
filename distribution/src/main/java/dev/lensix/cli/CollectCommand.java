package dev.lensix.cli;

import dev.lensix.api.input.Collected;
import dev.lensix.api.input.CollectionLedger;
import dev.lensix.api.input.InputException;
import dev.lensix.api.report.ScanProblem;
import dev.lensix.engine.LensixVersion;
import dev.lensix.engine.plugin.LoadedCheck;
import dev.lensix.engine.plugin.PluginHost;
import dev.lensix.engine.report.ReportFiles;
import dev.lensix.engine.report.TerminalSummary;
import dev.lensix.engine.scan.ExitCode;
import dev.lensix.engine.scan.Scanner;
import dev.lensix.engine.scan.UsageException;
import dev.lensix.input.azure.LiveSettings;
import dev.lensix.input.snapshot.SnapshotWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lensix collect}: reads from live Azure what the checks need and writes it as a lensix snapshot. */
@Command(name = "collect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Collects from live Azure what the enabled checks read and writes it as a lensix snapshot.",
                "The file is an ARM list page with a header recording which collections were made for which scope; "
                        + "'lensix scan --input FILE' gives the results a live scan gives."})
final class CollectCommand implements Callable<Integer> {

    private static final int LISTED_GAPS = 10;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    RuleOptions rules;

    @Mixin
    AzureOptions azure;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true,
            description = "The snapshot file to write (replaced when it exists).")
    Path output;

    @Option(names = "--checks", split = ",", paramLabel = "ID", description = "Collect only what these checks read (comma list of ids).")
    List<String> onlyChecks = new ArrayList<>();

    @Option(names = "--skip-checks", split = ",", paramLabel = "ID", description = "Collect nothing only these checks read (comma list of ids).")
    List<String> skipChecks = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LiveSettings settings;
        try {
            settings = azure.settings();
            if (Files.isDirectory(output)) {
                throw new UsageException("--output " + output + " is a folder, not a file");
            }
            common.requireExistingPluginDirs();
        } catch (UsageException e) {
            return LensixCli.usageError(err, e.getMessage());
        }
        Clock clock = Clock.systemUTC();
        try (PluginHost host = common.startPlugins(clock)) {
            host.problems().forEach(problem -> err.println("lensix: warning: " + TerminalSummary.safe(problem.message())));
            List<LoadedCheck> checks;
            try {
                List<LoadedCheck> all = rules.checksWith(host.checks());
                checks = Scanner.selectChecks(all, onlyChecks, skipChecks);
                if (checks.isEmpty()) {
                    throw new UsageException(all.isEmpty()
                            ? "no checks available: no check plug-in started (see 'lensix plugins list'), so nothing to collect"
                            : "no checks left after --checks/--skip-checks, so nothing to collect");
                }
            } catch (UsageException e) {
                return LensixCli.usageError(err, e.getMessage());
            }
            Instant started = clock.instant();
            Collected collected;
            try {
                collected = LiveAzure.collect(settings, checks.stream().map(LoadedCheck::descriptor).toList(),
                        LiveAzure.progressWanted(common), err);
            } catch (InputException e) {
                return LensixCli.usageError(err, e.getMessage());
            }
            try {
                ReportFiles.writeAtomically(output, file -> SnapshotWriter.write(collected, "lensix " + LensixVersion.version(),
                        started, file));
            } catch (IOException | RuntimeException e) {
                return LensixCli.usageError(err, "cannot write the snapshot " + output + ": " + e);
            }
            for (ScanProblem problem : collected.problems()) {
                err.println("lensix: warning: " + TerminalSummary.safe(problem.message()));
            }
            List<CollectionLedger.Entry> gaps = collected.ledger().entries().stream()
                    .filter(entry -> !entry.coverage().collected()).toList();
            gaps.stream().limit(LISTED_GAPS).forEach(gap -> err.println("lensix: warning: not collected: " + TerminalSummary.safe(
                    gap.type() + " at " + gap.scope() + ": " + gap.coverage().reason())));
            if (gaps.size() > LISTED_GAPS) {
                err.println("lensix: warning: ... and " + (gaps.size() - LISTED_GAPS) + " more not collected (see the file's header)");
            }
            out.println("Collected " + collected.resources().size() + " resources from " + collected.scope().size()
                    + " subscription(s) into " + output + ": " + collected.ledger().entries().size() + " collections, "
                    + gaps.size() + " not collected.");
            out.flush();
            boolean complete = gaps.isEmpty() && collected.problems().isEmpty() && host.problems().isEmpty();
            return complete ? ExitCode.CLEAN.code() : ExitCode.INCOMPLETE.code();
        }
    }
}
