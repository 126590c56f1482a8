package dev.lensix.input.snapshot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The skimmer never accepts what Jackson refuses, finds the same end of an element, and drops a resource only when
 * the sequential read would drop it with the same type.
 */
class ElementSkimmerTest {

    private static final Predicate<String> KEEP_VAULTS = "microsoft.keyvault/vaults"::equals;

    /** The snapshot reader's limits; names are not checked for duplicates, as once a resource is known to be dropped. */
    private static final ObjectMapper JACKSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(SnapshotReader.MAX_NESTING_DEPTH)
                    .maxStringLength(SnapshotReader.MAX_STRING_LENGTH)
                    .maxNumberLength(SnapshotReader.MAX_NUMBER_LENGTH)
                    .maxNameLength(SnapshotReader.MAX_NAME_LENGTH)
                    .build())
            .build());

    private static final String VM = "{\"id\": \"/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/vm1\","
            + " \"name\": \"vm1\", \"type\": \"Microsoft.Compute/virtualMachines\", \"location\": \"westeurope\","
            + " \"tags\": {\"env\": \"prod\", \"cost\": -1.5e3}, \"properties\": {\"zones\": [1, 2, 3], \"on\": true,"
            + " \"off\": false, \"none\": null, \"text\": \"a \\\"quoted\\\" \\\\ \\u00e9 word\", \"emoji\": \"\uD83D\uDD11 caf\u00e9\","
            + " \"nested\": [[{}], [], {\"a\": {\"b\": [0, 0.5, 10E-2]}}]}}";

    private final ElementSkimmer skimmer = new ElementSkimmer();

    private int skim(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return skimmer.skim(bytes, 0, bytes.length);
    }

    private String dropped(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        int end = skimmer.skim(bytes, 0, bytes.length);
        assertThat(end).isEqualTo(bytes.length);
        return skimmer.droppedType(bytes, KEEP_VAULTS);
    }

    @Test
    void aResourceOfATypeNotKeptIsSkimmedToItsEndAndDropped() {
        assertThat(skim(VM)).isEqualTo(VM.getBytes(StandardCharsets.UTF_8).length);
        assertThat(dropped(VM)).isEqualTo("microsoft.compute/virtualmachines");
        assertThat(dropped("{\"type\": \" Microsoft.Compute/Disks \", \"id\": \"/x\"}")).isEqualTo("microsoft.compute/disks");
    }

    @Test
    void whatOnlyJacksonCanDecideIsLeftToIt() {
        assertThat(dropped("{\"id\": \"/x\", \"type\": \"Microsoft.KeyVault/vaults\"}")).as("kept").isNull();
        assertThat(dropped("{\"id\": \"/x\"}")).as("no type").isNull();
        assertThat(dropped("{\"type\": \"Microsoft.Compute/disks\"}")).as("no id").isNull();
        assertThat(dropped("{\"id\": \"   \", \"type\": \"Microsoft.Compute/disks\"}")).as("blank id").isNull();
        assertThat(dropped("{\"id\": 7, \"type\": \"Microsoft.Compute/disks\"}")).as("id not a string").isNull();
        assertThat(dropped("{\"id\": \"/x\", \"type\": \"  \"}")).as("blank type").isNull();
        assertThat(dropped("{\"id\": \"/x\", \"type\": [\"Microsoft.Compute/disks\"]}")).as("type not a string").isNull();
        assertThat(dropped("{\"id\": \"/\\u0078\", \"type\": \"Microsoft.Compute/disks\"}")).as("escape in id").isNull();
        assertThat(dropped("{\"id\": \"/x\", \"type\": \"Microsoft.Compute/disk\u00e9\"}")).as("non-ASCII type").isNull();
        assertThat(dropped("{\"i\\u0064\": \"/x\", \"type\": \"Microsoft.Compute/disks\"}")).as("escaped name").isNull();
        assertThat(dropped("{\"id\": \"/x\", \"id\": \"/y\", \"type\": \"Microsoft.Compute/disks\"}")).as("id twice").isNull();
        assertThat(dropped("{\"id\": \"/x\", \"name\": \"a\", \"name\": \"b\", \"type\": \"Microsoft.Compute/disks\"}"))
                .as("a name repeated before type").isNull();
        assertThat(dropped("{\"id\": \"/x\", \"tags\": {\"a\": 1, \"a\": 2}, \"type\": \"Microsoft.Compute/disks\"}"))
                .as("an object before type").isNull();
        assertThat(dropped("{}")).isNull();
    }

    @Test
    void aNameRepeatedAfterTheTypeOfADroppedResourceDoesNotMatter() {
        // as in the sequential read, which stops checking names once it knows the resource is dropped
        assertThat(dropped("{\"id\": \"/x\", \"type\": \"Microsoft.Compute/disks\", \"sku\": 1, \"sku\": 2}"))
                .isEqualTo("microsoft.compute/disks");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"id\": \"/x\" \"type\": \"t\"}",              // no comma
            "{\"id\": \"/x\",}",                              // trailing comma
            "{\"id\" \"/x\"}",                                // no colon
            "{id: \"/x\"}",                                   // unquoted name
            "{\"id\": '/x'}",                                 // single quotes
            "{\"a\": [1, 2,]}",                               // trailing comma in an array
            "{\"a\": 01}",                                    // leading zero
            "{\"a\": +1}",
            "{\"a\": .5}",
            "{\"a\": 1.}",
            "{\"a\": 1e}",
            "{\"a\": -}",
            "{\"a\": tru}",
            "{\"a\": truex}",
            "{\"a\": nul}",
            "{\"a\": NaN}",
            "{\"a\": \"tab\there\"}",                         // raw control character in a string
            "{\"a\": \"bad \\x escape\"}",
            "{\"a\": \"bad \\u12G4 escape\"}",
            "{\"a\": [}",
            "{\"a\": {]}",
            "{\"a\": {\"b\": 1]}",
            "{\"a\": 1 2}",
            "{\"a\": /* comment */ 1}",
    })
    void malformedInputIsInvalid(String json) {
        assertThat(skim(json)).isEqualTo(ElementSkimmer.INVALID);
        assertThat(jacksonEnd(json.getBytes(StandardCharsets.UTF_8))).as("Jackson refuses it too").isEqualTo(-1);
    }

    @Test
    void malformedUtf8IsInvalid() {
        for (byte[] bad : new byte[][] {{(byte) 0xC0, (byte) 0x80}, {(byte) 0xE0, (byte) 0x80, (byte) 0x80},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                {(byte) 0xC3}, {(byte) 0x80}, {(byte) 0xE2, (byte) 0x28, (byte) 0xA1}}) {
            byte[] json = withBytesInString(bad);
            assertThat(skimmer.skim(json, 0, json.length)).isEqualTo(ElementSkimmer.INVALID);
        }
        byte[] good = withBytesInString(new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x94, (byte) 0x91});
        assertThat(skimmer.skim(good, 0, good.length)).isEqualTo(good.length);
    }

    @Test
    void aSpecialByteIsFoundWhereverItFallsInALongString() {
        // strings are scanned eight bytes at a time: put each kind of special byte at every offset of a word
        String[] specials = {"\\n", "\\u0041", "\u00e9", "\uD83D\uDD11", "\u0001", "\""};
        for (String special : specials) {
            for (int at = 0; at < 24; at++) {
                String json = "{\"id\": \"/x\", \"type\": \"t\", \"a\": \"" + "x".repeat(at) + special + "x".repeat(24 - at) + "\"}";
                byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
                assertThat(skimmer.skim(bytes, 0, bytes.length)).as("%s at %d", special, at).isEqualTo(jacksonEnd(bytes));
            }
        }
    }

    @Test
    void anElementCutShortAsksForMore() {
        byte[] bytes = VM.getBytes(StandardCharsets.UTF_8);
        for (int cut = 1; cut < bytes.length; cut++) {
            assertThat(skimmer.skim(bytes, 0, cut)).as("cut at %d", cut).isEqualTo(ElementSkimmer.MORE);
        }
    }

    @Test
    void limitsAreReachedNoLaterThanJacksons() {
        String deep = "[".repeat(SnapshotReader.MAX_NESTING_DEPTH) + "]".repeat(SnapshotReader.MAX_NESTING_DEPTH);
        assertThat(skim("{\"a\": " + deep + "}")).isEqualTo(ElementSkimmer.INVALID);
        assertThat(skim("{\"a\": " + "1".repeat(SnapshotReader.MAX_NUMBER_LENGTH + 1) + "}")).isEqualTo(ElementSkimmer.INVALID);
        assertThat(skim("{\"" + "n".repeat(SnapshotReader.MAX_NAME_LENGTH + 1) + "\": 1}")).isEqualTo(ElementSkimmer.INVALID);
        String fine = "[".repeat(20) + "]".repeat(20);
        assertThat(skim("{\"a\": " + fine + "}")).isPositive();
    }

    /**
     * Mutations of a realistic element (bytes replaced, dropped, doubled): whenever the skimmer accepts one, Jackson
     * accepts it and ends it at the same byte; whenever the skimmer drops it, Jackson reads the same type and an id.
     */
    @Test
    void neverAcceptsWhatJacksonRefusesNorDropsWhatItWouldKeep() throws IOException {
        byte[] original = VM.getBytes(StandardCharsets.UTF_8);
        byte[] alphabet = "{}[]:,\"\\ \t\n0123456789-+.eEtrufalsn/xu\u00e9".getBytes(StandardCharsets.UTF_8);
        Random random = new Random(20261129);
        int accepted = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = original.clone();
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(bytes.length);
                switch (random.nextInt(3)) {
                    case 0 -> bytes[at] = alphabet[random.nextInt(alphabet.length)];
                    case 1 -> bytes = concat(bytes, 0, at, bytes, at + 1, bytes.length);
                    default -> bytes = concat(bytes, 0, at + 1, bytes, at, bytes.length);
                }
            }
            if (bytes.length == 0 || bytes[0] != '{') {
                continue; // the reader skims only where an object starts
            }
            int end = skimmer.skim(bytes, 0, bytes.length);
            if (end < 0) {
                continue;
            }
            accepted++;
            assertThat(jacksonEnd(bytes)).as("Jackson's end of %s", new String(bytes, StandardCharsets.UTF_8)).isEqualTo(end);
            String type = skimmer.droppedType(bytes, KEEP_VAULTS);
            if (type != null) {
                JsonNode node = JACKSON.readTree(new String(bytes, 0, end, StandardCharsets.UTF_8));
                assertThat(node.path("type").asText().strip().toLowerCase(java.util.Locale.ROOT)).isEqualTo(type);
                assertThat(node.path("id").isTextual() && !node.path("id").asText().isBlank()).isTrue();
            }
        }
        assertThat(accepted).as("mutations the skimmer accepted").isGreaterThan(1_000);
    }

    /** Where Jackson ends the object at the start of {@code bytes}; -1 when it refuses it. */
    private static int jacksonEnd(byte[] bytes) {
        try (JsonParser parser = JACKSON.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return -1;
            }
            parser.skipChildren();
            return (int) parser.currentLocation().getByteOffset();
        } catch (IOException e) {
            return -1;
        }
    }

    private static byte[] withBytesInString(byte[] inside) {
        byte[] head = "{\"a\": \"".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\"}".getBytes(StandardCharsets.US_ASCII);
        return concat(concat(head, 0, head.length, inside, 0, inside.length), 0, head.length + inside.length, tail, 0, tail.length);
    }

    private static byte[] concat(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
        byte[] out = new byte[(aTo - aFrom) + (bTo - bFrom)];
        System.arraycopy(a, aFrom, out, 0, aTo - aFrom);
        System.arraycopy(b, bFrom, out, aTo - aFrom, bTo - bFrom);
        return out;
    }
}
