package dev.lensix.plugins.recoveryservices;

import dev.lensix.api.check.Check;
import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Severity;
import dev.lensix.api.report.Result;
import dev.lensix.testkit.CheckTester;
import dev.lensix.testkit.ExtensionIndex;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What users see of the customer-managed-key checks in {@code lensix checks list} and in every report. */
class CmkDescriptorsTest {

    private static final Path CASES = Path.of("src/test/resources/cases");

    static Stream<Arguments> checks() {
        return Stream.of(
                Arguments.of(new RsvCmkUnusableCheck(CmkCasesTest.FIXED), "rsv_cmk_unusable", Severity.CRITICAL,
                        List.of("Microsoft.KeyVault/vaults", "Microsoft.KeyVault/vaults/keys", "Microsoft.KeyVault/vaults/keys/versions")),
                Arguments.of(new RsvCmkNoAccessCheck(), "rsv_cmk_noaccess", Severity.HIGH,
                        List.of("Microsoft.KeyVault/vaults", "Microsoft.Authorization/roleAssignments",
                                "Microsoft.Authorization/roleDefinitions")),
                Arguments.of(new RsvCmkPinnedCheck(), "rsv_cmk_pinned", Severity.LOW, List.of()));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("checks")
    void isARecoveryServicesCheckWithEverythingAReportShows(Check check, String id, Severity severity, List<String> related) {
        CheckDescriptor descriptor = check.descriptor();

        assertThat(descriptor.id()).isEqualTo(id);
        assertThat(descriptor.severity()).isEqualTo(severity);
        assertThat(descriptor.service()).isEqualTo("recovery-services");
        assertThat(descriptor.targetType()).isEqualTo("Microsoft.RecoveryServices/vaults");
        assertThat(descriptor.relatedTypes()).containsExactlyElementsOf(related);
        assertThat(descriptor.rationale()).containsIgnoringCase("backup");
        assertThat(descriptor.remediation().azureCli()).hasValueSatisfying(cli -> assertThat(cli).startsWith("az "));
        assertThat(descriptor.remediation().terraform()).hasValueSatisfying(tf -> assertThat(tf).contains("resource \"azurerm_"));
        assertThat(descriptor.remediation().azurePolicy()).isPresent();
        assertThat(descriptor.references()).first().isEqualTo("https://learn.microsoft.com/azure/backup/encryption-at-rest-with-cmk");
        assertThat(descriptor.complianceIds()).contains("NIST SP 800-53 R5 SC-12");
    }

    @Test
    void noAccessNamesTheFourBuiltInRoles() {
        assertThat(RsvCmkNoAccessCheck.DESCRIPTOR.description()).contains("Crypto Service Encryption User", "Crypto User",
                "Crypto Officer", "Administrator", "dataActions");
        assertThat(RoleGrant.BUILT_IN_ROLES).containsOnlyKeys("e147488a-f6f5-4113-8e2d-b22465e65bf6",
                "12338af0-0e69-4776-bea7-57ae8d297424", "14b46e9e-c2b7-41b4-b07b-48a6ebf60603",
                "00482a5a-887f-4fb3-b363-3b7fe8e74483");
    }

    @Test
    void theUnusableCheckGetsItsClockFromGuiceAndNeverReadsTheSystemClock() throws NoSuchMethodException {
        assertThat(RsvCmkUnusableCheck.class.getConstructor(Clock.class).isAnnotationPresent(Inject.class)).isTrue();
        assertThat(RsvCmkUnusableCheck.class.getConstructors()).hasSize(1);
        assertThatThrownBy(() -> new RsvCmkUnusableCheck(null)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("checks")
    void everyResultOfEveryCaseHasEvidenceAndAOneLineMessageNamingTheVault(Check check, String id) throws IOException {
        List<Result> results = CheckTester.of(check).runOnEachCaseIn(CASES.resolve(id));

        assertThat(results).isNotEmpty().allSatisfy(result -> {
            assertThat(result.message()).doesNotContain("\n", "\r").contains(result.resource().name());
            assertThat(result.evidence().isEmpty()).as(result.message()).isFalse();
        });
    }

    @Test
    void everyCheckIsAdvertisedToPf4jAsAnExtension() throws IOException {
        List<String> indexed = ExtensionIndex.classNamesSeenBy(getClass().getClassLoader());

        assertThat(indexed).contains(RsvCmkUnusableCheck.class.getName(), RsvCmkNoAccessCheck.class.getName(),
                RsvCmkPinnedCheck.class.getName(), RsvNoByokCheck.class.getName());
    }
}
