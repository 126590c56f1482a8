package dev.lensix.engine.inventory;

import dev.lensix.api.resource.Coverage;
import dev.lensix.api.resource.Resource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.lensix.engine.testing.Resources.resource;
import static org.assertj.core.api.Assertions.assertThat;

class InMemoryInventoryTest {

    private static final String RG = "/subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333/resourceGroups/rg-Sec";
    private static final String KV = RG + "/providers/Microsoft.KeyVault/vaults/kv1";
    private static final String RSV = RG + "/providers/Microsoft.RecoveryServices/vaults/rsv1";
    private static final String VAULT_TYPE = "Microsoft.KeyVault/vaults";
    private static final String KEY_TYPE = "Microsoft.KeyVault/vaults/keys";
    private static final String DIAG_TYPE = "Microsoft.Insights/diagnosticSettings";
    private static final String BEC_TYPE = "Microsoft.RecoveryServices/vaults/backupEncryptionConfigs";

    private final Resource vault = resource(KV, VAULT_TYPE);
    private final Resource otherVault = resource(RG + "/providers/Microsoft.KeyVault/vaults/KV0", VAULT_TYPE);
    private final Resource keyB = resource(KV + "/keys/b-key", KEY_TYPE);
    private final Resource keyA = resource(KV.toUpperCase() + "/KEYS/A-key", "microsoft.keyvault/VAULTS/keys");
    private final Resource otherKey = resource(otherVault.id() + "/keys/x", KEY_TYPE);
    private final Resource diagLong = resource(KV + "/providers/Microsoft.Insights/diagnosticSettings/to-law", DIAG_TYPE);
    private final Resource diagShort = resource(KV + "/diagnosticSettings/to-storage", "microsoft.insights/diagnosticsettings");
    private final Resource rsv = resource(RSV, "Microsoft.RecoveryServices/vaults");
    private final Resource encryption = resource(RSV + "/backupEncryptionConfigs/backupResourceEncryptionConfig", BEC_TYPE);

    private final InMemoryInventory inventory = InMemoryInventory.of(
            List.of(keyB, vault, diagShort, otherKey, keyA, rsv, encryption, otherVault, diagLong));

    @Test
    void byIdIgnoresCaseAndTrailingSlash() {
        assertThat(inventory.byId(KV)).containsSame(vault);
        assertThat(inventory.byId(KV.toLowerCase())).containsSame(vault);
        assertThat(inventory.byId(KV.toUpperCase() + "/")).containsSame(vault);
        assertThat(inventory.byId(" " + KV + " ")).containsSame(vault);
        assertThat(inventory.byId(KV + "/keys/A-KEY")).containsSame(keyA);
        assertThat(inventory.byId(RG + "/providers/Microsoft.KeyVault/vaults/nope")).isEmpty();
        assertThat(inventory.size()).isEqualTo(9);
    }

    @Test
    void ofTypeIgnoresCaseAndIsSortedById() {
        assertThat(inventory.ofType("microsoft.keyvault/VAULTS")).containsExactly(otherVault, vault);
        assertThat(inventory.ofType(KEY_TYPE)).containsExactly(otherKey, keyA, keyB);
        assertThat(inventory.ofType(" " + KEY_TYPE + " ")).containsExactly(otherKey, keyA, keyB);
        assertThat(inventory.ofType("Microsoft.Storage/storageAccounts")).isEmpty();
    }

    @Test
    void childrenOfFindsKeysOfOneVaultOnly() {
        assertThat(inventory.childrenOf(vault, KEY_TYPE)).containsExactly(keyA, keyB);
        assertThat(inventory.childrenOf(vault, KEY_TYPE.toUpperCase())).containsExactly(keyA, keyB);
        assertThat(inventory.childrenOf(otherVault, KEY_TYPE)).containsExactly(otherKey);
        assertThat(inventory.childrenOf(rsv, KEY_TYPE)).isEmpty();
    }

    @Test
    void childrenOfFindsDiagnosticSettingsInBothIdForms() {
        // sorted by id: ".../kv1/diagnosticSettings/..." before ".../kv1/providers/..."
        assertThat(inventory.childrenOf(vault, DIAG_TYPE)).containsExactly(diagShort, diagLong);
        assertThat(inventory.childrenOf(otherVault, DIAG_TYPE)).isEmpty();
    }

    @Test
    void childrenOfFindsTheBackupEncryptionConfigOfARecoveryServicesVault() {
        assertThat(inventory.childrenOf(rsv, BEC_TYPE)).containsExactly(encryption);
        assertThat(inventory.childrenOf(resource(RSV.toUpperCase(), "Microsoft.RecoveryServices/vaults"), BEC_TYPE))
                .containsExactly(encryption);
        assertThat(inventory.childrenOf(vault, BEC_TYPE)).isEmpty();
    }

    @Test
    void childrenOfAResourceNotInTheInventoryStillWorksById() {
        Resource lookalike = resource(KV.toLowerCase(), VAULT_TYPE);
        assertThat(inventory.childrenOf(lookalike, KEY_TYPE)).containsExactly(keyA, keyB);
    }

    @Test
    void coverageTellsSeenTypesFromNeverSeenOnes() {
        InMemoryInventory withSeen = InMemoryInventory.of(List.of(vault), Set.of("microsoft.insights/diagnosticsettings"));
        assertThat(withSeen.coverage(VAULT_TYPE, vault)).isEqualTo(Coverage.COLLECTED);
        assertThat(withSeen.coverage("MICROSOFT.INSIGHTS/DIAGNOSTICSETTINGS", vault).collected()).isTrue();
        // seen but none for this vault: collected, and empty
        assertThat(withSeen.childrenOf(vault, DIAG_TYPE)).isEmpty();
        Coverage keys = withSeen.coverage(KEY_TYPE, vault);
        assertThat(keys.collected()).isFalse();
        assertThat(keys.reason()).contains(KEY_TYPE).isNotBlank();
    }

    @Test
    void customCoveragePolicyIsAskedWithTypeAndScope() {
        InMemoryInventory custom = InMemoryInventory.withCoverage(List.of(vault),
                (type, scope) -> scope.id().equals(KV) ? Coverage.notCollected("access denied to " + type)
                        : Coverage.COLLECTED);
        assertThat(custom.coverage(KEY_TYPE, vault)).isEqualTo(Coverage.notCollected("access denied to " + KEY_TYPE));
        assertThat(custom.coverage(KEY_TYPE, otherVault).collected()).isTrue();
    }

    @Test
    void listsAreImmutable() {
        List<Resource> keys = inventory.childrenOf(vault, KEY_TYPE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> keys.add(otherKey))
                .isInstanceOf(UnsupportedOperationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> inventory.ofType(VAULT_TYPE).clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void resourcesCarrySubscriptionResourceGroupAndParent() {
        assertThat(keyA.subscriptionId()).contains("0B1F6471-1BF0-4DDA-AEC3-111122223333");
        assertThat(keyA.resourceGroup()).contains("RG-SEC");
        assertThat(vault.parentId()).isEmpty();
        assertThat(diagShort.parentId()).contains(KV);
    }
}
