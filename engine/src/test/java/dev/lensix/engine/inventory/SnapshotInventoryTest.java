package dev.lensix.engine.inventory;

import dev.lensix.api.resource.Resource;
import dev.lensix.input.snapshot.SnapshotReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The inventory of what the snapshot reader read. */
class SnapshotInventoryTest {

    private static final String SUB = "/subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333";
    private static final String VAULT_TYPE = "Microsoft.KeyVault/vaults";
    private static final String KEY_TYPE = "Microsoft.KeyVault/vaults/keys";
    private static final String KV1 = SUB + "/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv1";

    @TempDir
    Path dir;

    @Test
    void idsAndTypesCompareCaseInsensitively() throws Exception {
        Path file = Files.writeString(dir.resolve("mixed.json"), """
                [{"id": "%s", "type": "MICROSOFT.KEYVAULT/VAULTS"},
                 {"id": "%s", "type": "microsoft.keyvault/vaults/KEYS"}]""".formatted(KV1.toUpperCase(), KV1 + "/keys/k1"));
        var snapshot = SnapshotReader.keepingAll().read(List.of(file));
        assertThat(snapshot.typesSeen()).containsExactlyInAnyOrder("microsoft.keyvault/vaults", "microsoft.keyvault/vaults/keys");
        InMemoryInventory inventory = InMemoryInventory.of(snapshot.collected());
        Resource vault = inventory.byId(KV1.toLowerCase()).orElseThrow();
        assertThat(vault.id()).isEqualTo(KV1.toUpperCase());
        assertThat(inventory.ofType(VAULT_TYPE)).containsExactly(vault);
        assertThat(inventory.childrenOf(vault, KEY_TYPE)).extracting(Resource::name).containsExactly("k1");
    }
}
