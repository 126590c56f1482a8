package dev.lensix.policy;

import dev.lensix.api.report.Result;
import dev.lensix.api.resource.Resource;
import dev.lensix.engine.inventory.InMemoryInventory;
import dev.lensix.input.snapshot.SnapshotReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance test of issue 6: Microsoft's built-in rule for Recovery Services vaults without a customer-managed
 * key (2e94d99a, kept as a file in the corpus) gives, on the example tenant, the verdicts that rsv_nobyok gives from
 * the vaults' own properties: a vault passes when properties.encryption.keyVaultProperties.keyUri is a non-empty
 * string. (rsv_nobyok also reads the backup encryption configs, which turn rsv-kf-dev-weu into a FAIL; the
 * distribution's PolicyRulesIT compares with the real check run without them.)
 */
class PolicyExamplesTest {

    private static final Path EXAMPLES = Path.of(System.getProperty("lensix.examples", "../examples"));

    @Test
    void theRecoveryServicesCmkBuiltInAgreesWithRsvNoByokFromVaultPropertiesAlone() throws Exception {
        List<Result> results = PolicyCorpusTest.run(PolicyCorpusTest.CORPUS.resolve("rsv-cmk-builtin/definition.json"),
                List.of(EXAMPLES));
        Map<String, String> policy = results.stream().collect(Collectors.toMap(
                result -> result.resource().name(), result -> result.status().name(), (a, b) -> a, TreeMap::new));

        List<Resource> vaults = InMemoryInventory.of(SnapshotReader.keepingAll().read(List.of(EXAMPLES)).collected())
                .ofType("Microsoft.RecoveryServices/vaults");
        Map<String, String> fromVaultProperties = vaults.stream().collect(Collectors.toMap(Resource::name,
                vault -> vault.text("/properties/encryption/keyVaultProperties/keyUri").filter(uri -> !uri.isBlank())
                        .isPresent() ? "PASS" : "FAIL", (a, b) -> a, TreeMap::new));

        assertThat(policy).isEqualTo(fromVaultProperties).containsAllEntriesOf(Map.of(
                "rsv-kf-prod-weu", "PASS",
                "rsv-kf-dr-neu", "PASS",
                "rsv-kf-sap-weu", "FAIL",
                "rsv-kf-dev-weu", "PASS",
                "rsv-kf-test-uks", "FAIL"));
    }

    @Test
    void theKeyVaultResourceLogsBuiltInReadsTheExampleDiagnosticSettings() throws Exception {
        List<Result> results = PolicyCorpusTest.run(PolicyCorpusTest.CORPUS.resolve("kv-resource-logs-builtin/definition.json"),
                List.of(EXAMPLES));
        Map<String, String> verdicts = results.stream().collect(Collectors.toMap(
                result -> result.resource().name(), result -> result.status().name(), (a, b) -> a, TreeMap::new));
        assertThat(verdicts).containsAllEntriesOf(Map.of(
                "kv-kf-backup-weu", "PASS",
                "kv-kf-backup-neu", "PASS",
                "kv-kf-dev-weu", "PASS",
                "kv-kf-apps-uks", "FAIL"));
    }
}
