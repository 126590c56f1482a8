package dev.lensix.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line's own behaviour, in process and without plug-ins: usage, help, errors. */
class LensixCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return LensixCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void versionPrintsTheVersionAndExitsZero() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("lensix 0.1.0");
    }

    @Test
    void helpListsTheCommandsAndTheExitCodes() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("scan", "checks", "plugins", "Exit codes:", "3", "scan incomplete");
    }

    @Test
    void everySubcommandHasHelp() {
        assertThat(run("scan", "--help")).isZero();
        assertThat(out.toString()).contains("--input", "--format", "--output-dir", "--checks", "--skip-checks",
                "--fail-on", "--plugins-dir", "--quiet", "--debug");
        assertThat(run("checks", "list", "--help")).isZero();
        assertThat(run("plugins", "list", "--help")).isZero();
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).startsWith("lensix: a command is required");
    }

    @Test
    void unknownOptionIsAOneLineUsageErrorWithoutStackTrace() {
        assertThat(run("scan", "--no-such-option")).isEqualTo(2);
        assertThat(err.toString().lines().toList()).hasSize(2).first().asString()
                .startsWith("lensix: Unknown option: '--no-such-option'");
        assertThat(err.toString()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void scanWithoutInputScansLiveAzureAndWithoutChecksIsAUsageError() {
        assertThat(run("scan")).isEqualTo(2);
        assertThat(err.toString()).startsWith("lensix: unknown format 'csv'"); // no plug-in in process: nothing to scan with
        assertThat(run("collect", "--help")).isZero();
        assertThat(out.toString()).contains("--output", "--subscription", "--tenant", "--auth", "--cloud",
                "--arm-endpoint", "--concurrency");
    }

    @Test
    void badFailOnIsAUsageError(@TempDir Path dir) throws Exception {
        Path input = Files.writeString(dir.resolve("s.json"), "[]");
        assertThat(run("scan", "--input", input.toString(), "--fail-on", "severe")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("lensix: --fail-on 'severe' is not one of critical, high, medium, low, info, none"
                + System.lineSeparator());
    }

    @Test
    void missingPluginsDirIsAUsageError(@TempDir Path dir) throws Exception {
        Path input = Files.writeString(dir.resolve("s.json"), "[]");
        assertThat(run("scan", "--input", input.toString(), "--plugins-dir", dir.resolve("nope").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--plugins-dir").contains("no such folder");
    }

    @Test
    void withoutAnyPluginTheScanSaysNoChecksAreAvailable(@TempDir Path dir) throws Exception {
        Path input = Files.writeString(dir.resolve("s.json"), "[]");
        assertThat(run("scan", "--input", input.toString(), "--plugins-dir", dir.toString(), "--format", "csv"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("unknown format 'csv'");
    }

    @Test
    void listCommandsRefuseAMissingPluginsDirToo(@TempDir Path dir) {
        String missing = dir.resolve("nope").toString();
        assertThat(run("checks", "list", "--plugins-dir", missing)).isEqualTo(2);
        assertThat(run("plugins", "list", "--plugins-dir", missing)).isEqualTo(2);
        assertThat(err.toString().lines().toList()).containsExactly(
                "lensix: --plugins-dir " + missing + ": no such folder",
                "lensix: --plugins-dir " + missing + ": no such folder");
    }
}
