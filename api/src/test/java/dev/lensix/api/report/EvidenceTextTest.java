package dev.lensix.api.report;

import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Observation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EvidenceTextTest {

    private static final String VAULT = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/rsv-prod";
    private static final String KEY_VAULT = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-prod";

    private static Evidence evidence(Observation... observations) {
        return new Evidence(List.of(observations));
    }

    @Test
    void noEvidenceIsAnEmptyText() {
        assertThat(EvidenceText.of(VAULT, Evidence.none())).isEmpty();
    }

    @Test
    void theResultsOwnResourceNeedsNoPrefixAndItsObservationsShareOneLine() {
        Evidence evidence = evidence(
                new Observation(VAULT, "properties.encryption.keyVaultProperties.keyUri", Observation.ABSENT, false),
                new Observation(VAULT, "properties.encryption.infrastructureEncryption", "\"Enabled\"", true));

        assertThat(EvidenceText.of(VAULT, evidence)).isEqualTo(
                "properties.encryption.keyVaultProperties.keyUri = (absent); properties.encryption.infrastructureEncryption = \"Enabled\"");
    }

    @Test
    void aResourceBeneathTheResultsOwnIsNamedRelativeToIt() {
        Evidence evidence = evidence(
                new Observation(VAULT, "sku.name", "\"Standard\"", true),
                new Observation(VAULT + "/backupEncryptionConfigs/backupResourceEncryptionConfig",
                        "properties.encryptionAtRestType", "\"MicrosoftManaged\"", true));

        assertThat(EvidenceText.of(VAULT, evidence)).isEqualTo("""
                sku.name = "Standard"
                ./backupEncryptionConfigs/backupResourceEncryptionConfig: properties.encryptionAtRestType = "MicrosoftManaged\"""");
    }

    @Test
    void aResourceAnEarlierObservationNamedIsCalledByThatObservationsLabel() {
        Evidence evidence = evidence(
                new Observation(VAULT, "keyVault", "\"" + KEY_VAULT.toUpperCase() + "\"", true, Observation.Kind.NOTE),
                new Observation(KEY_VAULT, "properties.enableSoftDelete", "true", true),
                new Observation(KEY_VAULT, "properties.enablePurgeProtection", "false", true),
                new Observation(KEY_VAULT + "/keys/cmk", "properties.attributes.enabled", "true", true));

        assertThat(EvidenceText.of(VAULT, evidence)).isEqualTo("""
                keyVault = "%s"
                keyVault: properties.enableSoftDelete = true; properties.enablePurgeProtection = false
                keyVault/keys/cmk: properties.attributes.enabled = true""".formatted(KEY_VAULT.toUpperCase()));
    }

    @Test
    void aPathThatIsNotAPlainNameOrAnAbsentValueIsNeverALabel() {
        Evidence evidence = evidence(
                new Observation(VAULT, "properties.keyVaultId", "\"" + KEY_VAULT + "\"", true),
                new Observation(VAULT, "keyVault", "\"" + KEY_VAULT + "\"", false),
                new Observation(KEY_VAULT, "properties.enableSoftDelete", "true", true));

        assertThat(EvidenceText.of(VAULT, evidence).lines().toList())
                .last().isEqualTo(KEY_VAULT + ": properties.enableSoftDelete = true");
    }

    @Test
    void anUnrelatedResourceIsNamedByItsFullIdAndReturningToTheOwnResourceStartsANewLine() {
        String other = "/subscriptions/1111/resourceGroups/rg2/providers/Microsoft.KeyVault/vaults/kv-dr";
        Evidence evidence = evidence(
                new Observation(VAULT, "identity.type", "\"SystemAssigned\"", true),
                new Observation(other, "properties.enableRbacAuthorization", "true", true),
                new Observation(VAULT, "identity.principalId", "\"p-1\"", true));

        assertThat(EvidenceText.of(VAULT, evidence)).isEqualTo("""
                identity.type = "SystemAssigned"
                %s: properties.enableRbacAuthorization = true
                identity.principalId = "p-1\"""".formatted(other));
    }

    @Test
    void aResourceWhoseNameOnlyStartsLikeTheResultsIsNotBeneathIt() {
        Evidence evidence = evidence(new Observation(VAULT + "-dr", "properties.provisioningState", "\"Succeeded\"", true));

        assertThat(EvidenceText.of(VAULT, evidence)).isEqualTo(VAULT + "-dr: properties.provisioningState = \"Succeeded\"");
    }

    @Test
    void notKnownValuesAreWrittenAsTheCheckRecordedThem() {
        Evidence evidence = evidence(new Observation(VAULT, "properties.encryption", "(not known: the export cut it short)",
                false, Observation.Kind.NOT_KNOWN));

        assertThat(EvidenceText.of(VAULT, evidence)).isEqualTo("properties.encryption = (not known: the export cut it short)");
    }

    @Test
    void aLabelIsAPlainNameAsTheRegularExpressionSaysIt() {
        java.util.regex.Pattern label = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
        for (String path : java.util.List.of("keyVault", "k", "key_vault-2", "", "2vault", "key.vault", "kéy", "a".repeat(64),
                "a".repeat(65), "-x", "_x", "keyVault ", "properties.enableSoftDelete")) {
            org.assertj.core.api.Assertions.assertThat(EvidenceText.isLabel(path)).as(path).isEqualTo(label.matcher(path).matches());
        }
    }
}
