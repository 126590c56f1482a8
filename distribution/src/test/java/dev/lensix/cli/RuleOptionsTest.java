package dev.lensix.cli;

import dev.lensix.engine.plugin.LoadedCheck;
import dev.lensix.policy.PolicyRules;
import dev.lensix.policy.RuleCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --rules-dir} and the app's own {@code plugins/rules/}, in process and without plug-ins. */
class RuleOptionsTest {

    private static final String RULE = """
            {"properties": {"displayName": "Vault without a customer-managed key",
              "policyRule": {"if": {"allOf": [
                  {"field": "type", "equals": "Microsoft.RecoveryServices/vaults"},
                  {"field": "Microsoft.RecoveryServices/vaults/encryption.keyVaultProperties.keyUri", "exists": false}]},
                "then": {"effect": "audit"}}}, "name": "vault-cmk"}""";

    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final String previousHome = System.getProperty("lensix.home");

    @AfterEach
    void restoreHome() {
        if (previousHome == null) {
            System.clearProperty("lensix.home");
        } else {
            System.setProperty("lensix.home", previousHome);
        }
    }

    private int run(String... args) {
        return LensixCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void rulesInTheAppsPluginsRulesFolderAreChecksWithoutAnyOption() throws Exception {
        Files.createDirectories(home.resolve("plugins/rules"));
        Files.writeString(home.resolve("plugins/rules/vault-cmk.json"), RULE);
        System.setProperty("lensix.home", home.toString());

        assertThat(run("checks", "list")).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern("vault_cmk\\s+medium\\s+rules:vault-cmk\\.json\\s+Microsoft\\.RecoveryServices/vaults"
                + "\\s+Vault without a customer-managed key");
    }

    @Test
    void aScanRunsTheRulesOfARulesDir() throws Exception {
        System.setProperty("lensix.home", home.toString());
        Path rules = Files.createDirectories(home.resolve("mine"));
        Files.writeString(rules.resolve("vault-cmk.json"), RULE);
        Path input = Files.writeString(home.resolve("vault.json"), """
                {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v1",
                 "type": "Microsoft.RecoveryServices/vaults", "properties": {}}""");

        // no reporter plug-in in this process: the usage error comes after the rules were loaded and selected
        int code = run("scan", "--input", input.toString(), "--rules-dir", rules.toString(), "--checks", "vault_cmk");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("lensix: unknown format 'csv'");
    }

    @Test
    void anUnloadableRuleIsAOneLineUsageError() throws Exception {
        System.setProperty("lensix.home", home.toString());
        Path rules = Files.createDirectories(home.resolve("mine"));
        Path bad = Files.writeString(rules.resolve("bad.json"), RULE.replace("\"audit\"", "\"modify\""));

        assertThat(run("checks", "list", "--rules-dir", rules.toString())).isEqualTo(2);
        assertThat(err.toString().lines().toList()).singleElement().asString()
                .startsWith("lensix: " + bad + ": properties.policyRule.then.effect: effect 'modify' is not supported");
    }

    @Test
    void rulesJoinThePluginChecksByIdUnderTheirSourceAndMayNotTakeAPluginChecksId() throws Exception {
        Path rules = Files.createDirectories(home.resolve("mine"));
        Files.writeString(rules.resolve("vault-cmk.json"), RULE.replace("\"vault-cmk\"", "\"z-rule\""));
        Path others = Files.createDirectories(home.resolve("others"));
        Files.writeString(others.resolve("a.json"), RULE.replace("\"vault-cmk\"", "\"a-check\""));
        RuleCheck asPlugin = PolicyRules.load(List.of(others)).checks().get(0);
        LoadedCheck pluginCheck = new LoadedCheck(asPlugin.check(), asPlugin.descriptor(), "p");

        List<LoadedCheck> joined = RuleOptions.join(PolicyRules.load(List.of(rules)), List.of(pluginCheck));
        assertThat(joined).extracting(LoadedCheck::pluginId).containsExactly("p", "rules:vault-cmk.json");
        assertThat(joined).extracting(check -> check.descriptor().id()).containsExactly("a_check", "z_rule");

        LoadedCheck sameId = new LoadedCheck(asPlugin.check(), asPlugin.descriptor(), "recovery-services");
        assertThatThrownBy(() -> RuleOptions.join(PolicyRules.load(List.of(others)), List.of(sameId)))
                .hasMessage("a.json: check id a_check is already provided by plug-in recovery-services"
                        + " (give the rule another id in its lensix header)");
    }

    @Test
    void helpShowsTheOption() {
        assertThat(run("scan", "--help")).isZero();
        assertThat(out.toString()).contains("--rules-dir=DIR");
        assertThat(run("checks", "list", "--help")).isZero();
        assertThat(out.toString()).contains("--rules-dir=DIR");
    }
}
