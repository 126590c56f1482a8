package dev.lensix.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lensix.cli.AppProcess.Outcome;
import dev.lensix.input.azure.emulator.ArmEmulator;
import dev.lensix.input.azure.emulator.EmulatedTenant;
import dev.lensix.input.azure.emulator.EmulatorAccess;
import dev.lensix.input.azure.emulator.LoopbackCertificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live scanning through the real command line, against the loopback ARM emulator: {@code lensix scan} and
 * {@code lensix collect} in process with the shipped plug-ins (only the credential and the trust differ from
 * production), and {@code bin/lensix} as a process signing in through a stand-in {@code az}.
 */
class LiveScanIT {

    private static final String CANARY = "canary-token-7f3d9a1e-never-print-me";

    private static EmulatedTenant tenant;

    @TempDir
    Path work;

    @BeforeAll
    static void buildTenant() {
        tenant = EmulatedTenant.generated(3, 6, 5, 3, true);
        String first = tenant.subscriptions().get(0);
        // the Key Vault, key and identity grant the Recovery Services example body names for its customer-managed key
        ObjectNode cmkVault = tenant.keyVault(first, "rg-cmk", "cmk2xkv", EmulatedTenant.KV_NETWORK_ACLS);
        tenant.key(cmkVault, "Key1", true);
        tenant.diagnosticSetting(cmkVault, "audit", EmulatedTenant.DIAG_ALL_LOGS);
        tenant.roleAssignment(cmkVault.get("id").asText(), "6a0c2b7e-0000-4000-8000-000000000001",
                "075a0ca6-43f6-4434-9abf-c9b1b79f9219", "e147488a-f6f5-4113-8e2d-b22465e65bf6");
        for (String subscription : tenant.subscriptions()) {
            tenant.roleDefinition(subscription, "e147488a-f6f5-4113-8e2d-b22465e65bf6",
                    "Key Vault Crypto Service Encryption User", "Microsoft.KeyVault/vaults/keys/read",
                    "Microsoft.KeyVault/vaults/keys/wrap/action", "Microsoft.KeyVault/vaults/keys/unwrap/action");
        }
    }

    private record Run(int exitCode, String stdout, String stderr, String csv) {
    }

    /** {@code lensix ARGS} in process, with the app's plug-ins, writing CSV into a fresh folder. */
    private Run lensix(String name, String... args) throws IOException {
        Path out = Files.createDirectories(work.resolve(name));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--plugins-dir", AppProcess.app().resolve("plugins").toString()));
        if (args[0].equals("scan")) {
            all.addAll(List.of("--format", "csv", "--output-dir", out.toString(), "--fail-on", "none"));
        }
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = LensixCli.execute(all.toArray(String[]::new), new PrintWriter(stdout, true), new PrintWriter(stderr, true));
        Path csv = out.resolve("lensix.csv");
        return new Run(code, stdout.toString(), stderr.toString(), Files.exists(csv) ? Files.readString(csv) : "");
    }

    /** The CSV rows only one of two reports has, shortened, for a readable failure. */
    private static List<String> difference(String actual, String expected) {
        List<String> left = records(actual);
        List<String> right = records(expected);
        List<String> different = new ArrayList<>();
        left.stream().filter(row -> !right.contains(row)).forEach(row -> different.add("+ " + shorten(row)));
        right.stream().filter(row -> !left.contains(row)).forEach(row -> different.add("- " + shorten(row)));
        return different;
    }

