package com.example.lensix.checks;

import dev.lensix.api.check.Status;
import dev.lensix.api.report.Result;
import dev.lensix.testkit.CheckTester;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeyVaultOpenNetworkCheckTest {

    private final CheckTester tester = CheckTester.of(new KeyVaultOpenNetworkCheck());

    private static String vault(String name, String properties) {
        return """
                {"id": "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/%s",
                 "type": "Microsoft.KeyVault/vaults", "name": "%s", "location": "westeurope", "properties": %s}
                """.formatted(name, name, properties);
    }

    @Test
    void aVaultWithAzureDefaultsIsOpen() {
        List<Result> results = tester.runOnJson(vault("kv-defaults", "{\"vaultUri\": \"https://kv-defaults.vault.azure.net/\"}"));
        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.status()).isEqualTo(Status.FAIL);
            assertThat(result.message()).contains("kv-defaults", "every network");
            assertThat(result.evidence().summary()).contains("properties.publicNetworkAccess = (absent)");
        });
    }

    @Test
    void aFirewallThatDeniesByDefaultPasses() {
        List<Result> results = tester.runOnJson(vault("kv-fw", "{\"networkAcls\": {\"defaultAction\": \"deny\"}}"));
        assertThat(results).singleElement().extracting(Result::status).isEqualTo(Status.PASS);
    }

    @Test
    void disabledPublicAccessPassesWhateverTheFirewallSays() {
        List<Result> results = tester.runOnJson(vault("kv-private",
                "{\"publicNetworkAccess\": \"Disabled\", \"networkAcls\": {\"defaultAction\": \"Allow\"}}"));
        assertThat(results).singleElement().extracting(Result::status).isEqualTo(Status.PASS);
    }

    @Test
    void anExplicitAllowIsOpen() {
        List<Result> results = tester.runOnJson("[" + vault("kv-a", "{\"publicNetworkAccess\": \"Enabled\", "
                + "\"networkAcls\": {\"defaultAction\": \"Allow\"}}") + "," + vault("kv-b", "{}") + "]");
        assertThat(results).extracting(Result::status).containsExactly(Status.FAIL, Status.FAIL);
    }
}
