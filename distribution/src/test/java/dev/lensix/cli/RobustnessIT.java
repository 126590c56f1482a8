package dev.lensix.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lensix.cli.AppProcess.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The assembled {@code bin/lensix} against hostile input, misbehaving checks and secrets: exit codes as documented, one
 * line on stderr and never a stack trace, and never a half-written report. The full corpus runs through the engine's
 * Scanner in HostileCorpusTest; here a selection runs end to end.
 */
class RobustnessIT {

    private static final String VAULTS = "Microsoft.RecoveryServices/vaults";
    private static final String RG = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/";
    private static final String FORMATS = "sarif,junit,csv";
    private static final List<String> REPORTS = List.of("lensix.sarif", "lensix-junit.xml", "lensix.csv");

    @TempDir
    Path work;

    private static Path corpus(String name) {
        return Path.of(System.getProperty("lensix.hostile", "../engine/src/test/resources/hostile")).toAbsolutePath()
                .normalize().resolve(name);
    }

    private Outcome scan(Map<String, String> environment, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("scan", "--format", FORMATS, "--output-dir", work.resolve("out").toString()));
        all.addAll(Arrays.asList(args));
        return AppProcess.run(work, environment, all.toArray(String[]::new));
    }

    private static void assertNoStackTrace(Outcome outcome) {
        assertThat(outcome.stderr() + outcome.stdout()).as("a stack trace")
                .doesNotContain("\tat ", "Exception in thread", "Caused by:", "StackOverflowError");
    }

    /** Exit code 2, one line naming the input, and no report at all: not even a temporary file. */
    private void assertInputError(Outcome outcome, Path input, String expected) throws IOException {
        assertThat(outcome.exitCode()).as(outcome.stderr()).isEqualTo(2);
        assertThat(outcome.stderr().lines().toList()).as(outcome.stderr()).singleElement().asString()
                .startsWith("lensix: " + input).contains(expected);
        assertNoStackTrace(outcome);
        Path out = work.resolve("out");
        if (Files.exists(out)) {
            try (Stream<Path> files = Files.list(out)) {
                assertThat(files.toList()).as("report files after an input error").isEmpty();
            }
        }
    }

    /** Every report there, complete and well-formed, and no temporary file left. */
    private void assertCompleteReports() throws Exception {
        Path out = work.resolve("out");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(path -> path.getFileName().toString()).sorted().toList())
                    .containsExactlyInAnyOrderElementsOf(REPORTS);
        }
        new ObjectMapper().readTree(out.resolve("lensix.sarif").toFile());
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve("lensix-junit.xml").toFile());
        String csv = Files.readString(out.resolve("lensix.csv"));
        assertThat(csv).startsWith("check_id,status,").endsWith("\r\n");
    }

    // ---- hostile input ----

    @ParameterizedTest
    @ValueSource(strings = {"truncated-in-string.json|not valid JSON: line 3, column",
            "element-null.json|expected a resource object, found null", "missing-id.json|resource has no \"id\" string",
            "duplicate-keys.json|not valid JSON: line 3", "resource-graph-table.json|\"data\" table row 0: resource"})
    void brokenInputStopsTheScanWithOneLineAndNoReport(String testCase) throws Exception {
        String[] parts = testCase.split("\\|");
        Path input = corpus(parts[0]);
        assertInputError(scan(Map.of(), "--input", input.toString()), input, parts[1]);
    }

    @Test
    void invalidUtf8NamesTheFileAndPosition() throws Exception {
        byte[] json = ("[{\"id\": \"" + RG + VAULTS + "/v1\", \"type\": \"" + VAULTS + "\", \"name\": \"x?\"}]")
                .getBytes(StandardCharsets.UTF_8);
        json[json.length - 4] = (byte) 0xFF;
        Path input = Files.write(work.resolve("latin1.json"), json);
        assertInputError(scan(Map.of(), "--input", input.toString()), input, "not valid JSON: line 1, column");
    }

    @Test
    void limitsGiveOneLineNeverAStackOverflowOrOutOfMemory() throws Exception {
        Path deep = work.resolve("deep.json");
        Files.writeString(deep, "[{\"id\": \"" + RG + VAULTS + "/v1\", \"type\": \"" + VAULTS + "\", \"properties\": {\"x\": "
                + "[".repeat(10_000) + "]".repeat(10_000) + "}}]");
        assertInputError(scan(Map.of(), "--input", deep.toString()), deep, "nested more than 256 levels deep");

        Path huge = work.resolve("huge.json");
        try (BufferedWriter out = Files.newBufferedWriter(huge)) {
            out.write("[{\"id\": \"" + RG + VAULTS + "/v1\", \"type\": \"" + VAULTS + "\", \"tags\": {\"note\": \"");
            char[] chunk = new char[1 << 16];
            Arrays.fill(chunk, 'x');
            for (int i = 0; i < 50 * 16; i++) {
                out.write(chunk);
            }
            out.write("\"}}]");
        }
        // a 64 MB heap: the string limit, not the heap, stops it
        assertInputError(scan(Map.of("JAVA_OPTS", "-Xmx64m"), "--input", huge.toString()), huge,
                "a string longer than 10000000 characters (lensix's limit)");
    }

    @Test
    void linksAndFoldersThatLeadNowhere() throws Exception {
        Path loop = Files.createSymbolicLink(work.resolve("loop.json"), Path.of("loop.json"));
        assertInputError(scan(Map.of(), "--input", loop.toString()), loop, "symbolic link loop");
        Path empty = Files.createDirectories(work.resolve("empty/nested"));
        assertInputError(scan(Map.of(), "--input", empty.getParent().toString()), empty.getParent(), "folder holds no *.json or *.bicep files");
    }

    @Test
    void anUnreadableFileIsAnInputErrorForAnUnprivilegedUser() throws Exception {
        // root reads any file whatever its mode, so the test runs lensix as nobody when it runs as root
        Path shared = Files.createTempDirectory("lensix-unreadable");
        try {
            Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
            Path secret = Files.writeString(shared.resolve("secret.json"), "[]");
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
            Path launcher = AppProcess.app().resolve("bin/lensix");
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                launcher = Files.writeString(shared.resolve("as-nobody.sh"), "#!/bin/sh\nexec setpriv --reuid=65534 --regid=65534 "
                        + "--clear-groups " + AppProcess.app().resolve("bin/lensix") + " \"$@\"\n");
                Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Outcome outcome = AppProcess.runLauncher(launcher, shared, Map.of("HOME", shared.toString()),
                    "scan", "--input", secret.toString(), "--output-dir", shared.resolve("out").toString());
            assertThat(outcome.exitCode()).as(outcome.stderr()).isEqualTo(2);
            assertThat(outcome.stderr()).isEqualTo("lensix: " + secret + ": permission denied\n");
            assertThat(shared.resolve("out")).doesNotExist();
        } finally {
            try (Stream<Path> files = Files.walk(shared)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"properties-string.json", "null-everywhere.json", "ids-with-spaces-unicode-and-dots.json",
            "escaped-control-characters.json"})
    void oddButReadableInputIsScannedResourceByResource(String name) throws Exception {
        Outcome outcome = scan(Map.of(), "--input", corpus(name).toString(), "--fail-on", "none");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isIn(0, 3);
        assertNoStackTrace(outcome);
        assertThat(outcome.stdout()).contains("resources evaluated").doesNotContain("\u001b", "\u202e", "\u0000");
        assertThat(outcome.stderr()).doesNotContain("\u001b", "\u202e");
        assertCompleteReports();
    }

    @Test
    void aBadCheckTimeoutIsAUsageError() throws Exception {
        Outcome outcome = scan(Map.of(), "--input", AppProcess.examples().toString(), "--check-timeout", "soon");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr().lines().findFirst()).get().asString()
                .contains("--check-timeout", "'soon' is not a duration such as 500ms, 30s, 2m or 1m30s");
        assertNoStackTrace(outcome);
    }

    // ---- misbehaving checks ----

    @Test
    void aCheckThatNeverReturnsIsStoppedAndTheScanFinishes() throws Exception {
        Path plugins = work.resolve("plugins");
        CheckPluginJar.write(plugins, "looping", "zz_loops", VAULTS, """
                while (resource.id() != null) {
                    Thread.onSpinWait(); // deaf to interrupts
                }
                return Verdict.pass("unreachable", Evidence.none());""");
        long started = System.nanoTime();
        Outcome outcome = scan(Map.of(), "--input", AppProcess.examples().toString(), "--plugins-dir", plugins.toString(),
                "--check-timeout", "1s", "--fail-on", "none");
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;

        assertThat(outcome.exitCode()).as(outcome.stderr()).isEqualTo(3);
        assertNoStackTrace(outcome);
        assertThat(seconds).isLessThan(60);
        List<String> rows = Files.readAllLines(work.resolve("out/lensix.csv"));
        List<String> looping = rows.stream().filter(row -> row.startsWith("zz_loops,")).toList();
        assertThat(looping).isNotEmpty().allMatch(row -> row.startsWith("zz_loops,ERROR,"));
        assertThat(looping.get(0)).contains("check zz_loops did not finish within 1s on this resource and was stopped");
        assertThat(looping.subList(1, looping.size())).allMatch(row -> row.contains("not evaluated: check zz_loops was stopped"));
        assertThat(rows).anyMatch(row -> row.startsWith("rsv_nobyok,FAIL,")).anyMatch(row -> row.startsWith("rsv_nobyok,PASS,"));
        assertCompleteReports();
    }

    @Test
    void aCheckThatAllocatesWithoutBoundIsStoppedAndTheScanFinishes() throws Exception {
        Path plugins = work.resolve("plugins");
        CheckPluginJar.write(plugins, "hog", "zz_hog", VAULTS, """
                java.util.List<long[]> kept = new java.util.ArrayList<>();
                while (kept.size() >= 0) {
                    kept.add(new long[1 << 16]);
                }
                return Verdict.pass("unreachable", Evidence.none());""");
        Outcome outcome = scan(Map.of("JAVA_OPTS", "-Xmx128m"), "--input", AppProcess.examples().toString(),
                "--plugins-dir", plugins.toString(), "--fail-on", "none");

        assertThat(outcome.exitCode()).as(outcome.stderr()).isEqualTo(3);
        assertNoStackTrace(outcome);
        List<String> hog = Files.readAllLines(work.resolve("out/lensix.csv")).stream()
                .filter(row -> row.startsWith("zz_hog,")).toList();
        assertThat(hog.get(0)).startsWith("zz_hog,ERROR,").contains("ran out of memory on this resource and was stopped");
        assertThat(hog.subList(1, hog.size())).allMatch(row -> row.contains("not evaluated: check zz_hog was stopped after it ran out of memory"));
        assertCompleteReports();
    }

    @Test
    void runningOutOfMemoryInLensixItselfIsOneLineAndExitCodeFour() throws Exception {
        Path input = work.resolve("many-vaults.json");
        try (BufferedWriter out = Files.newBufferedWriter(input)) {
            out.write("[");
            for (int i = 0; i < 200_000; i++) {
                out.write((i == 0 ? "" : ",\n") + "{\"id\": \"" + RG + VAULTS + "/v" + i + "\", \"type\": \"" + VAULTS
                        + "\", \"properties\": {\"encryption\": {\"keyVaultProperties\": {\"keyUri\": \"https://kv.vault.azure.net/keys/k" + i + "\"}}}}");
            }
            out.write("]");
        }
        Outcome outcome = scan(Map.of("JAVA_OPTS", "-Xmx40m"), "--input", input.toString());
        assertThat(outcome.exitCode()).as(outcome.stderr()).isEqualTo(4);
        assertThat(outcome.stderr().lines().toList()).singleElement().asString()
                .startsWith("lensix: internal error: java.lang.OutOfMemoryError").contains("JAVA_OPTS=-Xmx");
        assertNoStackTrace(outcome);
        assertThat(work.resolve("out")).doesNotExist();
    }

    // ---- secrets ----

    private static final String CANARY_INPUT = "lensixCanaryInput9f3b1c";
    private static final String CANARY_ENV = "lensixCanaryEnv52ad07";
    private static final String CANARY_OPTION = "lensixCanaryOption6e81fa";
    private static final String CANARY_REPORTED = "lensixcanaryreported0c4d";

    /**
     * Canaries in the input (a VM's admin password, a vault setting no check reads, a tag), in the environment (the
     * variables Azure credentials come from) and in options never appear in stdout, stderr or a report; the one in a
     * value a check reads and reports as evidence does, which shows the search would find them.
     */
    @Test
    void secretsInInputEnvironmentAndOptionsNeverReachOutputOrReports() throws Exception {
        Path input = Files.writeString(work.resolve("tenant.json"), """
                [{"id": "%1$sMicrosoft.Compute/virtualMachines/vm1", "type": "Microsoft.Compute/virtualMachines",
                  "properties": {"osProfile": {"adminUsername": "azureuser", "adminPassword": "%2$s"}}},
                 {"id": "%1$s%3$s/rsv1", "type": "%3$s", "name": "rsv1", "tags": {"deployToken": "%2$s"},
                  "properties": {"connectionString": "AccountKey=%2$s",
                                 "encryption": {"keyVaultProperties": {"keyUri": "https://%4$s.vault.azure.net/keys/cmk"}}}},
                 {"id": "%1$s%3$s/rsv2", "type": "%3$s", "name": "rsv2", "properties": {"secret": "%2$s"}}]
                """.formatted(RG, CANARY_INPUT, VAULTS, CANARY_REPORTED));
        Path optionDir = Files.createDirectories(work.resolve("plugins-" + CANARY_OPTION));
        Map<String, String> environment = Map.of("AZURE_CLIENT_SECRET", CANARY_ENV, "AZURE_CLIENT_ID", CANARY_ENV,
                "AZURE_TENANT_ID", CANARY_ENV, "AZURE_CLIENT_CERTIFICATE_PASSWORD", CANARY_ENV, "ARM_CLIENT_SECRET", CANARY_ENV);

        Outcome outcome = scan(environment, "--input", input.toString(), "--plugins-dir", optionDir.toString(),
                "--fail-on", "none");
        assertThat(outcome.exitCode()).as(outcome.stderr()).isIn(0, 3);
        String everything = outcome.stdout() + outcome.stderr() + reports();
        assertThat(everything).doesNotContain(CANARY_INPUT, CANARY_ENV, CANARY_OPTION);
        assertThat(reports()).as("evidence a check reported").contains(CANARY_REPORTED);

        // --debug logs what pf4j and the libraries do: still nothing from the input or the environment
        Outcome debug = scan(environment, "--input", input.toString(), "--fail-on", "none", "--debug");
        assertThat(debug.stdout() + debug.stderr() + reports()).doesNotContain(CANARY_INPUT, CANARY_ENV);

        // errors quote no input text, and options that carry credentials are not echoed
        Path broken = Files.writeString(work.resolve("broken.json"), "[{\"id\": \"x\", \"type\": \"t\", \"token\": " + CANARY_INPUT + "}]");
        Outcome error = scan(environment, "--input", broken.toString());
        assertThat(error.exitCode()).isEqualTo(2);
        Outcome misuse = scan(environment, "--input", input.toString(), "--arm-endpoint", "https://user:" + CANARY_OPTION + "@arm.example");
        assertThat(misuse.exitCode()).isEqualTo(2);
        assertThat(error.stderr() + misuse.stderr() + error.stdout() + misuse.stdout())
                .doesNotContain(CANARY_INPUT, CANARY_ENV, CANARY_OPTION);
    }

    private String reports() throws IOException {
        StringBuilder text = new StringBuilder();
        Path out = work.resolve("out");
        if (Files.isDirectory(out)) {
            try (Stream<Path> files = Files.list(out)) {
                for (Path file : files.toList()) {
                    text.append(Files.readString(file));
                }
            }
        }
        return text.toString();
    }
}
