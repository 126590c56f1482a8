package dev.lensix.input.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.lensix.api.input.Collected;
import dev.lensix.api.input.InputException;
import dev.lensix.api.resource.Located;
import dev.lensix.api.resource.Presence;
import dev.lensix.api.resource.Resource;
import dev.lensix.api.resource.SourceLocation;
import dev.lensix.input.terraform.mapping.KeyVaultKeyMapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Plans written to Terraform's documented JSON plan format (terraform show -json), with their .tf sources: the
 * payments example (examples-iac/terraform) and an edge-case plan (count, modules and their outputs, values unknown
 * until apply, a sensitive value, an update and a delete, azapi).
 */
class TerraformPlanInputTest {

    private static final Path REPOSITORY = Path.of("../..");
    private static final Path EXAMPLE = REPOSITORY.resolve("examples-iac/terraform/plan.json");
    private static final Path EDGE = Path.of("src/test/resources/plans/edge/plan.json");
    private static final String SUB = "6f1c2d3e-1111-4aaa-8bbb-00000000a001";
    private static final String RG = "/subscriptions/" + SUB + "/resourceGroups/rg-backup";
    private static final String SECRET = "c0ffee00-5ec2-4e7a-9d1b-5ec2e75ec2e7";

    private static Map<String, Resource> read(Path plan, Path sourceRoot) throws InputException {
        Collected collected = new TerraformPlanInput(List.of(plan), sourceRoot).read(List.of());
        return collected.resources().stream().collect(Collectors.toMap(Resource::name, resource -> resource, (first, second) -> first));
    }

    private static String text(Resource resource, String pointer) {
        return resource.at(pointer).asText();
    }

    @Test
    void theExamplesResourcesInTheShapeResourceManagerGivesThem() throws Exception {
        Map<String, Resource> byName = read(EXAMPLE, REPOSITORY);
        assertThat(byName.keySet()).as("the resource group and workspace are of types no check reads")
                .containsExactlyInAnyOrder("kv-backup-cmk", "backup-cmk", "rsv-payments", "rsv-legacy", "audit-to-law",
                        "kv-analytics-secrets", "kv-sandbox-secrets");
        Resource vault = byName.get("kv-backup-cmk");
        assertThat(vault.id()).isEqualTo(RG + "/providers/Microsoft.KeyVault/vaults/kv-backup-cmk");
        assertThat(vault.at("/properties/enablePurgeProtection").asBoolean()).isTrue();
        assertThat(text(vault, "/properties/vaultUri")).isEqualTo("https://kv-backup-cmk.vault.azure.net/");
        Resource key = byName.get("backup-cmk");
        assertThat(key.id()).isEqualTo(vault.id() + "/keys/backup-cmk");
        assertThat(text(key, "/properties/rotationPolicy/lifetimeActions/0/action/type")).isEqualTo("Rotate");
        assertThat(text(key, "/properties/rotationPolicy/lifetimeActions/0/trigger/timeBeforeExpiry")).isEqualTo("P30D");
        Resource protectedVault = byName.get("rsv-payments");
        assertThat(text(protectedVault, "/properties/encryption/keyVaultProperties/keyUri"))
                .as("the key the vault refers to, created by the same plan").isEqualTo("https://kv-backup-cmk.vault.azure.net/keys/backup-cmk");
        assertThat(text(protectedVault, "/properties/encryption/infrastructureEncryption")).isEqualTo("Enabled");
        assertThat(byName.get("rsv-legacy").locate("/properties/encryption").presence()).as("no encryption block")
                .isEqualTo(Presence.ABSENT);
        Resource setting = byName.get("audit-to-law");
        assertThat(setting.id()).isEqualTo(vault.id() + "/providers/Microsoft.Insights/diagnosticSettings/audit-to-law");
        assertThat(text(setting, "/properties/workspaceId")).contains("azurerm_log_analytics_workspace.security");
        assertThat(text(setting, "/properties/logs/0/categoryGroup")).isEqualTo("audit");
        assertThat(byName.get("kv-sandbox-secrets").at("/properties/enablePurgeProtection").asBoolean())
                .as("a module input from for_each's value").isFalse();
    }

    @Test
    void anAccessPolicyResourceGrantsTheVaultIdentityItRefersTo() throws Exception {
        Map<String, Resource> byName = read(EXAMPLE, REPOSITORY);
        String principal = text(byName.get("rsv-payments"), "/identity/principalId");
        assertThat(principal).startsWith("(known after apply) azurerm_recovery_services_vault.protected.identity[0].principal_id");
        JsonNode policies = byName.get("kv-backup-cmk").at("/properties/accessPolicies");
        assertThat(policies).hasSize(2);
        assertThat(policies.get(1).path("objectId").asText()).isEqualTo(principal);
        assertThat(policies.get(1).path("permissions").path("keys").toString()).isEqualTo("[\"Get\",\"WrapKey\",\"UnwrapKey\"]");
        assertThat(byName.get("kv-backup-cmk").origin().orElseThrow().locationOf("properties.accessPolicies.1"))
                .as("the policy points at its own resource block").isEqualTo(new SourceLocation("examples-iac/terraform/main.tf", 74, 1, 79));
    }

