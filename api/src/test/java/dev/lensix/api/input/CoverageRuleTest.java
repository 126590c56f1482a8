package dev.lensix.api.input;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CoverageRuleTest {

    @Test
    void childrenAndTheExtensionTypesTheChecksReadBelongToAResource() {
        assertThat(CoverageRule.belongsToAResource("Microsoft.KeyVault/vaults/keys")).isTrue();
        assertThat(CoverageRule.belongsToAResource(" microsoft.insights/DIAGNOSTICSETTINGS ")).isTrue();
        assertThat(CoverageRule.belongsToAResource("Microsoft.Authorization/roleAssignments")).isTrue();
        assertThat(CoverageRule.belongsToAResource("Microsoft.KeyVault/vaults")).isFalse();
        assertThat(CoverageRule.belongsToAResource("Microsoft.Storage/storageAccounts")).isFalse();
    }
}
