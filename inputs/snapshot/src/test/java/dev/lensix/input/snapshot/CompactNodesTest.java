package dev.lensix.input.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lensix.api.resource.Resource;
import dev.lensix.input.snapshot.bench.SyntheticTenant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The reader's compact trees behave as Jackson's own, and the reader gives the trees Jackson would. */
class CompactNodesTest {

    private final CompactNodes nodes = new CompactNodes();

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void anObjectKeepsItsFieldsInOrderAndReplacesInPlace() {
        ObjectNode object = nodes.objectNode();
        object.put("id", "/subscriptions/x");
        object.put("type", "Microsoft.KeyVault/vaults");
        object.put("name", "kv");
        assertThat(object.replace("type", nodes.textNode("other"))).isEqualTo(nodes.textNode("Microsoft.KeyVault/vaults"));
        assertThat(names(object)).containsExactly("id", "type", "name");
        assertThat(object.path("type").asText()).isEqualTo("other");
        assertThat(object.remove("id").asText()).isEqualTo("/subscriptions/x");
        assertThat(names(object)).containsExactly("type", "name");
        assertThat(object.get("id")).isNull();
        assertThat(object.has("name")).isTrue();
        assertThat(object.size()).isEqualTo(2);
    }

    @Test
    void manyFieldsMoveToAMapInOrderAndEveryOperationStillHolds() {
        ObjectNode object = nodes.objectNode();
        ObjectNode plain = new ObjectMapper().createObjectNode();
        for (int i = 0; i < 40; i++) {
            object.put("f" + i, i);
            plain.put("f" + i, i);
            assertThat(object).as("after %d fields", i + 1).isEqualTo(plain);
            assertThat(plain).isEqualTo(object);
            assertThat(object.hashCode()).isEqualTo(plain.hashCode());
        }
        assertThat(names(object)).isEqualTo(names(plain));
        assertThat(object.get("f17")).isEqualTo(IntNode.valueOf(17));
        object.remove("f0");
        assertThat(object.size()).isEqualTo(39);
        assertThat(names(object).get(0)).isEqualTo("f1");
    }

    @Test
    void iteratingRemovesAndSetsThroughTheEntries() {
        ObjectNode object = nodes.objectNode();
        for (String name : List.of("a", "b", "c", "d")) {
            object.put(name, name);
        }
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals("b") || field.getKey().equals("c")) {
                fields.remove();
            } else {
                field.setValue(nodes.textNode(field.getKey().toUpperCase()));
            }
        }
        assertThat(object.toString()).isEqualTo("{\"a\":\"A\",\"d\":\"D\"}");
        List<String> values = new ArrayList<>();
        object.elements().forEachRemaining(value -> values.add(value.asText()));
        assertThat(values).containsExactly("A", "D");
        object.retain("d");
        assertThat(object.toString()).isEqualTo("{\"d\":\"D\"}");
        object.removeAll();
        assertThat(object.isEmpty()).isTrue();
        object.put("e", 1);
        assertThat(object.toString()).isEqualTo("{\"e\":1}");
    }

    @Test
    void shortStringsAndNamesAreSharedLongOnesAreNot() {
        assertThat(nodes.textNode(new String("westeurope"))).isSameAs(nodes.textNode(new String("westeurope")));
        String id = "/subscriptions/" + "0".repeat(CompactNodes.MAX_SHARED_LENGTH);
        assertThat(nodes.textNode(id)).isNotSameAs(nodes.textNode(id)).isEqualTo(nodes.textNode(id));
        ObjectNode first = nodes.objectNode().put(new String("location"), 1);
        ObjectNode second = nodes.objectNode().put(new String("location"), 2);
        assertThat(first.fieldNames().next()).isSameAs(second.fieldNames().next());
    }

    @Test
    void theParallelAndTheSequentialReadGiveTheTreesJacksonGives(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tenant.json");
        SyntheticTenant.write(3_000, 5, SyntheticTenant.Mix.DENSE, file);
        ObjectMapper jackson = new ObjectMapper();
        Map<String, JsonNode> expected = new java.util.HashMap<>();
        for (JsonNode resource : jackson.readTree(file.toFile())) {
            expected.put(resource.path("id").asText(), resource);
        }
        for (long parallelFrom : List.of(0L, Long.MAX_VALUE)) {
            Snapshot snapshot = new SnapshotReader(type -> true, parallelFrom, 2).read(List.of(file));
            Map<String, Resource> read = snapshot.resources().stream()
                    .collect(Collectors.toMap(Resource::id, resource -> resource));
            assertThat(read.keySet()).isEqualTo(expected.keySet());
            read.forEach((id, resource) -> {
                JsonNode tree = resource.json(); // a copy, made by going through the compact tree
                assertThat(tree).as(id).isEqualTo(expected.get(id));
                assertThat(expected.get(id)).as(id).isEqualTo(tree);
                assertThat(tree.toString()).as(id).isEqualTo(expected.get(id).toString());
            });
        }
    }
}