    @Test
    void eachResourceCarriesTheLinesThatDeclareAndSetIt() throws Exception {
        Map<String, Resource> byName = read(EXAMPLE, REPOSITORY);
        var origin = byName.get("rsv-payments").origin().orElseThrow();
        assertThat(origin.input()).isEqualTo("examples-iac/terraform/plan.json");
        assertThat(origin.address()).isEqualTo("azurerm_recovery_services_vault.protected");
        assertThat(origin.declaration()).isEqualTo(new SourceLocation("examples-iac/terraform/main.tf", 57, 1, 72));
        assertThat(origin.locationOf("properties.encryption.keyVaultProperties.keyUri"))
                .isEqualTo(SourceLocation.at("examples-iac/terraform/main.tf", 68, 5));
        var module = byName.get("kv-analytics-secrets").origin().orElseThrow();
        assertThat(module.address()).isEqualTo("module.team_vaults[\"analytics\"].azurerm_key_vault.this");
        assertThat(module.locationOf("properties.enablePurgeProtection"))
                .isEqualTo(SourceLocation.at("examples-iac/terraform/modules/vault/main.tf", 24, 3));
    }

    @Test
    void withoutTheTfSourcesAResultPointsAtItsChangeInThePlan(@TempDir Path folder) throws Exception {
        Path plan = Files.copy(EXAMPLE, folder.resolve("plan.json"));
        Resource legacy = read(plan, folder).get("rsv-legacy");
        SourceLocation declaration = legacy.origin().orElseThrow().declaration();
        assertThat(declaration.file()).isEqualTo("plan.json");
        assertThat(Files.readAllLines(plan).get(declaration.line() - 1)).as("the line its change starts on").contains("{");
        assertThat(Files.readAllLines(plan).get(declaration.line())).contains("azurerm_recovery_services_vault.legacy");
        assertThat(Files.readAllLines(plan).get(declaration.line() - 1).charAt(declaration.column() - 1))
                .as("the column of the change's opening brace").isEqualTo('{');
        assertThat(Files.readAllLines(plan).get(declaration.endLine() - 1).strip()).as("and its closing brace")
                .startsWith("}");
        assertThat(declaration.endLine()).isGreaterThan(declaration.line() + 5);
    }

    @Test
    void aValueKnownOnlyAfterApplyIsNotKnownUnlessTheReferenceCanTellIt() throws Exception {
        Map<String, Resource> byName = read(EDGE, REPOSITORY);
        Located external = byName.get("rsv-external-key").locate("/properties/encryption/keyVaultProperties/keyUri");
        assertThat(external.presence()).isEqualTo(Presence.NOT_KNOWN);
        assertThat(external.reason()).contains("known only after apply", "data.azurerm_key_vault_key.shared.versionless_id");
        assertThat(text(byName.get("rsv-via-module"), "/properties/encryption/keyVaultProperties/keyUri"))
                .as("through the module's output").isEqualTo("https://kv-edge-1.vault.azure.net/keys/module-cmk");
        assertThat(text(byName.get("rsv-pinned"), "/properties/encryption/keyVaultProperties/keyUri"))
                .as("a key's id pins its version, which the key is created with")
                .isEqualTo("https://kv-edge-0.vault.azure.net/keys/cmk/" + KeyVaultKeyMapping.VERSION_KNOWN_AFTER_APPLY);
    }

    @Test
    void countInstancesUpdatesDeletesAndAzapi() throws Exception {
        Collected collected = new TerraformPlanInput(List.of(EDGE), REPOSITORY).read(List.of());
        List<String> ids = collected.resources().stream().map(Resource::id).toList();
        String rg = "/subscriptions/" + SUB + "/resourceGroups/rg-edge/providers/";
        assertThat(ids).as("the subscription from the provider's variable; count instances apart; the deleted vault gone")
                .contains(rg + "Microsoft.KeyVault/vaults/kv-edge-0/keys/cmk", rg + "Microsoft.KeyVault/vaults/kv-edge-1/keys/cmk",
                        rg + "Microsoft.KeyVault/vaults/kv-edge-1/keys/module-cmk", rg + "Microsoft.KeyVault/vaults/kv-existing",
                        rg + "Microsoft.KeyVault/vaults/kv-azapi")
                .noneMatch(id -> id.contains("kv-retired"));
        assertThat(collected.problems()).isEmpty();
        Map<String, Resource> byName = read(EDGE, REPOSITORY);
        assertThat(byName.get("kv-azapi").at("/properties/enableSoftDelete").asBoolean()).isTrue();
        assertThat(byName.get("kv-azapi").type()).isEqualTo("Microsoft.KeyVault/vaults");
        Resource assignment = collected.resources().stream().filter(resource -> resource.type().endsWith("roleAssignments"))
                .findFirst().orElseThrow();
        assertThat(assignment.id()).startsWith(rg + "Microsoft.KeyVault/vaults/kv-edge-1/providers/Microsoft.Authorization/roleAssignments/");
        assertThat(text(assignment, "/properties/roleDefinitionId")).endsWith("/roleDefinitions/e147488a-f6f5-4113-8e2d-b22465e65bf6");
        assertThat(text(assignment, "/properties/principalId")).isEqualTo(text(byName.get("rsv-via-module"), "/identity/principalId"));
    }

