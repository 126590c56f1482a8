package dev.lensix.api.resource;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Observation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Resources declared in a file: values not known before deployment, and where the file sets each value. */
class DeclaredResourceTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String VAULT = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v";
    private static final SourceLocation DECLARATION = new SourceLocation("main.tf", 3, 1, 20);
    private static final SourceLocation ENCRYPTION = SourceLocation.at("main.tf", 10, 3);
    private static final SourceLocation KEY_ID = SourceLocation.at("main.tf", 11, 5);
    private static final Origin ORIGIN = new Origin("plan.json", "azurerm_recovery_services_vault.v", DECLARATION,
            Map.of("properties.encryption", ENCRYPTION, "properties.encryption.keyVaultProperties.keyUri", KEY_ID));

    private static Resource vault() throws Exception {
        return Resource.declared(MAPPER.readTree("""
                {"id": "%s", "type": "Microsoft.RecoveryServices/vaults",
                 "identity": {"type": "SystemAssigned"},
                 "properties": {"encryption": {"infrastructureEncryption": "Enabled"}}}""".formatted(VAULT)),
                ORIGIN, Map.of("/identity/principalId", "known only after apply",
                        "/properties/encryption/keyVaultProperties", "known only after apply: the key is created by this plan"));
    }

    @Test
    void aValueNotKnownBeforeDeploymentIsNotKnownAndSoIsAnythingBelowIt() throws Exception {
        Resource vault = vault();
        Located principal = vault.locate("/identity/principalId");
        assertThat(principal.presence()).isEqualTo(Presence.NOT_KNOWN);
        assertThat(principal.where()).isEqualTo("identity.principalId");
        assertThat(principal.reason()).isEqualTo("known only after apply");
        Located keyUri = vault.locate("/properties/encryption/keyVaultProperties/keyUri");
        assertThat(keyUri.presence()).isEqualTo(Presence.NOT_KNOWN);
        assertThat(keyUri.where()).as("the value on the way that is not known").isEqualTo("properties.encryption.keyVaultProperties");
    }

    @Test
    void otherValuesReadAsUsual() throws Exception {
        Resource vault = vault();
        assertThat(vault.locate("/identity/type").presence()).isEqualTo(Presence.PRESENT);
        assertThat(vault.locate("/properties/encryption/infrastructureEncryption").node().asText()).isEqualTo("Enabled");
        assertThat(vault.locate("/properties/encryption/kekIdentity").presence()).as("not set, and not unknown")
                .isEqualTo(Presence.ABSENT);
        assertThat(vault.origin()).contains(ORIGIN);
        assertThat(Resource.of(vault.json()).origin()).as("a resource read from Azure has no origin").isEmpty();
    }

    @Test
    void aPropertyIsLocatedWhereTheFileSetsItOrItsNearestEnclosingValue() {
        assertThat(ORIGIN.locationOf("properties.encryption.keyVaultProperties.keyUri")).isEqualTo(KEY_ID);
        assertThat(ORIGIN.locationOf("properties.encryption.kekIdentity.useSystemAssignedIdentity")).isEqualTo(ENCRYPTION);
        assertThat(ORIGIN.locationOf("properties.enableSoftDelete")).isEqualTo(DECLARATION);
    }

    @Test
    void aResultIsLocatedAtTheFirstValueItReadOnItsOwnResourceThatTheFileSets() {
        Evidence evidence = new Evidence(List.of(
                new Observation(VAULT, "keyVault", "none found", true, Observation.Kind.NOTE),
                new Observation(VAULT + "/other", "properties.encryption", "{}", true),
                new Observation(VAULT, "properties.softDeleteFeatureState", "(absent)", false),
                new Observation(VAULT, "properties.encryption.keyVaultProperties.keyUri", "(absent)", false)));
        assertThat(ORIGIN.decidingLocation(evidence, VAULT)).isEqualTo(KEY_ID);
        assertThat(ORIGIN.decidingLocation(Evidence.none(), VAULT)).isEqualTo(DECLARATION);
    }

    @Test
    void sourceLocationsDescribeThemselvesAndTellRelativeFromAbsolute() {
        assertThat(KEY_ID.describe()).isEqualTo("main.tf:11:5");
        assertThat(KEY_ID.relative()).isTrue();
        assertThat(SourceLocation.at("/opt/m/kv.tf", 1, 1).relative()).isFalse();
        assertThat(SourceLocation.at("C:/m/kv.tf", 1, 1).relative()).isFalse();
    }
}
