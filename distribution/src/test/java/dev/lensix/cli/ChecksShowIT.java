package dev.lensix.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lensix.cli.AppProcess.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lensix checks show ID}: one check whole, as text or JSON, for a plug-in's check and a rule file's. */
class ChecksShowIT {

    @TempDir
    Path work;

    @Test
    void aCheckIsShownWholeWithItsFullRemediation() throws Exception {
        Outcome text = AppProcess.run(work, Map.of(), "checks", "show", "rsv_nobyok");
        assertThat(text.exitCode()).as(text.stderr()).isZero();
        assertThat(text.stdout()).startsWith("rsv_nobyok: Recovery Services vault")
                .contains("severity high, service recovery-services, plug-in recovery-services, evaluates Microsoft.RecoveryServices/vaults",
                        "Why it matters: ", "How to fix: ", "Azure CLI:\naz keyvault create", "az backup vault encryption update", "Terraform:",
                        "References:\n  https://learn.microsoft.com/", "Compliance: ");

        Outcome json = AppProcess.run(work, Map.of(), "checks", "show", "rsv_nobyok", "--format", "json");
        assertThat(json.exitCode()).as(json.stderr()).isZero();
        JsonNode check = new ObjectMapper().readTree(json.stdout());
        assertThat(check.path("id").asText()).isEqualTo("rsv_nobyok");
        assertThat(check.path("severity").asText()).isEqualTo("high");
        assertThat(check.path("remediation").path("azureCli").asText()).startsWith("az keyvault create").contains("az backup vault encryption update");
        assertThat(check.path("remediation").path("terraform").asText()).contains("encryption {");
        assertThat(check.path("references")).isNotEmpty();
        assertThat(check.path("remediation").path("line").asText()).as("the CSV's one line")
                .startsWith("Encrypt the vault's backups with an RSA key").hasSizeLessThanOrEqualTo(200).doesNotContain("\n");
        assertThat(text.stdout()).contains(check.path("remediation").path("summary").asText().lines().findFirst().orElseThrow());
    }

    @Test
    void aRuleFileCheckIsShownAndAnUnknownIdIsExitTwo() throws Exception {
        Path rules = Files.createDirectory(work.resolve("rules"));
        Files.writeString(rules.resolve("vault-without-cmk.json"), """
                {"if": {"allOf": [{"field": "type", "equals": "Microsoft.RecoveryServices/vaults"},
                                  {"field": "Microsoft.RecoveryServices/vaults/encryption.keyVaultProperties.keyUri", "exists": "false"}]},
                 "then": {"effect": "audit"}}""");
        Outcome rule = AppProcess.run(work, Map.of(), "checks", "show", "vault_without_cmk", "--rules-dir", rules.toString());
        assertThat(rule.exitCode()).as(rule.stderr()).isZero();
        assertThat(rule.stdout()).startsWith("vault_without_cmk: vault-without-cmk\nseverity medium, service azure-policy,"
                + " plug-in rules:vault-without-cmk.json");

        Outcome unknown = AppProcess.run(work, Map.of(), "checks", "show", "rsv_nobyk");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr().lines().toList()).singleElement().asString()
                .startsWith("lensix: unknown check id rsv_nobyk; known checks: kv_key_norotation,");
        assertThat(AppProcess.run(work, Map.of(), "checks", "show", "rsv_nobyok", "--format", "yaml").exitCode()).isEqualTo(2);
    }
}
