package dev.lensix.cli;

import dev.lensix.cli.AppProcess.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Azure Policy rules run as checks by the assembled {@code bin/lensix}: listed with their source, scanned into the
 * CSV like any check, and refused with exit code 2 and one line when a rule uses something lensix does not run.
 */
class PolicyRulesIT {

    /** Microsoft's built-in 2e94d99a, kept in the engine's rule corpus (see SOURCES.txt there). */
    static final Path RSV_CMK_BUILTIN = Path.of(System.getProperty("lensix.policy.corpus",
            "../policy/src/test/resources/dev/lensix/policy/corpus")).resolve("rsv-cmk-builtin/definition.json");
    static final String RULE_FILE = "AzBackupRSVault_CMKEnabled_Audit.json";
    static final String RULE_ID = "policy_2e94d99a_8a36_4563_bc77_810d8893b671";

    @TempDir
    Path work;

    Path rules;

    @BeforeEach
    void rulesFolder() throws IOException {
        rules = Files.createDirectory(work.resolve("rules"));
        Files.copy(RSV_CMK_BUILTIN.toAbsolutePath(), rules.resolve(RULE_FILE));
    }

    private Outcome lensix(String... args) throws IOException, InterruptedException {
        return AppProcess.run(work, Map.of(), args);
    }

    @Test
    void checksListShowsTheRuleCheckWithItsSource() throws Exception {
        Files.writeString(rules.resolve("off.json"), """
                {"lensix": {"id": "rsv_cmk_off", "parameters": {"effect": "Disabled"}},
                 "properties": {"displayName": "Switched off", "parameters": {"effect": {"type": "String", "defaultValue": "Audit"}},
                  "policyRule": {"if": {"field": "type", "equals": "Microsoft.RecoveryServices/vaults"},
                                 "then": {"effect": "[parameters('effect')]"}}}}""");

        Outcome outcome = lensix("checks", "list", "--rules-dir", rules.toString());

        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        List<String> lines = outcome.stdout().lines().toList();
        assertThat(lines).filteredOn(line -> line.startsWith(RULE_ID + " ")).singleElement().asString()
                .containsPattern("^" + RULE_ID + "\\s+medium\\s+rules:" + RULE_FILE + "\\s+Microsoft\\.RecoveryServices/vaults\\s+"
                        + "\\[Preview\\]: Azure Recovery Services vaults should use customer-managed keys");
        assertThat(lines).filteredOn(line -> line.startsWith("rsv_cmk_off ")).singleElement().asString()
                .contains("rules:off.json", "(disabled: effect Disabled, not run) Switched off");
        assertThat(lines).anyMatch(line -> line.startsWith("rsv_nobyok "));
    }

    @Test
    void aBareRuleSavedAsTheDocsPrintItIsListedAndRunUnderItsFileName() throws Exception {
        Files.writeString(rules.resolve("vault-without-cmk.json"), """
                {"if": {"allOf": [{"field": "type", "equals": "Microsoft.RecoveryServices/vaults"},
                                  {"field": "Microsoft.RecoveryServices/vaults/encryption.keyVaultProperties.keyUri", "exists": "false"}]},
                 "then": {"effect": "audit"}}""");

        Outcome list = lensix("checks", "list", "--rules-dir", rules.toString());
        assertThat(list.exitCode()).as(list.stderr()).isZero();
        assertThat(list.stdout().lines()).filteredOn(line -> line.startsWith("vault_without_cmk ")).singleElement().asString()
                .containsPattern("^vault_without_cmk\\s+medium\\s+rules:vault-without-cmk\\.json\\s+"
                        + "Microsoft\\.RecoveryServices/vaults\\s+vault-without-cmk$");

        Path vaults = Files.writeString(work.resolve("vaults.json"), """
                [{"id": "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/mmk",
                  "type": "Microsoft.RecoveryServices/vaults", "name": "mmk", "properties": {"provisioningState": "Succeeded"}},
                 {"id": "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/listed",
                  "type": "Microsoft.RecoveryServices/vaults", "name": "listed", "properties": null}]""");
        Outcome scan = lensix("scan", "--input", vaults.toString(), "--rules-dir", rules.toString(),
                "--checks", "vault_without_cmk", "--format", "csv", "--output-dir", work.resolve("out").toString());
        assertThat(scan.exitCode()).as(scan.stderr()).isEqualTo(1);
        List<List<String>> rows = CsvReport.rows(work.resolve("out/lensix.csv"));
        assertThat(rows).filteredOn(row -> row.get(3).endsWith("/vaults/mmk")).singleElement()
                .satisfies(row -> assertThat(row.subList(0, 3)).containsExactly("vault_without_cmk", "FAIL", "medium"));
        assertThat(rows).filteredOn(row -> row.get(3).endsWith("/vaults/listed")).singleElement().satisfies(row -> {
            assertThat(row.subList(0, 3)).containsExactly("vault_without_cmk", "ERROR", "medium");
            assertThat(row.get(CsvReport.HEADER.indexOf("message"))).contains("not in this export");
        });
    }

