package dev.lensix.plugins.keyvault;

import dev.lensix.api.check.Check;
import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Severity;
import dev.lensix.api.report.Result;
import dev.lensix.testkit.CheckTester;
import dev.lensix.testkit.ExtensionIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What users see of the Key Vault checks in {@code lensix checks list} and in every report's rule text. */
class KeyVaultDescriptorsTest {

    static Stream<Arguments> checks() {
        return Stream.of(
                Arguments.of(new KvNoSoftDeleteCheck(), "kv_nosoftdelete", "Microsoft.KeyVault/vaults", List.of(),
                        "1e66c121-a66a-4b1f-9b83-0fd99bf0fc2d", List.of("CIS Azure 3.0 3.3.5")),
                Arguments.of(new KvNoPurgeProtectCheck(), "kv_nopurgeprotect", "Microsoft.KeyVault/vaults",
                        List.of("Microsoft.RecoveryServices/vaults"), "0b60c0b2-2dc2-4e1c-b5c9-abbed971de53",
                        List.of("CIS Azure 6.0 8.3.5", "MCSB DP-8")),
                Arguments.of(new KvNoLoggingCheck(), "kv_nologging", "Microsoft.KeyVault/vaults",
                        List.of("Microsoft.Insights/diagnosticSettings"), "cf820ca0-f99e-4f3e-84fb-66e913812d21",
                        List.of("CIS Azure 6.0 6.1.1.4", "MCSB LT-3")),
                Arguments.of(new KvKeyNoRotationCheck(), "kv_key_norotation", "Microsoft.KeyVault/vaults/keys", List.of(),
                        "d8cf8476-a2ec-4916-896e-992351803c44", List.of("CIS Azure 6.0 8.3.9")));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("checks")
    void isAMediumKeyVaultCheckWithEverythingAReportShows(Check check, String id, String target, List<String> related,
                                                          String policy, List<String> compliance) {
        CheckDescriptor descriptor = check.descriptor();

        assertThat(descriptor.id()).isEqualTo(id);
        assertThat(descriptor.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(descriptor.service()).isEqualTo("key-vault");
        assertThat(descriptor.targetType()).isEqualTo(target);
        assertThat(descriptor.relatedTypes()).containsExactlyElementsOf(related);
        assertThat(descriptor.complianceIds()).containsExactlyElementsOf(compliance);
        assertThat(descriptor.rationale()).containsIgnoringCase("backup");
        assertThat(descriptor.remediation().azurePolicy()).contains(policy);
        assertThat(descriptor.remediation().azureCli()).hasValueSatisfying(cli -> assertThat(cli).startsWith("az "));
        assertThat(descriptor.remediation().terraform()).hasValueSatisfying(tf -> assertThat(tf).contains("resource \"azurerm_"));
        assertThat(descriptor.references()).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith("https://"));
        assertThat(descriptor.references().get(0)).startsWith("https://learn.microsoft.com/");
    }

    @Test
    void purgeProtectionRemediationWarnsThatItIsIrreversibleAndBlocksTheName() {
        assertThat(KvNoPurgeProtectCheck.DESCRIPTOR.remediation().summary())
                .contains("irreversible", "cannot be turned off", "name cannot be reused");
        assertThat(KvNoPurgeProtectCheck.DESCRIPTOR.remediation().azureCli()).hasValueSatisfying(cli ->
                assertThat(cli).contains("az keyvault update", "--enable-purge-protection true"));
    }

    @Test
    void softDeleteSaysAbsentIsTheDefault() {
        assertThat(KvNoSoftDeleteCheck.DESCRIPTOR.description()).contains("explicitly false", "absent", "February 2025");
    }

    @Test
    void loggingNamesTheCategoriesAndTheDestinations() {
        assertThat(KvNoLoggingCheck.DESCRIPTOR.description()).contains("AuditEvent", "categoryGroup audit or allLogs",
                "workspaceId", "storageAccountId", "eventHubAuthorizationRuleId", "marketplacePartnerId", "empty string");
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("checks")
    void everyResultOfEveryCaseHasEvidenceAndAOneLineMessageNamingTheResource(Check check, String id) throws IOException {
        List<Result> results = CheckTester.of(check).runOnEachCaseIn(Path.of("src/test/resources/cases").resolve(id));

        assertThat(results).isNotEmpty().allSatisfy(result -> {
            assertThat(result.message()).doesNotContain("\n", "\r").contains(result.resource().name());
            assertThat(result.evidence().isEmpty()).as(result.message()).isFalse();
        });
    }

    @Test
    void everyCheckIsAdvertisedToPf4jAsAnExtension() throws IOException {
        List<String> indexed = ExtensionIndex.classNamesSeenBy(getClass().getClassLoader());

        assertThat(indexed).contains(KvNoSoftDeleteCheck.class.getName(), KvNoPurgeProtectCheck.class.getName(),
                KvNoLoggingCheck.class.getName(), KvKeyNoRotationCheck.class.getName());
    }
}
