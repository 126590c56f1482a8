package dev.lensix.api.resource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ResourceIdsTest {

    private static final String SUB = "0b1f6471-1bf0-4dda-aec3-111122223333";
    private static final String RG = "/subscriptions/" + SUB + "/resourceGroups/rg-Sec";
    private static final String KV = RG + "/providers/Microsoft.KeyVault/vaults/kv1";
    private static final String RSV = RG + "/providers/Microsoft.RecoveryServices/vaults/rsv1";

    @Test
    void keyIsLowerCaseStrippedAndWithoutTrailingSlashes() {
        assertThat(ResourceIds.key(" " + KV + "// ")).isEqualTo(KV.toLowerCase());
        assertThat(ResourceIds.key(KV.toUpperCase())).isEqualTo(ResourceIds.key(KV));
        assertThat(ResourceIds.key("/")).isEqualTo("/");
    }

    @Test
    void subscriptionAndResourceGroupWithOddCasing() {
        String odd = "/SUBSCRIPTIONS/" + SUB.toUpperCase() + "/resourcegroups/RG-Sec/providers/microsoft.keyvault/VAULTS/kv1";
        assertThat(ResourceIds.subscriptionId(odd)).contains(SUB.toUpperCase());
        assertThat(ResourceIds.resourceGroup(odd)).contains("RG-Sec");
        assertThat(ResourceIds.subscriptionId(KV)).contains(SUB);
        assertThat(ResourceIds.resourceGroup(KV)).contains("rg-Sec");
        assertThat(ResourceIds.resourceGroup("/subscriptions/" + SUB + "/ResourceGroups/x")).contains("x");
    }

    @Test
    void subscriptionAndResourceGroupMissing() {
        String tenantLevel = "/providers/Microsoft.Management/managementGroups/mg1";
        assertThat(ResourceIds.subscriptionId(tenantLevel)).isEmpty();
        assertThat(ResourceIds.resourceGroup(tenantLevel)).isEmpty();
        String subscriptionLevel = "/subscriptions/" + SUB + "/providers/Microsoft.Security/pricings/default";
        assertThat(ResourceIds.subscriptionId(subscriptionLevel)).contains(SUB);
        assertThat(ResourceIds.resourceGroup(subscriptionLevel)).isEmpty();
        assertThat(ResourceIds.subscriptionId("/subscriptions/")).isEmpty();
        assertThat(ResourceIds.subscriptionId("/subscriptions//x/resourceGroups/rg")).as("an empty segment").isEmpty();
        assertThat(ResourceIds.resourceGroup(" //subscriptions/s/resourceGroups/rg// ")).contains("rg");
        assertThat(ResourceIds.subscriptionId("")).isEmpty();
    }

    @Test
    void resourceGroupNamedLikeAKeywordIsStillTheGroup() {
        assertThat(ResourceIds.resourceGroup("/subscriptions/s/resourceGroups/providers/providers/Microsoft.KeyVault/vaults/kv"))
                .contains("providers");
    }

    @Test
    void lastSegment() {
        assertThat(ResourceIds.lastSegment(KV)).isEqualTo("kv1");
        assertThat(ResourceIds.lastSegment(KV + "/")).isEqualTo("kv1");
        assertThat(ResourceIds.lastSegment("")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            RG + "/providers/Microsoft.KeyVault/vaults/kv1",
            "/subscriptions/" + SUB + "/resourceGroups/rg",
            "/subscriptions/" + SUB,
            "/subscriptions/" + SUB + "/providers/Microsoft.Security/pricings/default",
            "/subscriptions/" + SUB + "/providers/Microsoft.KeyVault",
            "/providers/Microsoft.Management/managementGroups/mg1",
            ""})
    void topLevelResourcesHaveNoParent(String id) {
        assertThat(ResourceIds.parentId(id)).isEmpty();
    }

    @Test
    void keyOfAVault() {
        assertThat(ResourceIds.parentId(KV + "/keys/k1")).contains(KV);
        assertThat(ResourceIds.parentId(KV + "/keys/k1/")).contains(KV);
        assertThat(ResourceIds.parentId(KV + "/keys/k1/versions/v1")).contains(KV + "/keys/k1");
    }

    @Test
    void diagnosticSettingsInBothForms() {
        assertThat(ResourceIds.parentId(KV + "/providers/Microsoft.Insights/diagnosticSettings/d")).contains(KV);
        assertThat(ResourceIds.parentId(KV + "/PROVIDERS/microsoft.insights/DIAGNOSTICSETTINGS/d")).contains(KV);
        assertThat(ResourceIds.parentId(KV + "/diagnosticSettings/d")).contains(KV);
    }

    @Test
    void extensionOfAChildResource() {
        assertThat(ResourceIds.parentId(KV + "/keys/k1/providers/Microsoft.Insights/diagnosticSettings/d"))
                .contains(KV + "/keys/k1");
    }

    @Test
    void backupEncryptionConfigOfARecoveryServicesVault() {
        assertThat(ResourceIds.parentId(RSV + "/backupEncryptionConfigs/backupResourceEncryptionConfig")).contains(RSV);
    }

    @Test
    void parentKeepsTheCaseOfTheId() {
        String upper = KV.toUpperCase();
        assertThat(ResourceIds.parentId(upper + "/KEYS/K1")).contains(upper);
    }

    @Test
    void resourceNamedProvidersIsANameNotAKeyword() {
        String vault = RG + "/providers/Microsoft.KeyVault/vaults/providers";
        assertThat(ResourceIds.parentId(vault)).isEmpty();
        assertThat(ResourceIds.parentId(vault + "/keys/k1")).contains(vault);
        assertThat(ResourceIds.parentId(vault + "/providers/Microsoft.Insights/diagnosticSettings/d")).contains(vault);
        assertThat(ResourceIds.parentId(vault + "/diagnosticSettings/d")).contains(vault);
    }

    @Test
    void incompletePathsHaveNoParent() {
        assertThat(ResourceIds.parentId(KV + "/keys")).isEmpty();
        assertThat(ResourceIds.parentId(RG + "/providers/Microsoft.KeyVault/vaults")).isEmpty();
    }

    @Test
    void isWithinMatchesTheScopeAndItsDescendantsOnWholeSegmentsIgnoringCase() {
        String key = KV + "/keys/backup-cmk";
        assertThat(ResourceIds.isWithin(KV, KV)).isTrue();
        assertThat(ResourceIds.isWithin(key, KV)).isTrue();
        assertThat(ResourceIds.isWithin(key, key)).isTrue();
        assertThat(ResourceIds.isWithin(key, RG.toLowerCase())).isTrue();
        assertThat(ResourceIds.isWithin(KV, "/SUBSCRIPTIONS/" + SUB + "/")).isTrue();
        assertThat(ResourceIds.isWithin(KV, "/")).isTrue();
        // a sibling whose name starts the same is not below it
        assertThat(ResourceIds.isWithin(RG + "/providers/Microsoft.KeyVault/vaults/kv10", KV)).isFalse();
        assertThat(ResourceIds.isWithin(RG + "-2/providers/Microsoft.KeyVault/vaults/kv1", RG)).isFalse();
        // a child scope does not cover its parent, nor another key
        assertThat(ResourceIds.isWithin(KV, key)).isFalse();
        assertThat(ResourceIds.isWithin(KV + "/keys/other", key)).isFalse();
        // management groups cannot be placed from an id; blank scopes cover nothing
        assertThat(ResourceIds.isWithin(KV, "/providers/Microsoft.Management/managementGroups/mg1")).isFalse();
        assertThat(ResourceIds.isWithin(KV, "")).isFalse();
        assertThat(ResourceIds.isWithin(KV, "  ")).isFalse();
        assertThat(ResourceIds.isWithin("", "/")).isFalse();
    }
}
