package dev.lensix.cli;

import dev.lensix.api.check.Severity;
import dev.lensix.api.input.Collected;
import dev.lensix.api.input.Input;
import dev.lensix.api.input.InputException;
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
import dev.lensix.engine.triage.Triager;
import dev.lensix.input.azure.LiveSettings;
import dev.lensix.input.snapshot.SnapshotInput;
import dev.lensix.input.template.Bicep;
import dev.lensix.input.template.TemplateInput;
import dev.lensix.input.terraform.TerraformPlanInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/** {@code lensix scan}: runs the checks over live Azure or snapshot files and writes the chosen reports. */
@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Scans ARM resources and writes reports.",
                "Without --input it scans live Azure: every subscription the identity can list, or those given with "
                        + "--subscription. With --input it scans snapshot files of ARM JSON: a top-level array, an ARM "
                        + "list page {\"value\": [...]}, a Resource Graph result {\"data\": [...]}, one resource object, "
                        + "or a file written by 'lensix collect'; folders are read recursively."})
final class ScanCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ScanCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    RuleOptions rules;

    @Mixin
    AzureOptions azure;

    @Option(names = {"-i", "--input"}, paramLabel = "PATH",
            description = "Snapshot file, Terraform plan (terraform show -json), ARM template, .bicep file, or folder of"
                    + " them (repeatable). Without it, live Azure is scanned.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--parameters", paramLabel = "FILE",
            description = "Parameters file for the templates scanned. Default: NAME.parameters.json beside NAME.json or"
                    + " NAME.bicep (or NAME.bicepparam beside NAME.bicep).")
    Path parametersFile;

    @Option(names = "--parameter", paramLabel = "NAME=VALUE",
            description = "A template parameter's value, over the parameters file's (repeatable).")
    List<String> parameterOverrides = new ArrayList<>();

    @Option(names = "--scope", paramLabel = "ID",
            description = "The resource group templates are deployed to, /subscriptions/ID/resourceGroups/NAME, for the"
                    + " ids of their resources. Default: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/lensix-template-rg.")
    String deploymentScope;

    @Option(names = "--source-root", paramLabel = "DIR", defaultValue = ".",
            description = "The repository root that source files in reports are relative to (SARIF's %%SRCROOT%%), and"
                    + " where a plan's .tf files are looked for when they are not beside it. Default: the current folder.")
    Path sourceRoot;

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

    @Option(names = "--check-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "Time limit for one check on one resource (500ms, 30s, 2m, 1m30s). A check that exceeds it is "
                    + "stopped: that resource and the ones it had not reached get ERROR results. Default: ${DEFAULT-VALUE}.")
    Duration checkTimeout;

    @Option(names = "--sarif-category", paramLabel = "CATEGORY",
            description = "GitHub code scanning category of the SARIF report (its automationDetails.id). "
                    + "Default: lensix/<inputs>/, derived from the inputs scanned.")
    String sarifCategory;

    @Option(names = "--suppressions", paramLabel = "FILE",
            description = "Accepted risks: a suppressions file (YAML, see docs/lensix-suppressions.schema.json); repeatable. "
                    + "Without it, ./" + Triager.DEFAULT_FILE + " is read when present.")
    List<Path> suppressionFiles = new ArrayList<>();

    @Option(names = "--warn-expiring", paramLabel = "DAYS", defaultValue = "" + Triager.DEFAULT_WARN_DAYS,
            description = "Warn about suppressions that expire within this many days. Default: ${DEFAULT-VALUE}.")
    int warnExpiringDays;

    @Option(names = "--suppression-max-days", paramLabel = "DAYS", defaultValue = "" + Triager.DEFAULT_MAX_DAYS,
            description = "The furthest ahead a suppression may expire; a later date is refused. Default: ${DEFAULT-VALUE}.")
    int maxDaysAhead;

    @Option(names = "--strict-suppressions",
            description = "Expired entries that still match, entries expiring soon and stale entries make the scan incomplete (exit code 3).")
    boolean strictSuppressions;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "An earlier lensix SARIF report: every FAIL and ERROR is marked new, unchanged or updated, and "
                    + "the baseline's results no longer given are listed as absent.")
    Path baselineFile;

    @Option(names = "--fail-on-new", description = "With --baseline: only new FAILs count toward exit code 1.")
    boolean failOnNew;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Severity> threshold;
        LiveSettings live = null;
        try {
            threshold = parseFailOn(failOn);
            validateInputs();
            if (inputs.isEmpty()) {
                live = azure.settings();
            }
        } catch (UsageException e) {
            return LensixCli.usageError(err, e.getMessage());
        }
        Clock clock = Clock.systemUTC();
        Triager.Reading triageFiles;
        try {
            // suppressions files and a baseline read while the plug-ins start
            triageFiles = Triager.startReading(triageOptions(err), LocalDate.now(clock));
        } catch (UsageException e) {
            return LensixCli.usageError(err, e.getMessage());
        }
        try (PluginHost host = common.startPlugins(clock)) {
            host.problems().forEach(problem -> err.println("lensix: warning: " + TerminalSummary.safe(problem.message())));
            List<LoadedCheck> all;
            List<LoadedCheck> checks;
            List<LoadedReporter> reporters;
            try {
                all = rules.checksWith(host.checks());
                checks = Scanner.selectChecks(all, onlyChecks, skipChecks);
                reporters = Scanner.selectReporters(host.reporters(), formats);
                if (checks.isEmpty()) {
                    throw new UsageException(all.isEmpty()
                            ? "no checks available: no check plug-in started (see 'lensix plugins list')"
                            : "no checks left to run after --checks/--skip-checks");
                }
            } catch (UsageException e) {
                return LensixCli.usageError(err, e.getMessage());
            }

            Triager triager;
            long preparing = System.nanoTime();
            try {
                triager = triageFiles.finish(all.stream().map(check -> check.descriptor().id()).collect(Collectors.toSet()));
            } catch (InputException e) {
                return LensixCli.usageError(err, e.getMessage());
            }
            LOG.debug("read the suppressions files and the baseline in {} ms", (System.nanoTime() - preparing) / 1_000_000);

            ScanReport report;
            try {
                Scanner scanner = new Scanner(clock, checkTimeout).triagedBy(triager);
                Input input = live != null ? LiveAzure.input(live, LiveAzure.progressWanted(common), err) : fileInput();
                report = scanner.scan(input, checks, host.problems());
                triager.requireBaselineCategory(report.scope(), Optional.ofNullable(sarifCategory).filter(text -> !text.isBlank()));
            } catch (InputException e) {
                return LensixCli.usageError(err, e.getMessage());
            }
            report.triage().warnings().forEach(warning -> err.println("lensix: warning: " + TerminalSummary.safe(warning)));
            report.problems().stream().filter(problem -> problem.source().equals("input") || problem.source().equals("azure"))
                    .map(ScanProblem::message)
                    .forEach(message -> err.println("lensix: warning: " + TerminalSummary.safe(message)));

            // reporters read the same immutable report, so they write their files side by side; their warnings and
            // failures are told in the order of --format, as if one had run after the other
            String summary;
            // one thread each, even past the processors: reporters differ in cost, and the system shares them out best
            ExecutorService writers = Executors.newFixedThreadPool(reporters.size() + 1, runnable -> {
                        Thread thread = new Thread(runnable, "lensix-reporter");
                        thread.setDaemon(true);
                        return thread;
                    });
            try {
                Map<String, String> options = reportOptions();
                List<Future<List<String>>> jobs = new ArrayList<>();
                for (LoadedReporter reporter : reporters) {
                    Path target = outputDir.resolve(reporter.defaultFileName());
                    jobs.add(writers.submit(() -> {
                        List<String> warnings = new ArrayList<>();
                        long writing = System.nanoTime();
                        ReportFiles.writeAtomically(reporter.reporter(), report, ReportContext.of(options, warnings::add), target);
                        LOG.debug("wrote the {} report in {} ms", reporter.formatName(), (System.nanoTime() - writing) / 1_000_000);
                        return warnings;
                    }));
                }
                List<String> targets = reporters.stream()
                        .map(reporter -> outputDir.resolve(reporter.defaultFileName()).toString()).toList();
                Future<String> summaryJob = writers.submit(() -> TerminalSummary.render(report, targets));
                for (int i = 0; i < reporters.size(); i++) {
                    LoadedReporter reporter = reporters.get(i);
                    Path target = outputDir.resolve(reporter.defaultFileName());
                    try {
                        jobs.get(i).get().forEach(warning -> err.println(
                                "lensix: warning: " + reporter.formatName() + ": " + TerminalSummary.safe(warning)));
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof Error error) {
                            throw error;
                        }
                        return LensixCli.usageError(err, "cannot write the " + reporter.formatName() + " report " + target + ": " + e.getCause());
                    }
                }
                summary = summaryJob.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("the summary could not be written", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing reports", e);
            } finally {
                writers.shutdownNow();
            }
            if (!skipped.isEmpty()) {
                summary = summary + "Skipped " + skipped.size() + " file" + (skipped.size() == 1 ? "" : "s")
                        + " in the folders given that lensix does not scan on " + (skipped.size() == 1 ? "its" : "their")
                        + " own (--debug names each and why).\n";
            }
            out.print(common.quiet ? summary.lines().limit(2).reduce("", (a, b) -> a + b + "\n") : summary);
            out.flush();
            return ExitCode.of(report, threshold, failOnNew).code();
        }
    }

    /** JSON files skipped in the folders given: none of the inputs lensix reads. */
    private List<InputFiles.Skipped> skipped = List.of();

    /** The files given, each read by the input for what it holds: snapshot files, Terraform plans. */
    private Input fileInput() throws InputException {
        InputFiles.Sorted sorted = InputFiles.sort(inputs);
        skipped = sorted.skipped();
        skipped.forEach(file -> LOG.debug("skipped {}: {}", file.file(), file.why()));
        List<String> scope = inputs.stream().map(Path::toString).toList();
        List<Input> parts = new ArrayList<>();
        if (!sorted.snapshots().isEmpty()) {
            parts.add(new SnapshotInput(sorted.snapshots(), scope));
        }
        if (!sorted.plans().isEmpty()) {
            parts.add(new TerraformPlanInput(sorted.plans(), scope, sourceRoot));
        }
        if (!sorted.templates().isEmpty()) {
            parts.add(new TemplateInput(sorted.templates(), scope, TemplateInput.Options.of(Optional.ofNullable(parametersFile),
                    parameterOverrides, Optional.ofNullable(deploymentScope), sourceRoot, Bicep.onPath())));
        } else if (parametersFile != null || !parameterOverrides.isEmpty() || deploymentScope != null) {
            throw new InputException("--parameters, --parameter and --scope are for templates, and none is among the inputs");
        }
        return checks -> {
            List<Collected> read = new ArrayList<>();
            for (Input part : parts) {
                read.add(part.read(checks));
            }
            return Collected.combine(scope, read);
        };
    }

    /** The suppressions files given, or the one in the current folder; the baseline. */
    private Triager.Options triageOptions(PrintWriter err) throws UsageException {
        if (failOnNew && baselineFile == null) {
            throw new UsageException("--fail-on-new needs --baseline: new compared with what?");
        }
        if (warnExpiringDays < 0 || maxDaysAhead < 1) {
            throw new UsageException("--warn-expiring is 0 or more days, --suppression-max-days 1 or more");
        }
        List<Path> files = new ArrayList<>(suppressionFiles);
        Path found = Path.of(Triager.DEFAULT_FILE);
        if (files.isEmpty() && Files.isRegularFile(found)) {
            files.add(found);
            err.println("lensix: reading the suppressions file " + found + " found in the current folder");
        }
        return new Triager.Options(files, Optional.ofNullable(baselineFile), warnExpiringDays, maxDaysAhead,
                strictSuppressions);
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
        if (!inputs.isEmpty() && AzureOptions.anyGiven(spec)) {
            throw new UsageException(String.join(", ", AzureOptions.NAMES) + " are for live scans: give them without --input");
        }
        if (inputs.isEmpty() && (parametersFile != null || !parameterOverrides.isEmpty() || deploymentScope != null)) {
            throw new UsageException("--parameters, --parameter and --scope are for templates: give the templates with --input");
        }
        common.requireExistingPluginDirs();
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
}