    @Test
    void theBuiltInRuleGivesTheVerdictsOfRsvNoByokFromVaultPropertiesAlone() throws Exception {
        // rsv_nobyok reads the backup encryption configs when they were collected; without that file it decides
        // from the vault's properties alone, which is what the policy rule reads
        List<String> args = new ArrayList<>(List.of("scan", "--rules-dir", rules.toString(), "--format", "csv",
                "--checks", "rsv_nobyok," + RULE_ID));
        try (Stream<Path> files = Files.list(AppProcess.examples())) {
            files.filter(file -> file.getFileName().toString().endsWith(".json"))
                    .filter(file -> !file.getFileName().toString().equals("backup-encryption-configs.json"))
                    .sorted()
                    .forEach(file -> args.addAll(List.of("--input", file.toString())));
        }

        Outcome outcome = lensix(args.toArray(String[]::new));

        assertThat(outcome.exitCode()).as(outcome.stdout() + outcome.stderr()).isEqualTo(1);
        List<List<String>> rows = CsvReport.rows(work.resolve("lensix.csv"));
        Map<String, String> rule = verdicts(rows, RULE_ID);
        Map<String, String> java = verdicts(rows, "rsv_nobyok");
        assertThat(rule).isEqualTo(java).containsValues("PASS", "FAIL").containsAllEntriesOf(Map.of(
                "rsv-kf-prod-weu", "PASS", "rsv-kf-dr-neu", "PASS", "rsv-kf-sap-weu", "FAIL",
                "rsv-kf-dev-weu", "PASS", "rsv-kf-test-uks", "FAIL"));

        List<String> failing = rows.stream().filter(row -> row.get(0).equals(RULE_ID) && row.get(5).equals("rsv-kf-sap-weu"))
                .findFirst().orElseThrow();
        assertThat(failing.get(2)).isEqualTo("medium");
        assertThat(failing.get(4)).isEqualTo("Microsoft.RecoveryServices/vaults");
        assertThat(failing.get(9)).contains("does not comply with Azure Policy rule", "(effect Audit)");
        // one line in the CSV; the whole remediation, with the built-in's id, is in 'lensix checks show'
        assertThat(failing.get(10)).doesNotContain("\n").hasSizeLessThanOrEqualTo(200);
        assertThat(failing.get(CsvReport.HEADER.indexOf("remediation_url"))).contains("PolicyDetailBlade");
        Outcome show = lensix("checks", "show", RULE_ID, "--rules-dir", rules.toString());
        assertThat(show.stdout()).contains("Azure Policy built-in: 2e94d99a-8a36-4563-bc77-810d8893b671");
        assertThat(failing.get(11)).contains("properties.encryption.keyVaultProperties.keyUri = (absent)");
        // the rule's display name is the check's title, said once per check
        assertThat(show.stdout()).contains("[Preview]: Azure Recovery Services vaults should use customer-managed keys");
    }

    @Test
    void aRuleWithAnUnsupportedConstructIsExitCodeTwoAndOneLineNamingTheFileAndTheConstruct() throws Exception {
        Path bad = Files.writeString(rules.resolve("expiring.json"), """
                {"properties": {"displayName": "Keys near expiry",
                  "policyRule": {"if": {"allOf": [
                      {"field": "type", "equals": "Microsoft.KeyVault/vaults/keys"},
                      {"field": "Microsoft.KeyVault/vaults/keys/attributes.expiresOn", "less": "[addDays(utcNow(), 30)]"}]},
                    "then": {"effect": "audit"}}}}""");

        Outcome scan = lensix("scan", "--input", AppProcess.examples().toString(), "--rules-dir", rules.toString());
        assertThat(scan.exitCode()).isEqualTo(2);
        assertThat(scan.stderr().lines().filter(line -> !line.startsWith("lensix: warning:")).toList()).singleElement().asString()
                .startsWith("lensix: " + bad + ": properties.policyRule.if.allOf[1].less: template function 'addDays' is not supported");
        assertThat(scan.stderr()).doesNotContain("Exception", "\tat ");
        assertThat(work.resolve("lensix.csv")).doesNotExist();

        Outcome list = lensix("checks", "list", "--rules-dir", rules.toString());
        assertThat(list.exitCode()).isEqualTo(2);
        assertThat(list.stderr()).contains("lensix: " + bad + ": ");
    }

    @Test
    void aMissingRulesFolderIsAUsageError() throws Exception {
        Outcome outcome = lensix("scan", "--input", AppProcess.examples().toString(), "--rules-dir", work.resolve("nope").toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr()).endsWith("lensix: --rules-dir " + work.resolve("nope") + ": no such folder\n");
    }

    private static Map<String, String> verdicts(List<List<String>> rows, String checkId) {
        Map<String, String> verdicts = new TreeMap<>();
        rows.stream().filter(row -> row.get(0).equals(checkId)).forEach(row -> verdicts.put(row.get(5), row.get(1)));
        return verdicts;
    }
}
