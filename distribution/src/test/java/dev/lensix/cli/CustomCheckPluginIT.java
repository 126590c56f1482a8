package dev.lensix.cli;

import dev.lensix.cli.AppProcess.Outcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A check plug-in written outside this repository, exactly as docs/writing-a-check.md tells an author:
 * examples/custom-check-plugin is built with Maven against the installed lensix-api and lensix-testkit,
 * its own tests run, and its jar dropped into --plugins-dir is listed and run by the assembled app.
 */
class CustomCheckPluginIT {

    @TempDir
    static Path project;

    private static Path pluginJar;

    @BeforeAll
    static void buildTheExampleProjectWithMaven() throws Exception {
        Path source = AppProcess.examples().resolve("custom-check-plugin");
        copyWithoutBuildOutput(source, project);
        Path mvn = Path.of(System.getProperty("lensix.maven.home", "/usr/share/maven"), "bin", "mvn");
        List<String> command = List.of(mvn.toString(), "-B", "-q", "package",
                "-Dmaven.repo.local=" + System.getProperty("lensix.maven.repo", System.getProperty("user.home") + "/.m2/repository"),
                "-Dlensix.version=" + System.getProperty("lensix.version", "0.1.0-SNAPSHOT"));
        Path log = project.resolveSibling(project.getFileName() + "-build.log");
        Process build = new ProcessBuilder(command).directory(project.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!build.waitFor(300, TimeUnit.SECONDS)) {
            build.destroyForcibly();
            throw new AssertionError("building the example plug-in took over 300 s");
        }
        assertThat(build.exitValue()).as("mvn package of examples/custom-check-plugin failed (lensix-api and "
                + "lensix-testkit must be installed: run 'mvn install' at the top):\n" + Files.readString(log)).isZero();
        pluginJar = project.resolve("target/kv-open-network-check-1.0.0.jar");
        assertThat(pluginJar).isRegularFile();
        assertThat(project.resolve("target/surefire-reports")).isDirectoryContaining("glob:**/*KeyVaultOpenNetworkCheckTest.txt");
    }

    private static void copyWithoutBuildOutput(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(path -> !from.relativize(path).startsWith("target")).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static Path pluginsDir() throws IOException {
        Path dir = Files.createDirectories(project.resolveSibling(project.getFileName() + "-plugins"));
        Files.copy(pluginJar, dir.resolve(pluginJar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        return dir;
    }

    @Test
    void checksListShowsTheCustomCheckWithItsPlugin() throws Exception {
        Outcome outcome = AppProcess.run(project, Map.of(), "checks", "list", "--plugins-dir", pluginsDir().toString());
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        assertThat(outcome.stdout()).containsPattern(
                "example_kv_opennetwork\\s+medium\\s+example-kv-open-network\\s+Microsoft.KeyVault/vaults\\s+Key Vault reachable from every network");
    }

    @Test
    void aScanRunsTheCustomCheckOnTheExampleKeyVaults() throws Exception {
        Path out = Files.createDirectories(project.resolveSibling(project.getFileName() + "-out"));
        Outcome outcome = AppProcess.run(project, Map.of(), "scan", "--input", AppProcess.examples().toString(),
                "--plugins-dir", pluginsDir().toString(), "--checks", "example_kv_opennetwork", "--output-dir", out.toString(),
                "--fail-on", "none");
        assertThat(outcome.exitCode()).as(outcome.stdout() + outcome.stderr()).isZero();
        // cells such as remediation span lines; records start with a check id
        List<String> records = Files.readAllLines(out.resolve("lensix.csv")).stream()
                .filter(line -> line.matches("^[a-z][a-z0-9_]*,(PASS|FAIL|ERROR),.*")).toList();
        assertThat(records).isNotEmpty().allMatch(record -> record.startsWith("example_kv_opennetwork,"));
        assertThat(records).anyMatch(record -> record.startsWith("example_kv_opennetwork,FAIL,medium,"))
                .anyMatch(record -> record.startsWith("example_kv_opennetwork,PASS,medium,"));
    }
}
