package dev.lensix.cli;

import dev.lensix.cli.AppProcess.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The assembled app, run as a process the way a user runs it. */
class LensixDistributionIT {

    private static final String CSV_HEADER = "check_id,status,severity,resource_id,resource_type,resource_name,"
            + "subscription_id,resource_group,location,message,remediation,evidence,suppressed,"
            + "suppression_justification,suppression_owner,suppression_expires,baseline_state,remediation_url,file,line";

    @TempDir
    Path work;

    private Outcome lensix(String... args) throws IOException, InterruptedException {
        return AppProcess.run(work, Map.of(), args);
    }

    @Test
    void theAppHasItsLayout() {
        Path app = AppProcess.app();
        assertThat(app.resolve("bin/lensix")).isExecutable();
        assertThat(app.resolve("lib")).isDirectoryContaining("glob:**/lensix-engine-*.jar")
                .isDirectoryContaining("glob:**/lensix-api-*.jar")
                .isDirectoryContaining("glob:**/lensix-policy-*.jar")
                .isDirectoryContaining("glob:**/lensix-input-snapshot-*.jar")
                .isDirectoryContaining("glob:**/lensix-input-azure-*.jar")
                .isDirectoryNotContaining("glob:**/lensix-recovery-services-*.jar");
        assertThat(app.resolve("plugins")).isDirectoryContaining("glob:**/lensix-recovery-services-*.jar")
                .isDirectoryContaining("glob:**/lensix-reporter-csv-*.jar");
        assertThat(app.resolveSibling("lensix.tar.gz")).isRegularFile();
    }