    /** CSV records, each whole even when a quoted cell holds line breaks. */
    private static List<String> records(String csv) {
        List<String> records = new ArrayList<>();
        StringBuilder record = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (!quoted && (c == '\n' || c == '\r')) {
                if (record.length() > 0) {
                    records.add(record.toString());
                    record.setLength(0);
                }
                continue;
            }
            record.append(c);
        }
        if (record.length() > 0) {
            records.add(record.toString());
        }
        return records;
    }

    private static String shorten(String row) {
        int remediation = row.indexOf(",\"");
        String cut = row.length() > 400 ? row.substring(0, 400) + "..." : row;
        return remediation > 0 && remediation < 400 ? row.substring(0, Math.min(row.length(), remediation + 80)) : cut;
    }

    private Run liveScan(ArmEmulator emulator, String name, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("scan", "--arm-endpoint", emulator.endpoint().toString()));
        args.addAll(List.of(extra));
        try (AutoCloseable access = EmulatorAccess.install(new EmulatorAccess.FixedToken(emulator.token()))) {
            return lensix(name, args.toArray(String[]::new));
        }
    }

    @Test
    void aLiveScanGivesTheResultsOfAScanOfTheSameDataAsASnapshot() throws Exception {
        Run snapshot = lensix("snapshot", "scan", "--input", tenant.writeExport(work.resolve("export.json")).toString());
        assertThat(snapshot.stderr()).isEmpty();
        try (ArmEmulator emulator = ArmEmulator.builder(tenant).token(CANARY).pageSize(4).start()) {
            Run live = liveScan(emulator, "live");
            assertThat(live.stderr()).isEmpty();
            assertThat(difference(live.csv(), snapshot.csv())).isEmpty();
            assertThat(live.csv()).isEqualTo(snapshot.csv());
            assertThat(live.exitCode()).isEqualTo(snapshot.exitCode());
            assertThat(live.csv().lines().count()).isGreaterThan(50);
            assertThat(live.csv()).contains("rsv_nobyok,FAIL", "rsv_nobyok,PASS", "kv_");
            assertThat(emulator.badTokens()).isZero();
            assertThat(live.stdout() + live.stderr() + live.csv()).doesNotContain(CANARY);
        }
    }

    @Test
    void injectedServerErrorsThrottlingAndResetsChangeNoResult() throws Exception {
        Run clean;
        try (ArmEmulator emulator = ArmEmulator.builder(tenant).pageSize(4).start()) {
            clean = liveScan(emulator, "clean");
        }
        try (ArmEmulator emulator = ArmEmulator.builder(tenant).pageSize(4).faults(0.10, 0.05, 0.0).seed(11).start()) {
            Run faulty = liveScan(emulator, "faulty");
            assertThat(emulator.serverErrors()).isPositive();
            assertThat(emulator.throttled()).isPositive();
            assertThat(difference(faulty.csv(), clean.csv())).isEmpty();
            assertThat(faulty.csv()).isEqualTo(clean.csv());
            assertThat(faulty.exitCode()).isEqualTo(clean.exitCode());
            assertThat(faulty.stderr()).isEmpty();
        }
    }

    @Test
    void aSubscriptionThatAnswers403GivesErrorResultsAndExitCode3() throws Exception {
        String denied = tenant.subscriptions().get(2);
        try (ArmEmulator emulator = ArmEmulator.builder(tenant).forbidden(denied).start()) {
            Run live = liveScan(emulator, "denied");
            assertThat(live.exitCode()).isEqualTo(3);
            List<String> deniedRows = live.csv().lines().filter(row -> row.contains(",/subscriptions/" + denied + ","))
                    .toList();
            assertThat(deniedRows).isNotEmpty()
                    .allMatch(row -> row.contains(",ERROR,") && row.contains("Microsoft.Resources/subscriptions")
                            && row.contains("AuthorizationFailed"));
            assertThat(deniedRows.stream().map(row -> row.substring(0, row.indexOf(','))).distinct())
                    .contains("rsv_nobyok", "kv_key_norotation");
            assertThat(live.csv()).doesNotContain("/subscriptions/" + denied + "/resourceGroups");
            assertThat(live.stdout()).contains("ERROR");
        }
    }

    @Test
    void collectThenScanOfTheFileGivesTheLiveResults() throws Exception {
        String denied = tenant.subscriptions().get(1);
        try (ArmEmulator emulator = ArmEmulator.builder(tenant).forbidden(denied).listOmitsRotationPolicy(true).start()) {
            Run live = liveScan(emulator, "live");
            Path file = work.resolve("collected/tenant.json");
            Run collect;
            try (AutoCloseable access = EmulatorAccess.install(new EmulatorAccess.FixedToken(emulator.token()))) {
                collect = lensix("collect", "collect", "--arm-endpoint", emulator.endpoint().toString(),
                        "--output", file.toString());
            }
            assertThat(collect.exitCode()).as(collect.stderr()).isEqualTo(3);
            assertThat(collect.stdout()).startsWith("Collected ").containsPattern("collections, [1-9]\\d* not collected");
            assertThat(collect.stderr()).contains("lensix: warning: not collected: Microsoft.KeyVault/vaults at /subscriptions/"
                    + denied + ": HTTP 403 (AuthorizationFailed)");
            assertThat(Files.readString(file)).startsWith("{\n  \"lensix\" : {").contains("\"format\" : \"lensix-snapshot\"");

            Run offline = lensix("offline", "scan", "--input", file.toString());
            assertThat(difference(offline.csv(), live.csv())).isEmpty();
            assertThat(offline.csv()).isEqualTo(live.csv());
            assertThat(offline.exitCode()).isEqualTo(live.exitCode()).isEqualTo(3);
        }
    }

    @Test
    void liveOptionsWithInputAndBadLiveOptionsAreUsageErrors() throws Exception {
        Path export = tenant.writeExport(work.resolve("export.json"));
        Run both = lensix("both", "scan", "--input", export.toString(), "--subscription", tenant.subscriptions().get(0));
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.stderr()).startsWith("lensix: --subscription, --tenant, --auth, --cloud, --arm-endpoint,"
                + " --concurrency are for live scans: give them without --input");
        Run http = lensix("http", "scan", "--arm-endpoint", "http://127.0.0.1:1/");
        assertThat(http.exitCode()).isEqualTo(2);
        assertThat(http.stderr()).contains("must be an https:// URL");
        Run auth = lensix("auth", "scan", "--auth", "password");
        assertThat(auth.exitCode()).isEqualTo(2);
        assertThat(auth.stderr()).isEqualTo("lensix: --auth 'password' is not one of default, cli, env, managed-identity,"
                + " workload-identity" + System.lineSeparator());
        Run cloud = lensix("cloud", "collect", "--output", work.resolve("x.json").toString(), "--cloud", "Mars");
        assertThat(cloud.exitCode()).isEqualTo(2);
        assertThat(cloud.stderr()).contains("--cloud 'Mars' is not one of AzureCloud, AzureChinaCloud, AzureUSGovernment");
        // no federated token file here: a clear line and exit code 2, never a stack trace
        Run workload = lensix("workload", "scan", "--auth", "workload-identity", "--arm-endpoint", "https://127.0.0.1:9/");
        assertThat(workload.exitCode()).isEqualTo(2);
        assertThat(workload.stderr()).startsWith("lensix: cannot ").contains("--auth workload-identity")
                .doesNotContain("\tat ");
        assertThat(workload.stderr().lines()).hasSize(1);
    }

    @Test
    void aProgressLineIsDrawnOnATerminalAndClearedAtTheEndButNotWithQuiet() throws Exception {
        String before = System.getProperty(LiveAzure.STDERR_TTY);
        System.setProperty(LiveAzure.STDERR_TTY, "true");
        try (ArmEmulator emulator = ArmEmulator.builder(tenant).latency(java.time.Duration.ofMillis(150)).start()) {
            Run shown = liveScan(emulator, "progress", "--subscription", tenant.subscriptions().get(0));
            assertThat(shown.stderr()).startsWith("\rlensix: collecting: ").contains(" subscriptions, ", " resources, ",
                    " requests, ", " throttled, ", " errors");
            assertThat(shown.stderr()).endsWith("\r").doesNotContain("\n");
            Run quiet = liveScan(emulator, "quiet", "--subscription", tenant.subscriptions().get(0), "--quiet");
            assertThat(quiet.stderr()).isEmpty();
        } finally {
            if (before == null) {
                System.clearProperty(LiveAzure.STDERR_TTY);
            } else {
                System.setProperty(LiveAzure.STDERR_TTY, before);
            }
        }
    }

    /**
     * The shipped launcher as a user runs it: {@code --auth cli} through a stand-in {@code az} that prints a
     * canary token, the emulator's certificate trusted through {@code JAVA_OPTS}, and {@code --debug}: the
     * request lines are logged, the token never is.
     */
    @Test
    void theLauncherSignsInThroughTheCliAndNeverPrintsTheTokenEvenWithDebug() throws Exception {
        Path bin = Files.createDirectories(work.resolve("fake-bin"));
        Path az = bin.resolve("az");
        Files.writeString(az, "#!/bin/sh\n"
                + "echo '{\"accessToken\": \"" + CANARY + "\", \"expiresOn\": \"2099-01-01 00:00:00.000000\","
                + " \"expires_on\": 4070908800, \"subscription\": \"x\", \"tenant\": \"y\", \"tokenType\": \"Bearer\"}'\n");
        Files.setPosixFilePermissions(az, PosixFilePermissions.fromString("rwxr-xr-x"));
        LoopbackCertificate certificate = LoopbackCertificate.get();
        String javaOpts = "-Djavax.net.ssl.trustStore=" + certificate.trustStore()
                + " -Djavax.net.ssl.trustStorePassword=" + certificate.trustStorePassword()
                + " -Djavax.net.ssl.trustStoreType=PKCS12";
        try (ArmEmulator emulator = ArmEmulator.builder(tenant).token(CANARY).start()) {
            Outcome outcome = AppProcess.run(work, Map.of("PATH", bin + ":" + System.getenv("PATH"), "JAVA_OPTS", javaOpts),
                    "scan", "--auth", "cli", "--arm-endpoint", emulator.endpoint().toString(),
                    "--subscription", tenant.subscriptions().get(0), "--debug", "--format", "csv", "--fail-on", "none");
            assertThat(outcome.exitCode()).as(outcome.stderr()).isIn(0, 3);
            assertThat(emulator.badTokens()).isZero();
            assertThat(emulator.requests()).isGreaterThan(10);
            assertThat(outcome.stderr()).contains("Authorization: REDACTED").contains("api-version=");
            String csv = Files.readString(work.resolve("lensix.csv"));
            assertThat(csv).contains("rsv_nobyok,");
            assertThat(outcome.stdout()).doesNotContain(CANARY);
            assertThat(outcome.stderr()).doesNotContain(CANARY);
            assertThat(csv).doesNotContain(CANARY);
        }
    }
}
