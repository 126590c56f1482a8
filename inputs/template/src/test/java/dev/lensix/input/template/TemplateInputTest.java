package dev.lensix.input.template;

import dev.lensix.api.input.Collected;
import dev.lensix.api.input.InputException;
import dev.lensix.api.resource.Coverage;
import dev.lensix.api.resource.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The payments example template (examples-iac/arm) and what a user meets around templates: secrets, the Bicep CLI. */
class TemplateInputTest {

    private static final Path EXAMPLE = Path.of("../../examples-iac/arm/backup.json");
    private static final String SCOPE = "/subscriptions/6f1c2d3e-1111-4aaa-8bbb-00000000a001/resourceGroups/rg-backup";
    private static final String GROUP = SCOPE + "/providers";

    @TempDir
    Path work;

    private static Collected read(Path template, Bicep bicep, String... overrides) throws InputException {
        return new TemplateInput(List.of(template), TemplateInput.Options.of(Optional.empty(), List.of(overrides),
                Optional.of(SCOPE), Path.of("../.."), bicep)).read(List.of());
    }

    private static Resource resource(Collected collected, String id) {
        return collected.resources().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow(() ->
                new AssertionError(id + " not among " + collected.resources()));
    }

    @Test
    void theExampleDeploysItsVaultsWithTheKeyAndTheAccessPolicyForTheVaultsIdentity() throws Exception {
        Collected collected = read(EXAMPLE, Bicep.none());
        assertThat(collected.resources()).extracting(Resource::id).containsExactlyInAnyOrder(
                GROUP + "/Microsoft.KeyVault/vaults/kv-backup-cmk",
                GROUP + "/Microsoft.KeyVault/vaults/kv-backup-cmk/keys/backup-cmk",
                GROUP + "/Microsoft.KeyVault/vaults/kv-backup-cmk/providers/Microsoft.Insights/diagnosticSettings/audit-to-law",
                GROUP + "/Microsoft.RecoveryServices/vaults/rsv-payments",
                GROUP + "/Microsoft.KeyVault/vaults/kv-analytics-secrets",
                GROUP + "/Microsoft.KeyVault/vaults/kv-sandbox-secrets",
                GROUP + "/Microsoft.RecoveryServices/vaults/rsv-legacy");
        Resource payments = resource(collected, GROUP + "/Microsoft.RecoveryServices/vaults/rsv-payments");
        Resource keyVault = resource(collected, GROUP + "/Microsoft.KeyVault/vaults/kv-backup-cmk");
        String principal = payments.text("/identity/principalId").orElseThrow();
        assertThat(principal).startsWith("(known after deployment) principal of ");
        // the vaults/accessPolicies resource is merged into its vault, after the policy the vault declares
        assertThat(keyVault.text("/properties/accessPolicies/0/objectId")).hasValue("3b8e5f0a-2c7d-4e91-8a6b-0f4d9c2e1a57");
        assertThat(keyVault.text("/properties/accessPolicies/1/objectId")).hasValue(principal);
        assertThat(keyVault.at("/properties/accessPolicies/1/permissions/keys").toString()).isEqualTo("[\"Get\",\"WrapKey\",\"UnwrapKey\"]");
        assertThat(payments.text("/properties/encryption/keyVaultProperties/keyUri"))
                .hasValue("https://kv-backup-cmk.vault.azure.net/keys/backup-cmk");
        assertThat(payments.origin().orElseThrow().locationOf("properties.encryption.keyVaultProperties.keyUri").describe())
                .isEqualTo("examples-iac/arm/backup.json:114:13");
        assertThat(resource(collected, GROUP + "/Microsoft.RecoveryServices/vaults/rsv-legacy").origin().orElseThrow().address())
                .isEqualTo("legacy-vaults/Microsoft.RecoveryServices/vaults/rsv-legacy");
    }

    @Test
    void whatATemplateDeploysIsAllItsResourcesWillHaveWhatItDoesNotDeployIsNotCollected() throws Exception {
        Collected collected = read(EXAMPLE, Bicep.none());
        Resource analytics = resource(collected, GROUP + "/Microsoft.KeyVault/vaults/kv-analytics-secrets");
        assertThat(collected.coverage().coverage("Microsoft.Insights/diagnosticSettings", analytics)).isEqualTo(Coverage.COLLECTED);
        assertThat(collected.coverage().coverage("Microsoft.RecoveryServices/vaults/backupEncryptionConfigs", analytics))
                .isEqualTo(Coverage.COLLECTED);
        assertThat(collected.coverage().coverage("Microsoft.Storage/storageAccounts", analytics).collected()).isFalse();
    }

