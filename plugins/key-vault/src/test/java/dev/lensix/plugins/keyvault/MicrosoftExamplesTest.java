package dev.lensix.plugins.keyvault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lensix.api.check.Evidence;
import dev.lensix.api.resource.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code ms-*} cases must test Microsoft's published example bodies (copied unchanged from the REST API specs,
 * provenance in {@code arm-examples/SOURCES.txt}), not an edited copy: each case holds its body somewhere, equal.
 */
class MicrosoftExamplesTest {

    private static final Path CASES = Path.of("src/test/resources/cases");
    private static final Path ARM_EXAMPLES = Path.of("src/test/resources/arm-examples");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({
            "kv_nosoftdelete/ms-get-props-absent.json, Microsoft.KeyVault_vaults.GET_props-absent.2026-02-01.json",
            "kv_nosoftdelete/ms-put-network-acls.json, Microsoft.KeyVault_vaults.PUT-200_networkAcls.2024-11-01.json",
            "kv_nosoftdelete/ms-list-generic-no-properties.json, Microsoft.KeyVault_vaults.LIST-generic-resources_no-properties.api2015-11-01.json",
            "kv_nopurgeprotect/ms-get-props-absent.json, Microsoft.KeyVault_vaults.GET_props-absent.2026-02-01.json",
            "kv_nopurgeprotect/ms-list-generic-no-properties.json, Microsoft.KeyVault_vaults.LIST-generic-resources_no-properties.api2015-11-01.json",
            "kv_nologging/ms-get-props-absent.json, Microsoft.KeyVault_vaults.GET_props-absent.2026-02-01.json",
            "kv_nologging/ms-setting-of-another-resource.json, Microsoft.Insights_diagnosticSettings.GET_categoryGroup-allLogs.2021-05-01-preview.json",
            "kv_key_norotation/ms-get-key-no-rotation-policy.json, Microsoft.KeyVault_vaults_keys.GET_no-rotationPolicy.2026-02-01.json",
            "kv_key_norotation/ms-dataplane-rotation-policy.json, Microsoft.KeyVault_vaults_keys.rotationpolicy.DATAPLANE-GET.7.5.json"
    })
    void microsoftCasesHoldTheExampleBodiesUnchanged(String caseFile, String example) throws IOException {
        JsonNode snapshot = MAPPER.readTree(CASES.resolve(caseFile).toFile());
        JsonNode body = MAPPER.readTree(ARM_EXAMPLES.resolve(example).toFile());

        assertThat(contains(snapshot, body)).as("%s holds %s unchanged", caseFile, example).isTrue();
    }

    @Test
    void everyCopiedExampleHasItsProvenanceLine() throws IOException {
        String sources = Files.readString(ARM_EXAMPLES.resolve("SOURCES.txt"));
        try (Stream<Path> files = Files.list(ARM_EXAMPLES)) {
            assertThat(files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".json")))
                    .isNotEmpty()
                    .allSatisfy(name -> assertThat(sources).contains(name + "\n  <- "));
        }
    }

    /**
     * Microsoft's diagnostic setting example (a Logic App's, the only published one) has an empty workspaceId beside
     * a storage account, an event hub and a partner: the empty string is no destination, the others are.
     */
    @Test
    void anEmptyWorkspaceIdIsNoDestinationInMicrosoftsDiagnosticSettingExample() throws IOException {
        Resource setting = Resource.of(MAPPER.readTree(ARM_EXAMPLES
                .resolve("Microsoft.Insights_diagnosticSettings.GET_categoryGroup-allLogs.2021-05-01-preview.json").toFile()));
        Evidence.Builder evidence = Evidence.builder();

        AuditLogSetting read = AuditLogSetting.read(setting, evidence);

        assertThat(read.destinations()).containsExactly("a storage account", "an event hub", "a partner solution");
        assertThat(read.emptyFields()).containsExactly("workspaceId");
        assertThat(read.auditLogs()).containsExactly("categoryGroup allLogs");
        assertThat(read.keepsAuditEvents()).isTrue();
        assertThat(evidence.build().summary()).contains("properties.workspaceId = \"\"");
    }

    private static boolean contains(JsonNode tree, JsonNode body) {
        if (tree.equals(body)) {
            return true;
        }
        for (JsonNode child : tree) {
            if (contains(child, body)) {
                return true;
            }
        }
        return false;
    }
}
