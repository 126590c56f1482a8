package dev.lensix.plugins.recoveryservices;

import dev.lensix.api.input.InputException;
import dev.lensix.api.resource.Resource;
import dev.lensix.input.snapshot.Snapshot;
import dev.lensix.input.snapshot.SnapshotReader;
import dev.lensix.testkit.CheckTester;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example tenant in {@code examples/} is what the README's first command scans and what end-to-end
 * tests run on: every Recovery Services check must give exactly the verdicts the examples README promises, and
 * the snapshot must hang together (every child has its parent, every vault's key exists unless the vault is the
 * one whose Key Vault is deliberately outside the snapshot).
 */
class ExampleSnapshotTest {

    private static final Path EXAMPLES = Path.of("../../examples");
    private static final Path EXPECTED = Path.of("src/test/resources/examples/rsv_nobyok.expected.json");
    private static final Path EXPECTED_FOLDER = Path.of("src/test/resources/examples");
    /** Key expiry is judged on a fixed day; the example keys expire years before or after it. */
    private static final Clock FIXED = CmkCasesTest.FIXED;
    /** The QA vault's key is in the central key subscription, which the example export does not include. */
    private static final String OUT_OF_SCOPE_KEY_URI = "https://kv-kf-central-keys.vault.azure.net/keys/rsv-qa-cmk";
    /** {@code https://kv.vault.azure.net:443/keys/name/version}: vault host, key name, optional version. */
    private static final Pattern KEY_URI = Pattern.compile("https://([^/:]+)(?::443)?/keys/([^/]+)(?:/([0-9a-f]+))?/?");

    private static Snapshot snapshot;

    @BeforeAll
    static void readExamples() throws InputException {
        snapshot = SnapshotReader.keepingAll().read(List.of(EXAMPLES));
    }

    @Test
    void rsvNoByokGivesTheDocumentedVerdictForEveryVault() {
        CheckTester.assertVerdicts(CheckTester.of(new RsvNoByokCheck()).runOnFiles(EXAMPLES), EXPECTED);
    }

    @Test
    void rsvCmkUnusableGivesTheDocumentedVerdictForEveryVaultWithACustomerManagedKey() {
        CheckTester.assertVerdicts(CheckTester.of(new RsvCmkUnusableCheck(FIXED)).runOnFiles(EXAMPLES),
                EXPECTED_FOLDER.resolve("rsv_cmk_unusable.expected.json"));
    }

    @Test
    void rsvCmkNoAccessGivesTheDocumentedVerdictForEveryVaultWithACustomerManagedKey() {
        CheckTester.assertVerdicts(CheckTester.of(new RsvCmkNoAccessCheck()).runOnFiles(EXAMPLES),
                EXPECTED_FOLDER.resolve("rsv_cmk_noaccess.expected.json"));
    }

    @Test
    void rsvCmkPinnedGivesTheDocumentedVerdictForEveryVaultWithACustomerManagedKey() {
        CheckTester.assertVerdicts(CheckTester.of(new RsvCmkPinnedCheck()).runOnFiles(EXAMPLES),
                EXPECTED_FOLDER.resolve("rsv_cmk_pinned.expected.json"));
    }

    /** The end-to-end tests run bin/lensix with the real clock: the example verdicts must not depend on the day. */
    @Test
    void rsvCmkUnusableGivesTheSameVerdictsForYearsToCome() {
        for (String day : List.of("2025-01-01T00:00:00Z", "2030-01-01T00:00:00Z", "2034-01-01T00:00:00Z")) {
            Clock clock = Clock.fixed(Instant.parse(day), ZoneOffset.UTC);
            assertThat(CheckTester.of(new RsvCmkUnusableCheck(clock)).runOnFiles(EXAMPLES))
                    .as("verdicts on %s", day)
                    .extracting(result -> result.resource().name() + " " + result.status())
                    .containsExactlyInAnyOrderElementsOf(CheckTester.of(new RsvCmkUnusableCheck(FIXED)).runOnFiles(EXAMPLES)
                            .stream().map(result -> result.resource().name() + " " + result.status()).toList());
        }
    }