    @Test
    void aSecureParameterIsNeverReadEvenWhenGiven() throws Exception {
        Path template = work.resolve("secret.json");
        Files.writeString(template, """
                {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                 "parameters": {"token": {"type": "securestring"}},
                 "resources": [{"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "kv-secret",
                   "properties": {"note": "[concat('token=', parameters('token'))]", "enableSoftDelete": true}}]}
                """);
        Files.writeString(work.resolve("secret.parameters.json"), "{\"parameters\": {\"token\": {\"value\": \"s3cr3t-value\"}}}");
        Collected collected = read(template, Bicep.none(), "token=s3cr3t-override");
        Resource vault = collected.resources().get(0);
        assertThat(vault.json().toString()).doesNotContain("s3cr3t");
        assertThat(vault.locate("/properties/note").notKnownReason()).hasValueSatisfying(reason ->
                assertThat(reason).contains("the secure parameter 'token', which lensix does not read").doesNotContain("s3cr3t"));
        assertThat(vault.bool("/properties/enableSoftDelete")).hasValue(true);
    }

    /** A Key Vault whose purge protection and retention come from parameters {@code purge} (bool) and {@code days} (int). */
    private Path vaultTemplate(String parameters) throws Exception {
        return Files.writeString(work.resolve("vault.json"), """
                {
                  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                  "contentVersion": "1.0.0.0",
                  "parameters": %s,
                  "resources": [{
                    "type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "kv-typed", "location": "westeurope",
                    "properties": {
                      "tenantId": "[subscription().tenantId]", "sku": {"family": "A", "name": "standard"},
                      "enablePurgeProtection": "[parameters('purge')]", "softDeleteRetentionInDays": "[parameters('days')]"
                    }
                  }]
                }
                """.formatted(parameters));
    }

    private void parametersFile(String parameters) throws Exception {
        Files.writeString(work.resolve("vault.parameters.json"), """
                {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
                 "contentVersion": "1.0.0.0", "parameters": %s}
                """.formatted(parameters));
    }

    @Test
    void aParameterValueOfAnotherTypeThanDeclaredIsAnInputErrorNotAVerdict() throws Exception {
        String declared = "{\"purge\": {\"type\": \"bool\"}, \"days\": {\"type\": \"int\", \"defaultValue\": 90}}";
        Path template = vaultTemplate(declared);
        parametersFile("{\"purge\": {\"value\": \"true\"}}");
        assertThatThrownBy(() -> read(template, Bicep.none())).isInstanceOf(InputException.class)
                .hasMessageContaining("vault.json:4: parameters.purge: parameter 'purge' is declared bool, but its value is a string");
        parametersFile("{\"purge\": {\"value\": null}}");
        assertThatThrownBy(() -> read(template, Bicep.none())).isInstanceOf(InputException.class)
                .hasMessageContaining("parameter 'purge' is declared bool, but its value is null (declare it nullable");
        parametersFile("{\"purge\": {\"value\": true}}");
        Path badDefault = vaultTemplate("{\"purge\": {\"type\": \"bool\"}, \"days\": {\"type\": \"int\", \"defaultValue\": \"abc\"}}");
        assertThatThrownBy(() -> read(badDefault, Bicep.none())).isInstanceOf(InputException.class)
                .hasMessageContaining("parameter 'days' is declared int, but its default value is a string");
    }

    @Test
    void aNullableParameterMayBeNullAndLeavesItsPropertyUnset() throws Exception {
        Path template = vaultTemplate("{\"purge\": {\"type\": \"bool\", \"nullable\": true}, \"days\": {\"type\": \"int\", \"defaultValue\": 90}}");
        parametersFile("{\"purge\": {\"value\": null}}");
        Resource vault = read(template, Bicep.none()).resources().get(0);
        assertThat(vault.at("/properties/enablePurgeProtection").isMissingNode()).isTrue();
        assertThat(vault.at("/properties/softDeleteRetentionInDays").asInt()).isEqualTo(90);
    }

