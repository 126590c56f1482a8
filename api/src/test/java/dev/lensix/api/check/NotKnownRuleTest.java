package dev.lensix.api.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lensix.api.resource.Presence;
import dev.lensix.api.resource.Resource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the typed reads tell apart: present, absent on a resource read whole, and not known. */
class NotKnownRuleTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ID = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v1";
    private static final String KEY_URI = "/properties/encryption/keyVaultProperties/keyUri";

    private static Resource vault(String properties) throws Exception {
        String json = "{\"id\": \"" + ID + "\", \"type\": \"Microsoft.RecoveryServices/vaults\""
                + (properties == null ? "" : ", \"properties\": " + properties) + "}";
        return Resource.of(MAPPER.readTree(json));
    }

    @Test
    void aValueThereIsPresent() throws Exception {
        Evidence.Builder evidence = Evidence.builder();
        Field<String> keyUri = evidence.text(vault("{\"encryption\": {\"keyVaultProperties\": {\"keyUri\": \"https://kv.vault.azure.net/keys/k\"}}}"), KEY_URI);
        assertThat(keyUri.presence()).isEqualTo(Presence.PRESENT);
        assertThat(keyUri.optional()).contains("https://kv.vault.azure.net/keys/k");
        assertThat(evidence.build().summary()).isEqualTo(
                "properties.encryption.keyVaultProperties.keyUri = \"https://kv.vault.azure.net/keys/k\"");
    }

    @Test
    void anOmittedOrNullPropertyOfAResourceReadWholeIsAbsent() throws Exception {
        Evidence.Builder evidence = Evidence.builder();
        assertThat(evidence.text(vault("{}"), KEY_URI).isAbsent()).isTrue();
        assertThat(evidence.text(vault("{\"encryption\": null}"), KEY_URI).optional()).isEmpty();
        assertThat(evidence.bool(vault("{\"enablePurgeProtection\": null}"), "/properties/enablePurgeProtection")
                .orElse(false)).isFalse();
        assertThat(evidence.build().observations()).allMatch(o -> o.kind() == Observation.Kind.READ && !o.present());
    }

    @Test
    void aResourceWithoutPropertiesIsNotKnownAndUsingItThrows() throws Exception {
        for (String properties : new String[] {null, "null"}) {
            Evidence.Builder evidence = Evidence.builder();
            Field<String> keyUri = evidence.text(vault(properties), KEY_URI);
            assertThat(keyUri.isKnown()).isFalse();
            assertThat(keyUri.path()).isEqualTo("properties");
            assertThat(keyUri.notKnownReason()).hasValueSatisfying(reason -> assertThat(reason).startsWith("not in this export"));
            assertThat(keyUri.valueIfKnown()).isEmpty();
            assertThatThrownBy(keyUri::isPresent).isInstanceOfSatisfying(NotKnownException.class, e -> {
                assertThat(e.resourceId()).isEqualTo(ID);
                assertThat(e.path()).isEqualTo("properties");
                assertThat(e.evidence().observations()).singleElement()
                        .satisfies(o -> assertThat(o.kind()).isEqualTo(Observation.Kind.NOT_KNOWN));
            });
            assertThatThrownBy(() -> keyUri.orElse("")).isInstanceOf(NotKnownException.class);
        }
    }

    @Test
    void aValueOfAnotherJsonTypeIsNotKnown() throws Exception {
        Evidence.Builder evidence = Evidence.builder();
        Field<String> objectForString = evidence.text(vault("{\"encryption\": {\"keyVaultProperties\": {\"keyUri\": {\"a\": 1}}}}"), KEY_URI);
        assertThat(objectForString.notKnownReason()).contains("an object where ARM returns a string");
        Field<String> stringForObject = evidence.text(vault("{\"encryption\": \"on\"}"), KEY_URI);
        assertThat(stringForObject.path()).isEqualTo("properties.encryption");
        assertThat(stringForObject.notKnownReason()).contains("a string where ARM returns an object");
        Field<Boolean> textForBoolean = evidence.bool(vault("{\"enablePurgeProtection\": \"yes\"}"), "/properties/enablePurgeProtection");
        assertThat(textForBoolean.isKnown()).isFalse();
        assertThat(evidence.array(vault("{\"logs\": [\"a\"]}"), "/properties/logs/0/category").notKnownReason())
                .contains("a string where ARM returns an object");
        assertThat(evidence.array(vault("{\"accessPolicies\": {\"a\": 1}}"), "/properties/accessPolicies").isKnown()).isFalse();
    }

    @Test
    void booleansWrittenAsTextAreRead() throws Exception {
        Evidence.Builder evidence = Evidence.builder();
        assertThat(evidence.bool(vault("{\"enablePurgeProtection\": \"True\"}"), "/properties/enablePurgeProtection")
                .optional()).contains(true);
    }

    @Test
    void powerShellTextCutShortIsNotKnownAnywhere() throws Exception {
        Evidence.Builder evidence = Evidence.builder();
        Resource cut = vault("{\"encryption\": \"@{keyVaultProperties=; kekIdentity=; infrastructureEncryption=Enabled}\"}");
        Field<String> keyUri = evidence.text(cut, KEY_URI);
        assertThat(keyUri.path()).isEqualTo("properties.encryption");
        assertThat(keyUri.notKnownReason()).hasValueSatisfying(reason -> assertThat(reason).contains("ConvertTo-Json -Depth 100"));
        Field<String> leaf = evidence.text(vault("{\"encryption\": {\"keyVaultProperties\": {\"keyUri\": \"@{a=1}\"}}}"), KEY_URI);
        assertThat(leaf.isKnown()).isFalse();
        assertThatThrownBy(() -> evidence.read(cut, "/properties/encryption/infrastructureEncryption"))
                .isInstanceOf(NotKnownException.class).hasMessageContaining("cut short");
    }

    @Test
    void rawReadsThrowOnlyWhenTheExportCannotSay() throws Exception {
        Evidence.Builder evidence = Evidence.builder();
        assertThat(evidence.read(vault("{}"), "/properties/enableSoftDelete").isMissingNode()).isTrue();
        assertThat(evidence.readIfPresent(vault("{}"), "/properties/enableSoftDelete").isMissingNode()).isTrue();
        assertThatThrownBy(() -> evidence.read(vault(null), "/properties/enableSoftDelete"))
                .isInstanceOf(NotKnownException.class).hasMessageStartingWith("properties is not known: not in this export");
        assertThatThrownBy(() -> evidence.readIfPresent(vault("[]"), "/properties/enableSoftDelete"))
                .isInstanceOf(NotKnownException.class).hasMessageContaining("an array where ARM returns an object");
    }

    @Test
    void topLevelValuesOtherThanPropertiesMayBeAbsent() throws Exception {
        Evidence.Builder evidence = Evidence.builder();
        assertThat(evidence.text(vault(null), "/identity/principalId").isAbsent()).isTrue();
    }
}
