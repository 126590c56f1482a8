package dev.lensix.api.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResourceTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String KV = "/subscriptions/s1/resourceGroups/RG1/providers/Microsoft.KeyVault/vaults/kv1";

    private static Resource parse(String json) throws Exception {
        return Resource.of(MAPPER.readTree(json));
    }

    @Test
    void readsIdentityAndLocation() throws Exception {
        Resource vault = parse("""
                {"id": "%s", "type": "Microsoft.KeyVault/vaults", "name": "kv1", "location": "westeurope"}""".formatted(KV));
        assertThat(vault.id()).isEqualTo(KV);
        assertThat(vault.name()).isEqualTo("kv1");
        assertThat(vault.location()).contains("westeurope");
        assertThat(vault.subscriptionId()).contains("s1");
        assertThat(vault.resourceGroup()).contains("RG1");
        assertThat(vault.parentId()).isEmpty();
        assertThat(vault.isOfType("microsoft.keyvault/VAULTS")).isTrue();
    }

    @Test
    void locateNamesTheDottedPathItReachedOrStoppedAt() throws Exception {
        Resource vault = parse("""
                {"id": "%s", "type": "Microsoft.KeyVault/vaults", "properties": {"a/b": {"c~d": 1}, "text": "x",
                 "list": [{"name": 2}], "gone": null}}""".formatted(KV));
        assertThat(vault.locate("/properties/a~1b/c~0d").where()).isEqualTo("properties.a/b.c~d");
        assertThat(vault.locate("/properties/list/0/name").where()).isEqualTo("properties.list.0.name");
        assertThat(vault.locate("/properties/gone").where()).isEqualTo("properties.gone");
        assertThat(vault.locate("/properties/missing/deeper").where()).as("absent: the whole path").isEqualTo("properties.missing.deeper");
        Located inText = vault.locate("/properties/text/inner");
        assertThat(inText.presence()).isEqualTo(Presence.NOT_KNOWN);
        assertThat(inText.where()).as("not known: where the walk stopped").isEqualTo("properties.text");
        assertThat(vault.locate("/properties/a~1b/c~0d/e").where()).isEqualTo("properties.a/b.c~d");
        assertThat(vault.locate("/properties/list/x").where()).isEqualTo("properties.list");
        assertThat(vault.locate("/properties/list/0/name")).isNotSameAs(vault.locate("/properties/list/0/name"));
        assertThat(vault.locate("/properties/list/0/name").where()).isSameAs(vault.locate("/properties/list/0/name").where());
    }

    @Test
    void nameFallsBackToTheLastIdSegment() throws Exception {
        assertThat(parse("{\"id\": \"" + KV + "/keys/k1\", \"type\": \"t/u\"}").name()).isEqualTo("k1");
        assertThat(parse("{\"id\": \"" + KV + "\", \"type\": \"t/u\", \"name\": \"  \"}").name()).isEqualTo("kv1");
    }

    @Test
    void rejectsWhatIsNotAResource() {
        assertThatThrownBy(() -> parse("[1]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a resource must be a JSON object, not array");
        assertThatThrownBy(() -> parse("{\"type\": \"t/u\"}")).hasMessage("resource has no \"id\" string");
        assertThatThrownBy(() -> parse("{\"id\": \"  \", \"type\": \"t/u\"}")).hasMessage("resource has no \"id\" string");
        assertThatThrownBy(() -> parse("{\"id\": \"x\", \"type\": 3}")).hasMessage("resource x has no \"type\" string");
    }

    @Test
    void nodesHandedOutAreCopiesSoNoCheckChangesWhatAnotherSees() throws Exception {
        Resource vault = parse("{\"id\": \"" + KV + "\", \"type\": \"t/u\", \"properties\": {\"a\": {\"b\": 1}}}");
        ((ObjectNode) vault.at("/properties/a")).put("b", 2);
        ((ObjectNode) vault.properties()).put("injected", true);
        ((ObjectNode) vault.json()).put("id", "other");
        assertThat(vault.at("/properties/a/b").asInt()).isEqualTo(1);
        assertThat(vault.properties().has("injected")).isFalse();
        assertThat(vault.json().get("id").asText()).isEqualTo(KV);
    }

    @Test
    void textAndBoolAreEmptyWhenAbsentNullOrOfAnotherType() throws Exception {
        Resource vault = parse("""
                {"id": "%s", "type": "t/u", "properties": {"on": true, "onText": "True", "off": "false", "n": null,
                 "num": 1, "word": "yes"}}""".formatted(KV));
        assertThat(vault.bool("/properties/on")).contains(true);
        assertThat(vault.bool("/properties/onText")).contains(true);
        assertThat(vault.bool("/properties/off")).contains(false);
        assertThat(vault.bool("/properties/n")).isEmpty();
        assertThat(vault.bool("/properties/num")).isEmpty();
        assertThat(vault.bool("/properties/word")).isEmpty();
        assertThat(vault.bool("/properties/missing")).isEmpty();
        assertThat(vault.text("/properties/word")).contains("yes");
        assertThat(vault.text("/properties/num")).isEmpty();
        assertThat(vault.text("/properties/n")).isEmpty();
        JsonNode missing = vault.at("/properties/missing");
        assertThat(missing.isMissingNode()).isTrue();
    }

    @Test
    void equalityIsByContent() throws Exception {
        String json = "{\"id\": \"" + KV + "\", \"type\": \"t/u\"}";
        assertThat(parse(json)).isEqualTo(parse(json)).hasSameHashCodeAs(parse(json));
        assertThat(parse(json)).isNotEqualTo(parse(json.replace("t/u", "t/v")));
    }

    @Test
    void pointerToPath() {
        assertThat(Resource.pointerToPath("/properties/enableSoftDelete")).isEqualTo("properties.enableSoftDelete");
        assertThat(Resource.pointerToPath("/tags/a~1b")).isEqualTo("tags.a/b");
    }
}