    @Test
    void aFieldTwiceInOneObjectIsAnInputError() throws Exception {
        Path template = vaultTemplate("{\"purge\": {\"type\": \"bool\"}, \"days\": {\"type\": \"int\", \"defaultValue\": 90}}");
        parametersFile("{\"purge\": {\"value\": false}, \"purge\": {\"value\": true}}");
        assertThatThrownBy(() -> read(template, Bicep.none())).isInstanceOf(InputException.class)
                .hasMessageContaining("vault.parameters.json").hasMessageContaining("Duplicate field 'purge'");
        parametersFile("{\"purge\": {\"value\": false}}");
        Path twice = vaultTemplate("{\"purge\": {\"type\": \"bool\"}, \"purge\": {\"type\": \"string\"}, \"days\": {\"type\": \"int\", \"defaultValue\": 90}}");
        assertThatThrownBy(() -> read(twice, Bicep.none())).isInstanceOf(InputException.class)
                .hasMessageContaining("vault.json").hasMessageContaining("Duplicate field 'purge'");
    }

    @Test
    void aBicepFileWithoutTheBicepCliIsOneLineSayingWhatToDo() throws Exception {
        Path bicep = Files.writeString(work.resolve("main.bicep"), "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {}\n");
        assertThatThrownBy(() -> read(bicep, Bicep.none())).isInstanceOf(InputException.class)
                .hasMessage(bicep + ": a Bicep file: lensix compiles it with the Bicep CLI, which is not on the PATH; install it"
                        + " (https://aka.ms/bicep-install) or scan the output of bicep build main.bicep (a .json template)");
    }

    @Test
    void aBicepFileThatDoesNotCompileGivesTheCompilersError() throws Exception {
        Path bicep = Files.writeString(work.resolve("broken.bicep"), "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n");
        Files.writeString(work.resolve("broken.error.txt"), "Build started\n" + bicep
                + "(2,1) : Error BCP018: Expected the \"}\" character at this location.\n");
        assertThatThrownBy(() -> read(bicep, StandInBicep.compiledBeside())).isInstanceOf(InputException.class)
                .hasMessage(bicep + ": bicep build failed (exit 1): " + bicep
                        + "(2,1) : Error BCP018: Expected the \"}\" character at this location.");
    }

    @Test
    void aBicepparamFileBesideTheBicepFileGivesItsParameters() throws Exception {
        Files.writeString(work.resolve("vault.bicep"), """
                param vaultName string

                resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
                  name: vaultName
                  properties: {
                    enableSoftDelete: true
                  }
                }
                """);
        Files.writeString(work.resolve("vault.compiled.json"), """
                {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                 "contentVersion": "1.0.0.0",
                 "metadata": {"_generator": {"name": "bicep", "version": "0.30.23.60470"}},
                 "parameters": {"vaultName": {"type": "string"}},
                 "resources": [{"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01",
                   "name": "[parameters('vaultName')]", "properties": {"enableSoftDelete": true}}]}
                """);
        Files.writeString(work.resolve("vault.bicepparam"), "using 'vault.bicep'\nparam vaultName = 'kv-from-bicepparam'\n");
        Files.writeString(work.resolve("vault.compiled-params.json"), "{\"parametersJson\": \"{\\\"parameters\\\": "
                + "{\\\"vaultName\\\": {\\\"value\\\": \\\"kv-from-bicepparam\\\"}}}\"}");
        Collected collected = read(work.resolve("vault.bicep"), StandInBicep.compiledBeside());
        Resource vault = collected.resources().get(0);
        assertThat(vault.name()).isEqualTo("kv-from-bicepparam");
        assertThat(vault.origin().orElseThrow().declaration().line()).isEqualTo(3);
        assertThat(vault.origin().orElseThrow().locationOf("properties.enableSoftDelete").line()).isEqualTo(6);
    }

    @Test
    void aFileThatIsNoTemplateIsOneLine() throws Exception {
        Path notTemplate = Files.writeString(work.resolve("params.json"),
                "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#\"}");
        assertThatThrownBy(() -> read(notTemplate, Bicep.none())).hasMessageEndingWith(
                "params.json: not an ARM template (its $schema is not .../deploymentTemplate.json#)");
        Path broken = Files.writeString(work.resolve("broken.json"), "{\"$schema\": \"x\",\n \"resources\": [\n");
        assertThatThrownBy(() -> read(broken, Bicep.none())).hasMessageContaining("broken.json:3:1: not valid JSON");
    }
}
