package dev.lensix.engine.inventory;

import dev.lensix.api.resource.Coverage;
import dev.lensix.api.resource.KeyVaultKeyUri;
import dev.lensix.api.resource.Resource;
import dev.lensix.engine.testing.Resources;
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
    void anyIdsSortByTheirKeyThenExactlyLatinOrNot() {
        List<Resource> vaults = new java.util.ArrayList<>();
        java.util.Random random = new java.util.Random(7);
        String letters = "aAbB-é_Zz0日";
        for (int i = 0; i < 2000; i++) {
            StringBuilder name = new StringBuilder();
            for (int length = 1 + random.nextInt(4); length > 0; length--) {
                name.append(letters.charAt(random.nextInt(i < 1000 ? letters.length() - 1 : letters.length())));
            }
            vaults.add(resource(RG + "/providers/Microsoft.KeyVault/vaults/" + name + i % 7, VAULT_TYPE));
        }
        java.util.Comparator<Resource> byKeyThenId = java.util.Comparator.comparing(Resource::key).thenComparing(Resource::id);
        List<Resource> latin = vaults.subList(0, 1000);
        assertThat(InMemoryInventory.of(latin).ofType(VAULT_TYPE)).as("Latin-1 ids")
                .containsExactlyElementsOf(latin.stream().sorted(byKeyThenId).toList());
        assertThat(InMemoryInventory.of(vaults).ofType(VAULT_TYPE)).as("with ids beyond Latin-1")
                .containsExactlyElementsOf(vaults.stream().sorted(byKeyThenId).toList());
    }

    @Test
    void aLargeInventoryIndexesEveryResourceByIdAndKeepsTheLaterOfTwoWithOneId() {
        // large enough for the index by id to be built on a thread of its own
        List<Resource> resources = new java.util.ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            resources.add(resource(RG + "/providers/Microsoft.KeyVault/vaults/kv-" + i, VAULT_TYPE));
            resources.add(resource(RG + "/providers/Microsoft.KeyVault/vaults/kv-" + i + "/keys/k", KEY_TYPE));
        }
        Resource again = resource(RG.toUpperCase() + "/providers/Microsoft.KeyVault/vaults/KV-7", VAULT_TYPE);
        resources.add(again);
        InMemoryInventory large = InMemoryInventory.of(resources);

        assertThat(large.size()).isEqualTo(24_000);
        assertThat(large.byId(RG + "/providers/Microsoft.KeyVault/vaults/kv-11999/keys/K")).contains(resources.get(23_999));
        assertThat(large.byId(RG + "/providers/Microsoft.KeyVault/vaults/kv-7")).containsSame(again);
        assertThat(large.childrenOf(resources.get(0), KEY_TYPE)).containsExactly(resources.get(1));
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

    @Test
    void keyVaultForFindsTheVaultByTheHostOfItsVaultUriIgnoringCasePortAndSlash() {
        Resource kv1 = Resources.parse("""
                {"id": "%s", "type": "Microsoft.KeyVault/vaults", "name": "kv1",
                 "properties": {"vaultUri": "https://KV1.vault.azure.net:443/"}}""".formatted(KV));
        Resource kvCn = Resources.parse("""
                {"id": "%s/providers/Microsoft.KeyVault/vaults/kv-cn", "type": "microsoft.keyvault/VAULTS",
                 "properties": {"vaultUri": "https://kv-cn.vault.azure.cn"}}""".formatted(RG));
        Resource noUri = resource(RG + "/providers/Microsoft.KeyVault/vaults/kv-bare", VAULT_TYPE);
        Resource notAVault = Resources.parse("""
                {"id": "%s/providers/Microsoft.Storage/storageAccounts/st1", "type": "Microsoft.Storage/storageAccounts",
                 "properties": {"vaultUri": "https://st1.vault.azure.net/"}}""".formatted(RG));
        InMemoryInventory withVaults = InMemoryInventory.of(List.of(noUri, kv1, kvCn, notAVault, keyA));

        assertThat(withVaults.keyVaultFor(uri("https://kv1.vault.azure.net/keys/A-key"))).containsSame(kv1);
        assertThat(withVaults.keyVaultFor(uri("https://Kv1.Vault.Azure.Net:443/keys/a-key/0123abcd/"))).containsSame(kv1);
        assertThat(withVaults.keyVaultFor(uri("https://kv-cn.vault.azure.cn/keys/k"))).containsSame(kvCn);
        assertThat(withVaults.keyVaultFor(uri("https://kv-bare.vault.azure.net/keys/k"))).isEmpty();
        assertThat(withVaults.keyVaultFor(uri("https://st1.vault.azure.net/keys/k"))).isEmpty();
        assertThat(withVaults.keyVaultFor(uri("https://kv1.vault.azure.cn/keys/k"))).isEmpty();
    }

    @Test
    void keyVaultForLooksOnlyAtVaultsTheInventoryKept() {
        assertThat(inventory.keyVaultFor(uri("https://kv1.vault.azure.net/keys/A-key"))).isEmpty();
        assertThat(InMemoryInventory.of(List.of()).keyVaultFor(uri("https://kv1.vault.azure.net/keys/k"))).isEmpty();
    }

    @Test
    void keyVaultForPicksTheFirstByIdWhenTwoVaultsClaimOneHost() {
        Resource first = Resources.parse("""
                {"id": "%s/providers/Microsoft.KeyVault/vaults/a-kv", "type": "Microsoft.KeyVault/vaults",
                 "properties": {"vaultUri": "https://dup.vault.azure.net/"}}""".formatted(RG));
        Resource second = Resources.parse("""
                {"id": "%s/providers/Microsoft.KeyVault/vaults/b-kv", "type": "Microsoft.KeyVault/vaults",
                 "properties": {"vaultUri": "https://DUP.vault.azure.net"}}""".formatted(RG));

        assertThat(InMemoryInventory.of(List.of(second, first)).keyVaultFor(uri("https://dup.vault.azure.net/keys/k")))
                .containsSame(first);
    }

    private static KeyVaultKeyUri uri(String text) {
        return KeyVaultKeyUri.parse(text).orElseThrow();
    }
}