    @Test
    void theArchiveUnpacksToTheSameApp() throws IOException {
        byte[] tar;
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(AppProcess.app().resolveSibling("lensix.tar.gz")))) {
            tar = in.readAllBytes();
        }
        String names = new String(tar, StandardCharsets.ISO_8859_1);
        assertThat(names).contains("lensix/bin/lensix", "lensix/lib/lensix-engine-", "lensix/plugins/lensix-recovery-services-");
    }

    @Test
    void scanningTheExampleTenantPrintsASummaryWritesCsvAndFailsOnFindings() throws Exception {
        Outcome outcome = lensix("scan", "--input", AppProcess.examples().toString());

        assertThat(outcome.exitCode()).as(outcome.stderr()).isEqualTo(1);
        assertThat(outcome.stderr()).isEmpty();
        assertThat(outcome.stdout()).contains("FAIL", "PASS", "failing by severity:", "Failing resources:",
                "rsv_nobyok", "Reports: ./lensix.csv");
        List<String> rows = Files.readAllLines(work.resolve("lensix.csv"));
        assertThat(rows.get(0)).isEqualTo(CSV_HEADER);
        assertThat(rows).anyMatch(row -> row.startsWith("rsv_nobyok,FAIL,high,/subscriptions/"))
                .anyMatch(row -> row.startsWith("rsv_nobyok,PASS,high,/subscriptions/"));
        assertThat(Files.readString(work.resolve("lensix.csv"))).contains("\r\n");
    }

    @Test
    void failOnDecidesWhichFindingsFailTheRun() throws Exception {
        // rsv_nobyok alone: high findings, nothing left unevaluated
        String[] scan = {"scan", "--input", AppProcess.examples().toString(), "--checks", "rsv_nobyok"};
        assertThat(lensixWith(scan, "--fail-on", "high").exitCode()).isEqualTo(1);
        Outcome critical = lensixWith(scan, "--fail-on", "critical");
        assertThat(critical.exitCode()).as(critical.stdout() + critical.stderr()).isZero();
        assertThat(lensixWith(scan, "--fail-on", "none").exitCode()).isZero();
    }

    @Test
    void errorResultsMakeTheScanIncompleteWhenNothingFailsTheRun() throws Exception {
        // every check: the example tenant has a vault whose Key Vault is outside the scanned scope
        Outcome outcome = lensix("scan", "--input", AppProcess.examples().toString(), "--fail-on", "none");
        assertThat(outcome.exitCode()).as(outcome.stdout()).isEqualTo(3);
        assertThat(outcome.stdout()).contains("Errors (not evaluated):");
    }

    private Outcome lensixWith(String[] base, String... more) throws IOException, InterruptedException {
        String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return lensix(args);
    }

    @Test
    void quietPrintsOnlyTheTotals() throws Exception {
        Outcome outcome = lensix("scan", "--input", AppProcess.examples().toString(), "--quiet");
        assertThat(outcome.stdout().lines().count()).isEqualTo(2);
    }

    @Test
    void outputDirAndChecksSelectionAreHonoured() throws Exception {
        Path out = work.resolve("reports/nested");
        Outcome outcome = lensix("scan", "--input", AppProcess.examples().toString(), "--output-dir", out.toString(),
                "--checks", "rsv_nobyok", "--format", "csv");
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(out.resolve("lensix.csv")).isRegularFile();

        Outcome skipped = lensix("scan", "--input", AppProcess.examples().toString(), "--checks", "rsv_nobyok",
                "--skip-checks", "rsv_nobyok");
        assertThat(skipped.exitCode()).isEqualTo(2);
        assertThat(skipped.stderr()).isEqualTo("lensix: no checks left to run after --checks/--skip-checks\n");
    }

    @Test
    void unknownCheckOrFormatIsAUsageErrorAndWritesNothing() throws Exception {
        Outcome unknownCheck = lensix("scan", "--input", AppProcess.examples().toString(), "--checks", "nope");
        assertThat(unknownCheck.exitCode()).isEqualTo(2);
        assertThat(unknownCheck.stderr()).startsWith("lensix: unknown check id nope; known checks: ").contains("rsv_nobyok");

        Outcome unknownFormat = lensix("scan", "--input", AppProcess.examples().toString(), "--format", "csv,pdf");
        assertThat(unknownFormat.exitCode()).isEqualTo(2);
        assertThat(unknownFormat.stderr()).startsWith("lensix: unknown format 'pdf'; available: ").contains("csv");
        assertThat(work.resolve("lensix.csv")).doesNotExist();
    }

    @Test
    void malformedInputIsAOneLineErrorNamingTheFileWithExitCodeTwo() throws Exception {
        Path broken = Files.writeString(work.resolve("broken.json"), "[{\"id\": \"/subscriptions/x\", \"type\": ");
        Outcome outcome = lensix("scan", "--input", broken.toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr().lines().toList()).singleElement().asString()
                .startsWith("lensix: " + broken + ": ").contains("line 1");
        assertThat(outcome.stderr()).doesNotContain("Exception", "\tat ");
        assertThat(work.resolve("lensix.csv")).doesNotExist();
    }

    @Test
    void missingInputIsAUsageError() throws Exception {
        Outcome outcome = lensix("scan", "--input", work.resolve("absent.json").toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr()).isEqualTo("lensix: " + work.resolve("absent.json") + ": no such file or folder\n");
    }

    @Test
    void aNotCollectedExportMarksTheScanIncomplete() throws Exception {
        Path partial = Files.writeString(work.resolve("page1.json"), """
                {"value": [{"id": "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v1",
                            "type": "Microsoft.RecoveryServices/vaults", "name": "v1", "location": "westeurope",
                            "properties": {"encryption": {"keyVaultProperties": {"keyUri": "https://kv1.vault.azure.net/keys/k1"}}}}],
                 "nextLink": "https://management.azure.com/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.RecoveryServices/vaults?page=2"}
                """);
        Outcome outcome = lensix("scan", "--input", partial.toString());
        assertThat(outcome.exitCode()).as(outcome.stdout()).isEqualTo(3);
        assertThat(outcome.stderr()).contains("lensix: warning: ").contains("nextLink");
        assertThat(Files.readString(work.resolve("lensix.csv"))).contains("lensix,ERROR").contains("lensix/problem");
    }

    @Test
    void checksListShowsEveryCheckWithSeverityAndTitle() throws Exception {
        Outcome outcome = lensix("checks", "list");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        assertThat(outcome.stdout().lines().filter(line -> line.startsWith("rsv_nobyok")).findFirst()).get().asString()
                .contains("high", "recovery-services", "Microsoft.RecoveryServices/vaults");
    }

    @Test
    void thePluginsStartedEarlyAreTheSameAsThoseStartedAfterParsing() throws Exception {
        // --plugins-dir turns the early start off: an empty extra folder adds nothing else
        Files.createDirectories(work.resolve("no-plugins"));
        for (String command : List.of("checks", "plugins")) {
            Outcome early = lensix(command, "list");
            Outcome afterParsing = lensix(command, "list", "--plugins-dir", work.resolve("no-plugins").toString());
            assertThat(early.exitCode()).as(early.stderr()).isZero();
            assertThat(early.stdout()).contains("recovery-services").isEqualTo(afterParsing.stdout());
            assertThat(early.stderr()).isEqualTo(afterParsing.stderr());
        }
    }

    @Test
    void pluginsListShowsEveryPluginStarted() throws Exception {
        Outcome outcome = lensix("plugins", "list");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        assertThat(outcome.stdout()).containsPattern("recovery-services\\s+0\\.1\\.0\\S*\\s+started")
                .containsPattern("reporter-csv\\s+0\\.1\\.0\\S*\\s+started");
    }

    @Test
    void aBrokenPluginIsShownEverywhereAndMakesTheScanIncomplete() throws Exception {
        Path userPlugins = Files.createDirectories(work.resolve("more-plugins"));
        Files.write(userPlugins.resolve("broken-plugin.jar"), "this is not a jar".getBytes(StandardCharsets.UTF_8));

        Outcome list = lensix("plugins", "list", "--plugins-dir", userPlugins.toString());
        assertThat(list.exitCode()).isEqualTo(3);
        assertThat(list.stdout()).containsPattern("broken-plugin\\.jar\\s+failed");
        assertThat(list.stderr()).contains("broken-plugin.jar");

        // rsv_nobyok alone evaluates everything it targets: the broken plug-in is what makes the scan incomplete
        Outcome scan = lensix("scan", "--input", AppProcess.examples().toString(), "--plugins-dir", userPlugins.toString(),
                "--checks", "rsv_nobyok", "--fail-on", "none");
        assertThat(scan.exitCode()).isEqualTo(3);
        assertThat(scan.stderr()).startsWith("lensix: warning: plug-in broken-plugin.jar failed");
        assertThat(scan.stdout()).contains("Problems:");
        assertThat(Files.readString(work.resolve("lensix.csv"))).contains("broken-plugin.jar");
    }

    @Test
    void theLauncherWorksFromAnyFolderThroughASymlinkAndPassesJavaOpts() throws Exception {
        Path link = Files.createSymbolicLink(work.resolve("lensix-link"), AppProcess.app().resolve("bin/lensix"));
        Outcome outcome = AppProcess.runLauncher(link, Path.of("/"),
                Map.of("JAVA_OPTS", "-Dlensix.probe=passed -XshowSettings:properties"), "--version");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.stdout()).startsWith("lensix 0.1.0");
        assertThat(outcome.stderr()).contains("lensix.probe = passed").contains("lensix.home = " + AppProcess.app().toRealPath());
    }

    @Test
    void aCollectorChosenInJavaOptsReplacesTheLaunchersOwn() throws Exception {
        Outcome outcome = AppProcess.runLauncher(AppProcess.app().resolve("bin/lensix"), work,
                Map.of("JAVA_OPTS", "-XX:+UseSerialGC -XX:+PrintCommandLineFlags"), "--version");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        assertThat(outcome.stdout()).contains("-XX:+UseSerialGC").doesNotContain("UseParallelGC");

        Outcome plain = AppProcess.runLauncher(AppProcess.app().resolve("bin/lensix"), work,
                Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "--version");
        assertThat(plain.stdout()).contains("-XX:+UseParallelGC");

        Outcome tuned = AppProcess.runLauncher(AppProcess.app().resolve("bin/lensix"), work,
                Map.of("JAVA_OPTS", "-XX:+UseCompressedOops -XX:MaxGCPauseMillis=300 -XX:+PrintCommandLineFlags"), "--version");
        assertThat(tuned.exitCode()).as(tuned.stderr()).isZero();
        assertThat(tuned.stdout()).as("options are told apart one by one: no collector is named here")
                .contains("-XX:+UseParallelGC", "-XX:NewRatio=7");
    }

    @Test
    void theLauncherAsksForTransparentHugePagesOnlyWhereLinuxGivesThemAndJavaOptsCanSayNo() throws Exception {
        Path mode = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        String offered = Files.isReadable(mode) ? Files.readString(mode) : "";
        Outcome plain = AppProcess.runLauncher(AppProcess.app().resolve("bin/lensix"), work,
                Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "--version");
        assertThat(plain.exitCode()).as(plain.stderr()).isZero();
        assertThat(plain.stderr()).as("no warning from Java about huge pages").isEmpty();
        if (offered.contains("[madvise]") || offered.contains("[always]")) {
            assertThat(plain.stdout()).contains("-XX:+UseTransparentHugePages");
        } else {
            assertThat(plain.stdout()).doesNotContain("UseTransparentHugePages");
        }

        Outcome refused = AppProcess.runLauncher(AppProcess.app().resolve("bin/lensix"), work,
                Map.of("JAVA_OPTS", "-XX:-UseTransparentHugePages -XX:+PrintCommandLineFlags"), "--version");
        assertThat(refused.stdout()).contains("-XX:-UseTransparentHugePages").doesNotContain("+UseTransparentHugePages");

        Outcome refusedByTool = AppProcess.runLauncher(AppProcess.app().resolve("bin/lensix"), work,
                Map.of("JAVA_TOOL_OPTIONS", "-XX:-UseTransparentHugePages", "JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "--version");
        assertThat(refusedByTool.exitCode()).as(refusedByTool.stderr()).isZero();
        assertThat(refusedByTool.stdout()).as("JAVA_TOOL_OPTIONS comes before the launcher's flags: not overridden by them")
                .doesNotContain("+UseTransparentHugePages");
    }

    @Test
    void theLauncherGivesTheParallelCollectorASmallYoungGenerationUnlessJavaOptsSizeIt() throws Exception {
        Path launcher = AppProcess.app().resolve("bin/lensix");
        Outcome plain = AppProcess.runLauncher(launcher, work, Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "--version");
        assertThat(plain.exitCode()).as(plain.stderr()).isZero();
        assertThat(plain.stdout()).contains("-XX:NewRatio=7", "-XX:+UseParallelGC");

        Outcome sized = AppProcess.runLauncher(launcher, work, Map.of("JAVA_OPTS", "-Xmn32m -XX:+PrintCommandLineFlags"), "--version");
        assertThat(sized.exitCode()).as(sized.stderr()).isZero();
        assertThat(sized.stdout()).contains("-XX:NewSize=33554432").doesNotContain("NewRatio=7");

        Outcome g1 = AppProcess.runLauncher(launcher, work, Map.of("JAVA_OPTS", "-XX:+UseG1GC -XX:+PrintCommandLineFlags"), "--version");
        assertThat(g1.exitCode()).as(g1.stderr()).isZero();
        assertThat(g1.stdout()).as("G1 sizes its young generation itself").contains("-XX:+UseG1GC").doesNotContain("NewRatio=7");
    }
}
