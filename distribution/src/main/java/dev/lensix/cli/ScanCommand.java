package dev.lensix.cli;

import dev.lensix.api.check.Severity;
import dev.lensix.api.report.ReportContext;
import dev.lensix.api.report.ScanProblem;
import dev.lensix.api.report.ScanReport;
import dev.lensix.engine.plugin.LoadedCheck;
import dev.lensix.engine.plugin.LoadedReporter;
import dev.lensix.engine.plugin.PluginHost;
import dev.lensix.engine.report.ReportFiles;
import dev.lensix.engine.report.TerminalSummary;
import dev.lensix.engine.scan.ExitCode;
import dev.lensix.engine.scan.Scanner;
import dev.lensix.engine.scan.UsageException;
import dev.lensix.engine.snapshot.InputException;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code lensix scan}: runs the checks over snapshot files and writes the chosen reports. */
@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Scans ARM resources and writes reports.",
                "Input is snapshot files of ARM JSON: a top-level array, an ARM list page {\"value\": [...]}, "
                        + "a Resource Graph result {\"data\": [...]} or one resource object; folders are read recursively."})
final class ScanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = {"-i", "--input"}, paramLabel = "PATH",
            description = "Snapshot file or folder of *.json files (repeatable).")
    List<Path> inputs = new ArrayList<>();

    @Option(names = {"-f", "--format"}, split = ",", paramLabel = "FORMAT", defaultValue = "csv",
            description = "Comma list of report formats (sarif, junit, csv: as the reporter plug-ins provide). Default: ${DEFAULT-VALUE}.")
    List<String> formats = new ArrayList<>();

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", defaultValue = ".",
            description = "Where report files are written. Default: the current folder.")
    Path outputDir;

    @Option(names = "--checks", split = ",", paramLabel = "ID", description = "Run only these checks (comma list of ids).")
    List<String> onlyChecks = new ArrayList<>();

    @Option(names = "--skip-checks", split = ",", paramLabel = "ID", description = "Do not run these checks (comma list of ids).")
    List<String> skipChecks = new ArrayList<>();

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "low",
            description = "Lowest severity of a failing finding that makes the exit code 1: critical, high, medium, low, info, or none. Default: ${DEFAULT-VALUE}.")
    String failOn;

    @Option(names = "--sarif-category", paramLabel = "CATEGORY",
            description = "GitHub code scanning category of the SARIF report (its automationDetails.id). "
                    + "Default: lensix/<inputs>/, derived from the inputs scanned.")
    String sarifCategory;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Severity> threshold;
        try {
            threshold = parseFailOn(failOn);
            validateInputs();
        } catch (UsageException e) {
            return usageError(err, e.getMessage());
        }
        Clock clock = Clock.systemUTC();
        try (PluginHost host = common.startPlugins(clock)) {
            host.problems().forEach(problem -> err.println("lensix: warning: " + TerminalSummary.safe(problem.message())));
            List<LoadedCheck> checks;
            List<LoadedReporter> reporters;
            try {
                checks = Scanner.selectChecks(host.checks(), onlyChecks, skipChecks);
                reporters = Scanner.selectReporters(host.reporters(), formats);
                if (checks.isEmpty()) {
                    throw new UsageException(host.checks().isEmpty()
                            ? "no checks available: no check plug-in started (see 'lensix plugins list')"
                            : "no checks left to run after --checks/--skip-checks");
                }
            } catch (UsageException e) {
                return usageError(err, e.getMessage());
            }

            ScanReport report;
            try {
                report = new Scanner(clock).scanSnapshots(inputs, checks, host.problems());
            } catch (InputException e) {
                return usageError(err, e.getMessage());
            }
            report.problems().stream().filter(problem -> problem.source().equals("input"))
                    .map(ScanProblem::message)
                    .forEach(message -> err.println("lensix: warning: " + TerminalSummary.safe(message)));

            List<String> written = new ArrayList<>();
            for (LoadedReporter reporter : reporters) {
                Path target = outputDir.resolve(reporter.defaultFileName());
                ReportContext context = ReportContext.of(reportOptions(), warning -> err.println(
                        "lensix: warning: " + reporter.formatName() + ": " + TerminalSummary.safe(warning)));
                try {
                    ReportFiles.writeAtomically(reporter.reporter(), report, context, target);
                } catch (IOException | RuntimeException e) {
                    return usageError(err, "cannot write the " + reporter.formatName() + " report " + target + ": " + e);
                }
                written.add(target.toString());
            }
            String summary = TerminalSummary.render(report, written);
            out.print(common.quiet ? summary.lines().limit(2).reduce("", (a, b) -> a + b + "\n") : summary);
            out.flush();
            return ExitCode.of(report, threshold).code();
        }
    }

    /** Options for report formats, by the names reporters ask {@link ReportContext#option} for. */
    private Map<String, String> reportOptions() {
        Map<String, String> options = new HashMap<>();
        if (sarifCategory != null && !sarifCategory.isBlank()) {
            options.put("sarif.category", sarifCategory.strip());
        }
        return options;
    }

    private void validateInputs() throws UsageException {
        if (inputs.isEmpty()) {
            throw new UsageException("give --input with a snapshot file or folder (live Azure scanning is not part of this build yet)");
        }
        for (Path dir : common.pluginDirs) {
            if (!Files.isDirectory(dir)) {
                throw new UsageException("--plugins-dir " + dir + ": no such folder");
            }
        }
        if (Files.exists(outputDir) && !Files.isDirectory(outputDir)) {
            throw new UsageException("--output-dir " + outputDir + " is a file, not a folder");
        }
    }

    static Optional<Severity> parseFailOn(String value) throws UsageException {
        if (value.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        return Optional.of(Severity.parse(value).orElseThrow(() -> new UsageException(
                "--fail-on '" + value + "' is not one of critical, high, medium, low, info, none")));
    }

    private int usageError(PrintWriter err, String message) {
        err.println("lensix: " + TerminalSummary.safe(message));
        err.flush();
        return LensixCli.EXIT_USAGE;
    }
}