    @Test
    void aSensitiveValueIsNeverReadOrKept() throws Exception {
        Resource vault = read(EDGE, REPOSITORY).get("kv-edge-0");
        Located objectId = vault.locate("/properties/accessPolicies/0/objectId");
        assertThat(objectId.presence()).isEqualTo(Presence.NOT_KNOWN);
        assertThat(objectId.reason()).contains("sensitive");
        assertThat(vault.json().toString()).doesNotContain(SECRET);
        assertThat(vault.toString()).doesNotContain(SECRET);
    }

    @Test
    void whatAPlanDeclaresCoversItsChildrenNotTheResourcesOutsideIt() throws Exception {
        Collected collected = new TerraformPlanInput(List.of(EXAMPLE), REPOSITORY).read(List.of());
        Resource vault = collected.resources().stream().filter(resource -> resource.name().equals("kv-backup-cmk")).findFirst().orElseThrow();
        Resource recoveryVault = collected.resources().stream().filter(resource -> resource.name().equals("rsv-payments")).findFirst().orElseThrow();
        assertThat(collected.coverage("Microsoft.KeyVault/vaults/keys", vault).collected()).isTrue();
        assertThat(collected.coverage("Microsoft.Insights/diagnosticSettings", vault).collected()).isTrue();
        assertThat(collected.coverage("Microsoft.KeyVault/vaults", recoveryVault).collected())
                .as("a Key Vault elsewhere is not in the plan").isFalse();
        assertThat(collected.coverage("Microsoft.RecoveryServices/vaults/backupEncryptionConfigs", recoveryVault).reason())
                .contains("Terraform plan");
    }