    @Test
    void readsWithoutWarningsFromFilesInSeveralInputForms() {
        assertThat(snapshot.warnings()).isEmpty();
        assertThat(snapshot.sources()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(snapshot.typesSeen()).contains(
                "microsoft.recoveryservices/vaults", "microsoft.recoveryservices/vaults/backupencryptionconfigs",
                "microsoft.keyvault/vaults", "microsoft.keyvault/vaults/keys", "microsoft.insights/diagnosticsettings",
                "microsoft.managedidentity/userassignedidentities", "microsoft.compute/virtualmachines",
                "microsoft.compute/disks", "microsoft.storage/storageaccounts", "microsoft.authorization/roleassignments");
        assertThat(snapshot.resources()).extracting(resource -> resource.subscriptionId().orElseThrow())
                .containsOnly("3f6c2a91-7d4e-4b8a-9c15-2e8d7f0a6b43", "b81e4d07-52c9-4f3a-a6e2-9d04c1f7e385");
    }

    @Test
    void everyChildResourceHasItsParentInTheSnapshot() {
        Set<String> ids = snapshot.resources().stream().map(this::key).collect(Collectors.toSet());
        List<Resource> children = snapshot.resources().stream()
                .filter(resource -> resource.type().toLowerCase(Locale.ROOT).matches(".*/.*/.*")
                        || resource.isOfType("Microsoft.Insights/diagnosticSettings"))
                .toList();

        assertThat(children).hasSizeGreaterThanOrEqualTo(12).allSatisfy(child ->
                assertThat(ids).as("parent of %s", child.id()).contains(child.parentId().orElseThrow().toLowerCase(Locale.ROOT)));
    }

    @Test
    void everyKeyARecoveryServicesVaultNamesIsAKeyInTheSnapshot() {
        Set<String> keys = snapshot.resources().stream()
                .filter(resource -> resource.isOfType("Microsoft.KeyVault/vaults/keys"))
                .flatMap(key -> List.of(key.text("/properties/keyUri").orElseThrow(),
                        key.text("/properties/keyUriWithVersion").orElseThrow()).stream())
                .map(ExampleSnapshotTest::canonicalKeyUri)
                .collect(Collectors.toSet());
        List<String> vaultKeys = snapshot.resources().stream()
                .filter(resource -> resource.isOfType("Microsoft.RecoveryServices/vaults"))
                .flatMap(vault -> vault.text("/properties/encryption/keyVaultProperties/keyUri").stream())
                .filter(uri -> !uri.equals(OUT_OF_SCOPE_KEY_URI))
                .toList();

        assertThat(vaultKeys).hasSize(4).allSatisfy(uri -> assertThat(keys).contains(canonicalKeyUri(uri)));
        assertThat(keys).noneMatch(key -> key.contains("kv-kf-central-keys"));
    }

    @Test
    void everyKeyVaultUriMatchesItsName() {
        assertThat(snapshot.resources().stream().filter(resource -> resource.isOfType("Microsoft.KeyVault/vaults")))
                .hasSize(5)
                .allSatisfy(vault -> assertThat(vault.text("/properties/vaultUri"))
                        .contains("https://" + vault.name() + ".vault.azure.net/"));
    }

    private String key(Resource resource) {
        return resource.id().toLowerCase(Locale.ROOT);
    }

    private static String canonicalKeyUri(String uri) {
        var matcher = KEY_URI.matcher(uri);
        assertThat(matcher.matches()).as("key URI %s", uri).isTrue();
        String version = matcher.group(3) == null ? "" : "/" + matcher.group(3);
        return ("https://" + matcher.group(1) + "/keys/" + matcher.group(2) + version).toLowerCase(Locale.ROOT);
    }
}
