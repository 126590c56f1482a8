package dev.lensix.cli;

import dev.lensix.cli.AppProcess.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Key Vault plug-in and the customer-managed-key checks of the Recovery Services plug-in, as a user meets them:
 * the assembled {@code bin/lensix} lists them and scans the example tenant into CSV.
 */
class KeyVaultChecksIT {

    private static final List<String[]> CHECKS = List.of(
            new String[] {"kv_nosoftdelete", "medium", "key-vault", "Microsoft.KeyVault/vaults"},
            new String[] {"kv_nopurgeprotect", "medium", "key-vault", "Microsoft.KeyVault/vaults"},
            new String[] {"kv_nologging", "medium", "key-vault", "Microsoft.KeyVault/vaults"},
            new String[] {"kv_key_norotation", "medium", "key-vault", "Microsoft.KeyVault/vaults/keys"},
            new String[] {"rsv_nobyok", "high", "recovery-services", "Microsoft.RecoveryServices/vaults"},
            new String[] {"rsv_cmk_unusable", "critical", "recovery-services", "Microsoft.RecoveryServices/vaults"},
            new String[] {"rsv_cmk_noaccess", "high", "recovery-services", "Microsoft.RecoveryServices/vaults"},
            new String[] {"rsv_cmk_pinned", "low", "recovery-services", "Microsoft.RecoveryServices/vaults"});

    @TempDir
    Path work;

    private Outcome lensix(String... args) throws IOException, InterruptedException {
        return AppProcess.run(work, Map.of(), args);
    }

    @Test
    void checksListShowsAllEightChecksWithTheirPlugin() throws Exception {
        Outcome outcome = lensix("checks", "list");

        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        List<String> lines = outcome.stdout().lines().toList();
        for (String[] check : CHECKS) {
            assertThat(lines).as("checks list line of %s", check[0])
                    .filteredOn(line -> line.startsWith(check[0] + " "))
                    .singleElement().asString()
                    .containsPattern("^" + check[0] + "\\s+" + check[1] + "\\s+" + check[2] + "\\s+" + check[3].replace("/", "\\/") + "\\s+\\S");
        }
    }

    @Test
    void pluginsListShowsTheKeyVaultPluginStarted() throws Exception {
        Outcome outcome = lensix("plugins", "list");

        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        assertThat(outcome.stdout()).containsPattern("key-vault\\s+0\\.1\\.0\\S*\\s+started");
    }

    @Test
    void scanningTheExampleTenantGivesTheDocumentedVerdictsInTheCsv() throws Exception {
        Outcome outcome = lensix("scan", "--input", AppProcess.examples().toString(), "--format", "csv");

        assertThat(outcome.exitCode()).as(outcome.stdout() + outcome.stderr()).isEqualTo(1);
        List<List<String>> rows = CsvReport.rows(work.resolve("lensix.csv"));

        // soft delete: explicitly off fails, absent is the platform default
        assertRow(rows, "kv_nosoftdelete", "kv-kf-legacy-uks", "FAIL", "medium").contains("enableSoftDelete false");
        assertRow(rows, "kv_nosoftdelete", "kv-kf-apps-uks", "PASS", "medium").contains("absent: the platform default");
        // purge protection: high where a Recovery Services vault's key lives
        assertRow(rows, "kv_nopurgeprotect", "kv-kf-dev-weu", "FAIL", "high").contains("Recovery Services vault rsv-kf-dev-weu");
        assertRow(rows, "kv_nopurgeprotect", "kv-kf-apps-uks", "FAIL", "medium");
        assertRow(rows, "kv_nopurgeprotect", "kv-kf-backup-weu", "PASS", "high");
        // audit logging: an empty workspaceId is no destination; categoryGroup audit counts
        assertRow(rows, "kv_nologging", "kv-kf-dev-weu", "FAIL", "medium").contains("workspaceId empty");
        assertRow(rows, "kv_nologging", "kv-kf-apps-uks", "FAIL", "medium").contains("no diagnostic setting");
        assertRow(rows, "kv_nologging", "kv-kf-legacy-uks", "PASS", "medium").contains("categoryGroup audit");
        // key rotation: notify-only and no policy fail
        assertRow(rows, "kv_key_norotation", "rsv-backup-cmk", "PASS", "medium");
        assertRow(rows, "kv_key_norotation", "legacy-backup-cmk", "FAIL", "medium").contains("notify");
        assertRow(rows, "kv_key_norotation", "rsv-dev-cmk", "FAIL", "medium").contains("no rotation policy");
        // the key a vault depends on
        assertRow(rows, "rsv_cmk_unusable", "rsv-kf-prod-weu", "PASS", "critical");
        assertRow(rows, "rsv_cmk_unusable", "rsv-kf-archive-weu", "FAIL", "critical").contains("the key is disabled", "expired");
        assertRow(rows, "rsv_cmk_unusable", "rsv-kf-dev-weu", "FAIL", "critical").contains("no purge protection");
        assertRow(rows, "rsv_cmk_unusable", "rsv-kf-qa-uks", "ERROR", "critical").contains("key vault outside the scanned scope");
        assertRow(rows, "rsv_cmk_noaccess", "rsv-kf-dr-neu", "PASS", "high").contains("Key Vault Crypto Service Encryption User");
        assertRow(rows, "rsv_cmk_noaccess", "rsv-kf-archive-weu", "FAIL", "high").contains("no access policy");
        assertRow(rows, "rsv_cmk_noaccess", "rsv-kf-qa-uks", "ERROR", "high");
        assertRow(rows, "rsv_cmk_pinned", "rsv-kf-dr-neu", "FAIL", "low").contains("pinned to version");
        assertRow(rows, "rsv_cmk_pinned", "rsv-kf-prod-weu", "PASS", "low");
        // vaults without a customer-managed key get no result from the rsv_cmk_* checks
        assertThat(rows).noneMatch(row -> row.get(0).startsWith("rsv_cmk_") && row.get(5).equals("rsv-kf-sap-weu"));
        assertThat(rows).filteredOn(row -> row.get(0).startsWith("rsv_cmk_")).hasSize(15);
    }

    @Test
    void aCheckRunAloneStillGetsTheRelatedResourcesItDeclares() throws Exception {
        Outcome purge = lensix("scan", "--input", AppProcess.examples().toString(), "--checks", "kv_nopurgeprotect");
        assertThat(purge.exitCode()).as(purge.stdout() + purge.stderr()).isEqualTo(1);
        assertRow(CsvReport.rows(work.resolve("lensix.csv")), "kv_nopurgeprotect", "kv-kf-dev-weu", "FAIL", "high");

        Outcome access = lensix("scan", "--input", AppProcess.examples().toString(), "--checks", "rsv_cmk_noaccess",
                "--fail-on", "none");
        assertThat(access.exitCode()).as("the QA vault's key vault is outside the snapshot: incomplete").isEqualTo(3);
        assertRow(CsvReport.rows(work.resolve("lensix.csv")), "rsv_cmk_noaccess", "rsv-kf-dr-neu", "PASS", "high");
    }

    private static org.assertj.core.api.AbstractStringAssert<?> assertRow(List<List<String>> rows, String check,
                                                                          String resourceName, String status, String severity) {
        Optional<List<String>> row = rows.stream()
                .filter(cells -> cells.get(0).equals(check) && cells.get(5).equals(resourceName))
                .findFirst();
        assertThat(row).as("a %s row for %s", check, resourceName).isPresent();
        assertThat(row.get().subList(1, 3)).as("%s on %s: %s", check, resourceName, row.get().get(9))
                .containsExactly(status, severity);
        return assertThat(row.get().get(9));
    }
}