    /** The example plan with one change's JSON edited, as a damaged or hand-edited plan would have it. */
    private static Path exampleWith(Path folder, String address, java.util.function.Consumer<ObjectNode> edit) throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode plan = json.readTree(EXAMPLE.toFile());
        for (JsonNode change : plan.path("resource_changes")) {
            if (change.path("address").asText().equals(address)) {
                edit.accept((ObjectNode) change);
            }
        }
        return Files.writeString(folder.resolve("plan.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(plan));
    }

    private static final String PROTECTED = "azurerm_recovery_services_vault.protected";
    private static final String KEY_VAULT = "azurerm_key_vault.backup";

    @Test
    void aChangeWithoutWhatTerraformWritesIsOneClearLineNotAVerdict(@TempDir Path folder) throws Exception {
        Map<String, java.util.function.Consumer<ObjectNode>> broken = new java.util.LinkedHashMap<>();
        broken.put("has no \"change\" object", change -> change.putNull("change"));
        broken.put("is to create but its \"after\" is not an object", change -> ((ObjectNode) change.path("change")).put("after", "text"));
        broken.put("is to create but its \"after\" is null", change -> ((ObjectNode) change.path("change")).putNull("after"));
        broken.put("has no \"actions\" list", change -> ((ObjectNode) change.path("change")).remove("actions"));
        broken.put("has no \"actions\" list ", change -> ((ObjectNode) change.path("change")).put("actions", "delete"));
        broken.put("has the action \"frobnicate\"", change -> ((ObjectNode) change.path("change")).putArray("actions").add("frobnicate"));
        broken.put("has no \"type\" text", change -> change.put("type", 7));
        for (Map.Entry<String, java.util.function.Consumer<ObjectNode>> damage : broken.entrySet()) {
            Path plan = exampleWith(folder, PROTECTED, damage.getValue());
            assertThatThrownBy(() -> read(plan, folder)).as(damage.getKey()).isInstanceOf(InputException.class)
                    .hasMessageStartingWith(folder.resolve("plan.json").toAbsolutePath().normalize().getFileName() + ": line ")
                    .hasMessageContaining("the resource change " + PROTECTED + " " + damage.getKey().strip());
        }
    }

    @Test
    void aFieldTwiceInOneObjectIsAnInputError(@TempDir Path folder) throws Exception {
        Path plan = Files.writeString(folder.resolve("plan.json"),
                "{\"format_version\": \"1.2\", \"resource_changes\": [{\"address\": \"a.b\", \"address\": \"a.c\"}]}");
        assertThatThrownBy(() -> PlanDocument.read(plan)).isInstanceOf(InputException.class)
                .hasMessageContaining("not valid JSON at line 1").hasMessageContaining("Duplicate field 'address'");
    }

    @Test
    void aValueOfAnotherTypeThanTerraformWritesIsNotKnown(@TempDir Path folder) throws Exception {
        Resource vault = read(exampleWith(folder, KEY_VAULT, change -> ((ObjectNode) change.path("change").path("after"))
                .put("purge_protection_enabled", "true")), folder).get("kv-backup-cmk");
        Located purge = vault.locate("/properties/enablePurgeProtection");
        assertThat(purge.presence()).isEqualTo(Presence.NOT_KNOWN);
        assertThat(purge.reason()).contains(KEY_VAULT + ".purge_protection_enabled holds a string where Terraform writes a bool");

        for (JsonNode encryption : List.of(TextNode.valueOf("text"), new ObjectMapper().readTree("{\"key_id\": \"x\"}"))) {
            Resource backup = read(exampleWith(folder, PROTECTED, change -> ((ObjectNode) change.path("change").path("after"))
                    .set("encryption", encryption)), folder).get("rsv-payments");
            Located keyUri = backup.locate("/properties/encryption/keyVaultProperties/keyUri");
            assertThat(keyUri.presence()).as("encryption written as " + encryption).isEqualTo(Presence.NOT_KNOWN);
            assertThat(keyUri.reason()).contains(PROTECTED + ".encryption holds");
        }

        Resource yes = read(exampleWith(folder, PROTECTED, change -> ((ObjectNode) change.path("change").path("after")
                .path("encryption").get(0)).put("infrastructure_encryption_enabled", "yes")), folder).get("rsv-payments");
        assertThat(yes.locate("/properties/encryption/infrastructureEncryption").presence())
                .as("not Disabled: \"yes\" is no bool").isEqualTo(Presence.NOT_KNOWN);
    }

    @Test
    void aBlockKnownOnlyAfterApplyIsNotKnownAsAWholeNotAbsent(@TempDir Path folder) throws Exception {
        Resource backup = read(exampleWith(folder, PROTECTED, change -> {
            ((ObjectNode) change.path("change").path("after")).remove("encryption");
            ((ObjectNode) change.path("change").path("after_unknown")).put("encryption", true);
        }), folder).get("rsv-payments");
        for (String pointer : List.of("/properties/encryption", "/properties/encryption/kekIdentity",
                "/properties/encryption/keyVaultProperties/keyUri")) {
            Located located = backup.locate(pointer);
            assertThat(located.presence()).as(pointer).isEqualTo(Presence.NOT_KNOWN);
            assertThat(located.reason()).contains("known only after apply (" + PROTECTED + ".encryption");
        }
    }

    @Test
    void whatIsNoPlanIsOneClearLine(@TempDir Path folder) throws Exception {
        Path state = Files.writeString(folder.resolve("state.json"),
                "{\"format_version\": \"1.0\", \"terraform_version\": \"1.9.8\", \"values\": {\"root_module\": {}}}");
        assertThatThrownBy(() -> PlanDocument.read(state)).isInstanceOf(InputException.class)
                .hasMessage(state + ": a Terraform state, not a plan: run terraform plan -out PLANFILE, then terraform show -json PLANFILE");
        Path future = Files.writeString(folder.resolve("future.json"), "{\"format_version\": \"2.0\", \"resource_changes\": []}");
        assertThatThrownBy(() -> PlanDocument.read(future)).hasMessageContaining("format 2.0 is not one lensix reads");
        Path broken = Files.writeString(folder.resolve("broken.json"), "{\"format_version\": \"1.2\", \"resource_changes\": [{\"address\": ");
        assertThatThrownBy(() -> PlanDocument.read(broken)).hasMessageStartingWith(broken + ": not valid JSON at line 1");
        Path wrongType = Files.writeString(folder.resolve("wrong.json"), "{\"resource_changes\": {}}");
        assertThatThrownBy(() -> PlanDocument.read(wrongType)).hasMessageContaining("\"resource_changes\" is not an array");
        assertThat(PlanDocument.isBinaryPlan(new byte[] {'P', 'K', 3, 4, 0})).isTrue();
        assertThat(PlanDocument.isBinaryPlan("{\"a\"".getBytes())).isFalse();
        assertThat(PlanDocument.binaryPlanAdvice(Path.of("tfplan"))).contains("terraform show -json tfplan");
    }
}
