package dev.lensix.api.resource;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class KeyVaultKeyUriTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void readsVaultKeyAndVersion() {
        KeyVaultKeyUri key = KeyVaultKeyUri.parse("https://cmk2xkv.vault.azure.net/keys/Key1/0767b348bb1a4c07baa6c4ec0055d2b3").orElseThrow();

        assertThat(key.host()).isEqualTo("cmk2xkv.vault.azure.net");
        assertThat(key.vaultName()).isEqualTo("cmk2xkv");
        assertThat(key.keyName()).isEqualTo("Key1");
        assertThat(key.version()).contains("0767b348bb1a4c07baa6c4ec0055d2b3");
        assertThat(key.isVersioned()).isTrue();
        assertThat(key.isManagedHsm()).isFalse();
        assertThat(key).hasToString("https://cmk2xkv.vault.azure.net/keys/Key1/0767b348bb1a4c07baa6c4ec0055d2b3");
        assertThat(key.versionless()).hasToString("https://cmk2xkv.vault.azure.net/keys/Key1");
    }

    @ParameterizedTest
    @CsvSource({
            "https://kv-kf-dev-weu.vault.azure.net:443/keys/rsv-dev-cmk, kv-kf-dev-weu.vault.azure.net, rsv-dev-cmk, ''",
            "https://kv1.vault.azure.net/keys/k1/, kv1.vault.azure.net, k1, ''",
            "HTTPS://KV-Lensix-Cases.VAULT.AZURE.NET/KEYS/Backup-CMK, kv-lensix-cases.vault.azure.net, Backup-CMK, ''",
            "https://kv1.vault.azure.net:443/keys/k1/abc123/, kv1.vault.azure.net, k1, abc123",
            "https://kv-china.vault.azure.cn/keys/k, kv-china.vault.azure.cn, k, ''",
            "https://kv-gov.vault.usgovcloudapi.net/keys/k/0123456789abcdef0123456789abcdef, kv-gov.vault.usgovcloudapi.net, k, 0123456789abcdef0123456789abcdef",
            "https://hsm1.managedhsm.azure.net/keys/k, hsm1.managedhsm.azure.net, k, ''",
            "'  https://kv1.vault.azure.net/keys/k1  ', kv1.vault.azure.net, k1, ''",
    })
    void acceptsEveryCloudPortTrailingSlashAndCasing(String text, String host, String keyName, String version) {
        KeyVaultKeyUri key = KeyVaultKeyUri.parse(text).orElseThrow();

        assertThat(key.host()).isEqualTo(host);
        assertThat(key.keyName()).isEqualTo(keyName);
        assertThat(key.version()).isEqualTo(version.isEmpty() ? Optional.empty() : Optional.of(version));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "   ",
            "http://kv1.vault.azure.net/keys/k1",
            "https://kv1.vault.azure.net:8443/keys/k1",
            "https://kv1.example.com/keys/k1",
            "https://vault.azure.net/keys/k1",
            "https://kv1.vault.azure.net.evil.example/keys/k1",
            "https://kv1.vault.azure.net/secrets/s1",
            "https://kv1.vault.azure.net/keys",
            "https://kv1.vault.azure.net/keys/",
            "https://kv1.vault.azure.net/keys/k1/v1/extra",
            "https://kv1.vault.azure.net/keys/k_1",
            "https://kv1.vault.azure.net/keys/k1?api-version=7.5",
            "https://user@kv1.vault.azure.net/keys/k1",
            "kv1.vault.azure.net/keys/k1",
            "https://kv1.vault.azure.net/keys/k 1",
            "not a uri at all"
    })
    void rejectsWhatIsNotAKeyVaultKeyUri(String text) {
        assertThat(KeyVaultKeyUri.parse(text)).isEmpty();
    }

    @Test
    void managedHsmKeysAreRecognised() {
        assertThat(KeyVaultKeyUri.parse("https://hsm1.managedhsm.usgovcloudapi.net/keys/k").orElseThrow().isManagedHsm()).isTrue();
        assertThat(KeyVaultKeyUri.parse("https://hsm1.managedhsm.azure.cn/keys/k").orElseThrow().isManagedHsm()).isTrue();
    }

    @Test
    void sameKeyIgnoresVersionAndCase() {
        KeyVaultKeyUri pinned = KeyVaultKeyUri.parse("https://KV1.vault.azure.net:443/keys/CMK/abc").orElseThrow();
        KeyVaultKeyUri latest = KeyVaultKeyUri.parse("https://kv1.vault.azure.net/keys/cmk").orElseThrow();
        KeyVaultKeyUri other = KeyVaultKeyUri.parse("https://kv2.vault.azure.net/keys/cmk").orElseThrow();

        assertThat(pinned.sameKey(latest)).isTrue();
        assertThat(pinned.sameKey(other)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "https://kv-kf-backup-weu.vault.azure.net/, kv-kf-backup-weu.vault.azure.net",
            "https://sample-vault.vault.azure.net, sample-vault.vault.azure.net",
            "https://KV1.Vault.Azure.Net:443//, kv1.vault.azure.net",
            "https://hsm1.managedhsm.azure.net/, hsm1.managedhsm.azure.net",
    })
    void vaultHostOfAVaultUri(String vaultUri, String host) {
        assertThat(KeyVaultKeyUri.vaultHost(vaultUri)).contains(host);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"https://kv1.vault.azure.net/keys/k1", "http://kv1.vault.azure.net/", "https://kv1.example.com/"})
    void vaultHostRejectsOtherUris(String vaultUri) {
        assertThat(KeyVaultKeyUri.vaultHost(vaultUri)).isEmpty();
    }

    @Test
    void theInventoryDefaultFindsTheVaultByTheHostOfItsVaultUri() throws Exception {
        Resource kv1 = Resource.of(MAPPER.readTree("""
                {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv1",
                 "type": "Microsoft.KeyVault/vaults", "properties": {"vaultUri": "https://KV1.vault.azure.net/"}}"""));
        Resource noUri = Resource.of(MAPPER.readTree("""
                {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv2",
                 "type": "Microsoft.KeyVault/vaults"}"""));
        Inventory inventory = new ListInventory(List.of(noUri, kv1));

        assertThat(KeyVaultKeyUri.parse("https://kv1.vault.azure.net:443/keys/cmk/v1").flatMap(inventory::keyVaultFor))
                .containsSame(kv1);
        assertThat(KeyVaultKeyUri.parse("https://kv2.vault.azure.net/keys/cmk").flatMap(inventory::keyVaultFor)).isEmpty();
    }

    /** The smallest inventory: only what the default method needs. */
    private record ListInventory(List<Resource> resources) implements Inventory {

        @Override
        public Optional<Resource> byId(String id) {
            return resources.stream().filter(resource -> ResourceIds.key(resource.id()).equals(ResourceIds.key(id))).findFirst();
        }

        @Override
        public List<Resource> ofType(String type) {
            return resources.stream().filter(resource -> resource.isOfType(type))
                    .sorted(Comparator.comparing(Resource::id)).toList();
        }

        @Override
        public List<Resource> childrenOf(Resource parent, String childType) {
            return List.of();
        }

        @Override
        public Coverage coverage(String type, Resource scope) {
            return Coverage.COLLECTED;
        }

        @Override
        public int size() {
            return resources.size();
        }
    }
}
