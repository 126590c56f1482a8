package dev.lensix.plugins.recoveryservices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lensix.api.check.Observation;
import dev.lensix.api.check.Status;
import dev.lensix.api.report.Result;
import dev.lensix.testkit.CheckTester;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class RsvNoByokCheckTest {

    private static final Path CASES = Path.of("src/test/resources/cases/rsv_nobyok");
    private static final Path ARM_EXAMPLES = Path.of("src/test/resources/arm-examples");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final CheckTester tester = CheckTester.of(new RsvNoByokCheck());

    @TestFactory
    Stream<DynamicTest> cases() {
        return tester.casesIn(CASES);
    }

    @TestFactory
    Stream<DynamicTest> notKnownRule() {
        return tester.mutationsIn(CASES);
    }

    /** The ms-* cases must test Microsoft's published bodies, not an edited copy of them. */
    @ParameterizedTest
    @CsvSource({
            "ms-get-no-cmk.json, Microsoft.RecoveryServices_vaults.GET_no-cmk.2025-02-01.json",
            "ms-put-cmk-user-assigned-identity.json, Microsoft.RecoveryServices_vaults.PUT-200_cmk-user-assigned-identity.2025-02-01.json",
            "ms-patch-cmk-system-assigned-kek.json, Microsoft.RecoveryServices_vaults.PATCH-200_cmk-system-assigned-kek.2025-02-01.json",
            "ms-config-customer-managed-with-its-vault.json, Microsoft.RecoveryServices_vaults_backupEncryptionConfigs.GET_customer-managed.2024-04-01.json"
    })
    void microsoftCasesHoldTheExampleBodiesUnchanged(String caseFile, String example) throws IOException {
        JsonNode snapshot = MAPPER.readTree(CASES.resolve(caseFile).toFile());
        JsonNode body = MAPPER.readTree(ARM_EXAMPLES.resolve(example).toFile());

        assertThat(snapshot).as(caseFile).contains(body);
    }

    @Test
    void aVaultReadFromAPlainExportSaysTheConfigWasNotCollected() {
        List<Result> results = tester.runOnJson("""
                [{"id": "/subscriptions/5d3c8f2e-1a47-4b9e-8c60-7f2a9d4b1e03/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/rsv-plain",
                  "type": "Microsoft.RecoveryServices/vaults", "name": "rsv-plain", "properties": {}}]""");

        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.status()).isEqualTo(Status.FAIL);
            assertThat(result.evidence().observations())
                    .filteredOn(observation -> observation.path().equals("backupEncryptionConfig"))
                    .singleElement()
                    .extracting(Observation::value)
                    .asString()
                    .startsWith("not collected");
        });
    }

    @Test
    void evidenceNamesTheConfigItReadByItsOwnId() {
        List<Result> results = tester.runOnFiles(CASES.resolve("config-microsoft-managed-while-vault-names-key.json"));

        assertThat(results).singleElement().satisfies(result -> assertThat(result.evidence().observations())
                .filteredOn(observation -> observation.path().equals("properties.encryptionAtRestType"))
                .singleElement()
                .extracting(Observation::resourceId)
                .asString()
                .endsWith("/vaults/rsv-key-not-applied/backupEncryptionConfigs/backupResourceEncryptionConfig"));
    }

    @Test
    void everyMessageIsOneLine() {
        List<Result> results = Stream.of("keyuri-not-a-string.json", "config-agrees.json", "odd-casing.json",
                        "config-customer-managed-while-vault-names-no-key.json", "config-unknown-at-rest-type.json")
                .flatMap(file -> tester.runOnFiles(CASES.resolve(file)).stream())
                .toList();

        assertThat(results).isNotEmpty().allSatisfy(result -> assertThat(result.message()).doesNotContain("\n", "\r"));
    }
}
