package dev.lensix.plugins.recoveryservices;

import dev.lensix.testkit.ExtensionIndex;
import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Remediation;
import dev.lensix.api.check.Severity;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What users see of rsv_nobyok in {@code lensix checks list} and in every report's rule text. */
class RsvNoByokDescriptorTest {

    private final CheckDescriptor descriptor = new RsvNoByokCheck().descriptor();

    @Test
    void isTheHighSeverityRecoveryServicesCheckOnVaults() {
        assertThat(descriptor.id()).isEqualTo("rsv_nobyok");
        assertThat(descriptor.severity()).isEqualTo(Severity.HIGH);
        assertThat(descriptor.service()).isEqualTo("recovery-services");
        assertThat(descriptor.title()).containsIgnoringCase("customer-managed key");
        assertThat(descriptor.complianceIds()).containsExactly("NIST SP 800-53 R5 SC-12");
    }

    @Test
    void asksCollectorsForTheVaultsAndTheirBackupEncryptionConfigs() {
        assertThat(descriptor.targetType()).isEqualTo("Microsoft.RecoveryServices/vaults");
        assertThat(descriptor.relatedTypes()).containsExactly("Microsoft.RecoveryServices/vaults/backupEncryptionConfigs");
    }

    @Test
    void explainsWhyBringingYourOwnKeyMattersForBackups() {
        assertThat(descriptor.description()).contains("keyUri", "encryptionAtRestType");
        assertThat(descriptor.rationale()).contains("revoke", "rotation", "separates duties");
    }

    @Test
    void remediationGivesTheThreeStepsAsAzCommandsTerraformAndThePolicy() {
        Remediation remediation = descriptor.remediation();

        assertThat(remediation.summary())
                .contains("soft delete", "purge protection", "2048", "get, wrapKey and unwrapKey")
                .contains("no protected items", "cannot go back to platform-managed keys", "create a new vault");
        assertThat(remediation.azureCli()).hasValueSatisfying(cli -> assertThat(cli)
                .contains("az keyvault create", "--enable-purge-protection true")
                .contains("az keyvault key create", "--kty RSA --size 3072")
                .contains("az backup vault identity assign", "--system-assigned")
                .contains("az keyvault set-policy", "--key-permissions get wrapKey unwrapKey")
                .contains("az backup vault encryption update", "--encryption-key-id", "--mi-system-assigned"));
        assertThat(remediation.terraform()).hasValueSatisfying(terraform -> assertThat(terraform)
                .contains("resource \"azurerm_recovery_services_vault\"", "encryption {", "key_id",
                        "infrastructure_encryption_enabled", "use_system_assigned_identity",
                        "user_assigned_identity_id"));
        assertThat(remediation.azurePolicy()).contains("2e94d99a-8a36-4563-bc77-810d8893b671");
    }

    @Test
    void plainTextReportsCarryEveryPartOfTheRemediation() {
        String text = descriptor.remediation().asPlainText();

        assertThat(text).contains("Azure CLI:\naz keyvault create", "Terraform:\nresource \"azurerm_recovery_services_vault\"",
                "Azure Policy built-in: 2e94d99a-8a36-4563-bc77-810d8893b671");
    }

    @Test
    void pointsFirstAtMicrosoftsCustomerManagedKeyGuideAndAtThePolicyDefinition() {
        assertThat(descriptor.references()).first().isEqualTo("https://learn.microsoft.com/azure/backup/encryption-at-rest-with-cmk");
        assertThat(descriptor.references()).anySatisfy(url -> assertThat(url).contains("AzBackupRSVault_CMKEnabled_Audit"))
                .allSatisfy(url -> assertThat(url).startsWith("https://"));
    }

    @Test
    void isAdvertisedToPf4jAsAnExtension() throws IOException {
        List<String> indexed = ExtensionIndex.classNamesSeenBy(getClass().getClassLoader());

        assertThat(indexed).contains(RsvNoByokCheck.class.getName());
    }
}
