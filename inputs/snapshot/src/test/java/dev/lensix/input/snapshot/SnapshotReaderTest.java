package dev.lensix.input.snapshot;

import dev.lensix.api.input.InputException;
import dev.lensix.api.resource.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotReaderTest {

    private static final String SUB = "/subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333";
    private static final String VAULT_TYPE = "Microsoft.KeyVault/vaults";
    private static final String KEY_TYPE = "Microsoft.KeyVault/vaults/keys";
    private static final String KV1 = SUB + "/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv1";
    private static final String KV2 = SUB + "/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv2";

    @TempDir
    Path dir;

    private static String vault(String id) {
        return """
                {"id": "%s", "type": "Microsoft.KeyVault/vaults", "name": "%s", "location": "westeurope",
                 "properties": {"enableSoftDelete": true}}""".formatted(id, id.substring(id.lastIndexOf('/') + 1));
    }

    private static String vaultLine(String id) {
        return vault(id).replace("\n", " ");
    }

    private static String key(String vaultId, String name) {
        return """
                {"id": "%s/keys/%s", "type": "Microsoft.KeyVault/vaults/keys", "name": "%s"}"""
                .formatted(vaultId, name, name);
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private static Snapshot read(Path... inputs) throws InputException {
        return SnapshotReader.keepingAll().read(List.of(inputs));
    }

    private static List<String> ids(Snapshot snapshot) {
        return snapshot.resources().stream().map(Resource::id).toList();
    }

    /** Reads {@code file}, expecting an InputException; returns its message, asserted to be one line. */
    private static String failure(Path... inputs) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> read(inputs));
        assertThat(thrown).isInstanceOf(InputException.class);
        String message = thrown.getMessage();
        assertThat(message).isNotBlank().doesNotContain("\n").doesNotContain("\r");
        return message;
    }

    // ---- the four document forms ----

    @Test
    void readsATopLevelArray() throws Exception {
        Path file = write("array.json", "[" + vault(KV1) + "," + vault(KV2) + "]");
        Snapshot snapshot = read(file);
        assertThat(ids(snapshot)).containsExactly(KV1, KV2);
        assertThat(snapshot.sources()).containsExactly(file.toString());
        assertThat(snapshot.typesSeen()).containsExactly("microsoft.keyvault/vaults");
        assertThat(snapshot.warnings()).isEmpty();
    }

    @Test
    void readsAnArmListPage() throws Exception {
        Snapshot snapshot = read(write("page.json", "{\"value\": [" + vault(KV1) + "," + vault(KV2) + "]}"));
        assertThat(ids(snapshot)).containsExactly(KV1, KV2);
        assertThat(snapshot.warnings()).isEmpty();
    }

    @Test
    void readsAResourceGraphResult() throws Exception {
        Snapshot snapshot = read(write("graph.json", """
                {"totalRecords": 2, "count": 2, "resultTruncated": "false", "facets": [],
                 "data": [%s, %s]}""".formatted(vault(KV1), vault(KV2))));
        assertThat(ids(snapshot)).containsExactly(KV1, KV2);
        assertThat(snapshot.warnings()).isEmpty();
    }

    @Test
    void readsOneResourceObject() throws Exception {
        Snapshot snapshot = read(write("one.json", vault(KV1)));
        assertThat(ids(snapshot)).containsExactly(KV1);
        assertThat(snapshot.resources().get(0).bool("/properties/enableSoftDelete")).contains(true);
    }

    @Test
    void readsAResourceWhoseOwnPropertiesHaveAValueArray() throws Exception {
        // a resource object that happens to carry "value" inside properties is still one resource
        Snapshot snapshot = read(write("one.json", """
                {"id": "%s", "type": "Microsoft.KeyVault/vaults", "properties": {"value": [1, 2]}}""".formatted(KV1)));
        assertThat(ids(snapshot)).containsExactly(KV1);
    }

    @Test
    void emptyArrayIsAnEmptySnapshotNotAnError() throws Exception {
        assertThat(read(write("empty-array.json", "[]")).resources()).isEmpty();
        assertThat(read(write("empty-page.json", "{\"value\": []}")).resources()).isEmpty();
    }

    @Test
    void readStringReadsTheSameForms() throws Exception {
        SnapshotReader reader = SnapshotReader.keepingAll();
        assertThat(ids(reader.readString("a", "[" + vault(KV1) + "]"))).containsExactly(KV1);
        assertThat(ids(reader.readString("b", "{\"value\": [" + vault(KV1) + "]}"))).containsExactly(KV1);
        assertThat(ids(reader.readString("c", "{\"data\": [" + vault(KV1) + "]}"))).containsExactly(KV1);
        assertThat(reader.readString("d", vault(KV1)).sources()).containsExactly("d");
    }

    @Test
    void readStringErrorsAreOneLineNamingTheInputAndPosition() {
        assertThatThrownBy(() -> SnapshotReader.keepingAll().readString("pasted", "[{\"id\": \"x\",\n \"type\": }]"))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("pasted: ")
                .hasMessageContaining("line 2")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    // ---- files and folders ----

    @Test
    void readsFoldersRecursivelyInNameOrderAndOnlyJsonFiles() throws Exception {
        Path b = write("inputs/b.json", "[" + vault(KV2) + "]");
        Path a = write("inputs/a.json", "[" + vault(KV1) + "]");
        Path nested = write("inputs/sub/keys.JSON", "[" + key(KV1, "k1") + "]");
        write("inputs/notes.txt", "not json at all");
        write("inputs/export.json.bak", "{ broken");
        Files.createDirectories(dir.resolve("inputs/folder.json"));

        Snapshot snapshot = read(dir.resolve("inputs"));
        assertThat(snapshot.sources()).containsExactly(a.toString(), b.toString(), nested.toString());
        assertThat(ids(snapshot)).containsExactly(KV1, KV2, KV1 + "/keys/k1");
    }

    @Test
    void readsSeveralInputsFilesAndFoldersInTheOrderGiven() throws Exception {
        Path folder = dir.resolve("f");
        write("f/x.json", "[" + vault(KV2) + "]");
        Path file = write("single.json", vault(KV1));
        Snapshot snapshot = read(file, folder);
        assertThat(ids(snapshot)).containsExactly(KV1, KV2);
    }

    // ---- ids and types ----

    @Test
    void identicalDuplicatesAcrossFilesAreKeptOnce() throws Exception {
        Path first = write("a.json", "[" + vault(KV1) + "]");
        Path second = write("b.json", "{\"value\": [" + vault(KV1) + "," + vault(KV2) + "]}");
        Snapshot snapshot = read(first, second);
        assertThat(ids(snapshot)).containsExactly(KV1, KV2);
        assertThat(snapshot.sources()).containsExactly(first.toString(), second.toString());
    }

    @Test
    void duplicateIdWithDifferentContentIsAnErrorNamingBothFiles() throws Exception {
        Path first = write("a.json", "[" + vault(KV1) + "]");
        Path second = write("b.json", "[" + vault(KV1).replace("true", "false") + "]");
        String message = failure(first, second);
        assertThat(message).startsWith(second.toString() + ": ")
                .contains(KV1, "different content", first.toString());
    }

    @Test
    void duplicateIdDifferingOnlyInCaseIsTheSameResource() throws Exception {
        Path first = write("a.json", "[" + vault(KV1) + "]");
        Path second = write("b.json", "[" + vault(KV1).replace("true", "false").replace(KV1, KV1.toUpperCase()) + "]");
        assertThat(failure(first, second)).contains("different content", first.toString());
    }

    // ---- signs of an incomplete export ----

    @Test
    void nextLinkIsAWarning() throws Exception {
        Path file = write("page.json", """
                {"value": [%s], "nextLink": "https://management.azure.com/subscriptions/x/resources?$skiptoken=abc"}"""
                .formatted(vault(KV1)));
        Snapshot snapshot = read(file);
        assertThat(ids(snapshot)).containsExactly(KV1);
        assertThat(snapshot.warnings()).singleElement().asString().startsWith(file.toString()).contains("nextLink");
    }

    @Test
    void nullOrEmptyNextLinkIsNoWarning() throws Exception {
        assertThat(read(write("a.json", "{\"value\": [], \"nextLink\": null}")).warnings()).isEmpty();
        assertThat(read(write("b.json", "{\"value\": [], \"nextLink\": \"\"}")).warnings()).isEmpty();
    }

    @Test
    void resourceGraphTruncationAndSkipTokenAreWarnings() throws Exception {
        Path truncated = write("truncated.json", "{\"data\": [" + vault(KV1) + "], \"resultTruncated\": \"true\"}");
        Path boolTruncated = write("bool.json", "{\"data\": [], \"resultTruncated\": true}");
        Path skip = write("skip.json", "{\"data\": [" + vault(KV2) + "], \"$skipToken\": \"ew0KICAiJGlkIjogIjEiLA0K\"}");
        Snapshot snapshot = read(truncated, boolTruncated, skip);
        assertThat(snapshot.warnings()).hasSize(3);
        assertThat(snapshot.warnings().get(0)).startsWith(truncated.toString()).contains("resultTruncated");
        assertThat(snapshot.warnings().get(1)).startsWith(boolTruncated.toString()).contains("resultTruncated");
        assertThat(snapshot.warnings().get(2)).startsWith(skip.toString()).contains("$skipToken");
        assertThat(snapshot.warnings()).allSatisfy(warning -> assertThat(warning).doesNotContain("\n"));
    }

    // ---- type filtering ----

    @Test
    void typeFilterDropsResourcesButRemembersTheirTypes() throws Exception {
        Path file = write("mixed.json", """
                [%s, %s, {"id": "%s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa", "type": "Microsoft.Storage/storageAccounts"}]"""
                .formatted(vault(KV1), key(KV1, "k1"), SUB));
        Snapshot snapshot = new SnapshotReader(Set.of("microsoft.keyvault/vaults")::contains).read(List.of(file));
        assertThat(ids(snapshot)).containsExactly(KV1);
        assertThat(snapshot.typesSeen()).containsExactlyInAnyOrder("microsoft.keyvault/vaults",
                "microsoft.keyvault/vaults/keys", "microsoft.storage/storageaccounts");
        // a dropped type still counts as collected: it was in the inputs
        Resource vault = snapshot.resources().get(0);
        assertThat(snapshot.collected().coverage(KEY_TYPE, vault).collected()).isTrue();
        assertThat(snapshot.collected().coverage("Microsoft.Insights/diagnosticSettings", vault).collected()).isFalse();
    }

    @Test
    void droppedResourcesAreNotCheckedForDuplicates() throws Exception {
        Path a = write("a.json", "[" + key(KV1, "k1") + "]");
        Path b = write("b.json", "[" + key(KV1, "k1").replace("\"k1\"}", "\"k1\", \"tags\": {}}") + "]");
        Snapshot snapshot = new SnapshotReader(type -> type.equals("microsoft.keyvault/vaults")).read(List.of(a, b));
        assertThat(snapshot.resources()).isEmpty();
        assertThat(snapshot.typesSeen()).containsExactly("microsoft.keyvault/vaults/keys");
    }

    // ---- encodings ----

    @Test
    void utf8ByteOrderMarkIsAccepted() throws Exception {
        Path file = dir.resolve("bom.json");
        byte[] json = ("[" + vault(KV1) + "]").getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[json.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(json, 0, withBom, 3, json.length);
        Files.write(file, withBom);
        assertThat(ids(read(file))).containsExactly(KV1);
    }

    @Test
    void byteOrderMarkIsAcceptedInAString() throws Exception {
        assertThat(ids(SnapshotReader.keepingAll().readString("bom", "\uFEFF[" + vault(KV1) + "]"))).containsExactly(KV1);
    }

    @Test
    void nonAsciiTextSurvives() throws Exception {
        Path file = write("tags.json", """
                {"id": "%s", "type": "Microsoft.KeyVault/vaults", "tags": {"owner": "Zoë Ångström 日本"}}""".formatted(KV1));
        assertThat(read(file).resources().get(0).text("/tags/owner")).contains("Zoë Ångström 日本");
    }

    // ---- errors: one clear line naming the file and, where it can, the position ----

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n\t  \n"})
    void emptyFile(String content) throws Exception {
        Path file = write("empty.json", content);
        assertThat(failure(file)).isEqualTo(file + ": file is empty");
    }

    @Test
    void truncatedJsonInsideAnObject() throws Exception {
        Path file = write("truncated.json", "[\n  {\"id\": \"" + KV1 + "\",\n   \"type\": \"Microsoft.Key");
        assertThat(failure(file)).startsWith(file + ": not valid JSON: line 3");
    }

    @Test
    void truncatedJsonBetweenElements() throws Exception {
        Path file = write("truncated.json", "[\n" + vaultLine(KV1) + ",\n");
        assertThat(failure(file)).startsWith(file + ": not valid JSON: line 3").contains("end-of-input");
    }

    @Test
    void arrayNotClosed() throws Exception {
        Path file = write("open.json", "{\"value\": [\n" + vaultLine(KV1) + "\n");
        assertThat(failure(file)).startsWith(file + ": ").contains("line 3");
    }

    @Test
    void invalidJsonNamesLineAndColumn() throws Exception {
        Path file = write("bad.json", "[\n  {\"id\": 'single quotes'}\n]");
        assertThat(failure(file)).startsWith(file + ": not valid JSON: line 2, column ");
    }

    @Test
    void trailingGarbageAfterTheDocument() throws Exception {
        Path file = write("two.json", "[" + vaultLine(KV1) + "]\n[]");
        assertThat(failure(file)).startsWith(file + ": line 2").contains("unexpected content after the JSON document");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"just a string\" | a string",
            "42              | a number",
            "3.5             | a number",
            "true            | a boolean",
            "null            | null"})
    void wrongTopLevelTypeSaysWhatWasFound(String json, String found) throws Exception {
        Path file = write("scalar.json", json);
        assertThat(failure(file)).isEqualTo(file + ": top level must be an array or an object of ARM resources, found "
                + found);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"a string\" | a string",
            "7            | a number",
            "[]           | an array",
            "false        | a boolean",
            "null         | null"})
    void arrayElementThatIsNotAnObject(String element, String found) throws Exception {
        Path file = write("elements.json", "[\n" + vaultLine(KV1) + ",\n  " + element + "\n]");
        assertThat(failure(file)).isEqualTo(file + ": top-level array element 1 (line 3, column 3): "
                + "expected a resource object, found " + found);
    }

    @Test
    void elementOfAValueArrayThatIsNotAnObject() throws Exception {
        Path file = write("page.json", "{\"value\": [1]}");
        assertThat(failure(file)).startsWith(file + ": \"value\" array element 0 (line 1, column ");
    }

    @Test
    void missingId() throws Exception {
        Path file = write("noid.json", "[" + vaultLine(KV1) + ",\n{\"type\": \"Microsoft.KeyVault/vaults\", \"name\": \"x\"}]");
        assertThat(failure(file)).isEqualTo(file + ": top-level array element 1 (line 2, column 1): "
                + "resource has no \"id\" string");
    }

    @Test
    void missingType() throws Exception {
        Path file = write("notype.json", "{\"value\": [{\"id\": \"" + KV1 + "\"}]}");
        assertThat(failure(file)).startsWith(file + ": \"value\" array element 0")
                .endsWith("resource " + KV1 + " has no \"type\" string");
    }

    @Test
    void singleObjectMissingTypeOrBoth() throws Exception {
        Path noType = write("notype.json", "{\"id\": \"" + KV1 + "\"}");
        assertThat(failure(noType)).isEqualTo(noType + ": the resource object: resource " + KV1 + " has no \"type\" string");
        Path neither = write("neither.json", "{\"name\": \"kv1\", \"location\": \"westeurope\"}");
        assertThat(failure(neither)).startsWith(neither + ": object is neither an ARM resource");
    }

    @Test
    void idThatIsNotAString() throws Exception {
        Path file = write("numid.json", "[{\"id\": 12, \"type\": \"Microsoft.KeyVault/vaults\"}]");
        assertThat(failure(file)).endsWith("resource has no \"id\" string");
    }

    @Test
    void nonExistentPath() {
        Path missing = dir.resolve("nope.json");
        assertThat(failure(missing)).isEqualTo(missing + ": no such file or folder");
    }

    @Test
    void folderWithoutJsonFiles() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("empty"));
        assertThat(failure(folder)).isEqualTo(folder + ": folder holds no *.json files");
        write("only-text/readme.txt", "hello");
        assertThat(failure(dir.resolve("only-text"))).endsWith(": folder holds no *.json files");
    }

    @Test
    void resourceGraphTableRowsWithoutATypeColumnAreResourcesWithoutAType() throws Exception {
        Path file = write("table.json", """
                {"totalRecords": 1, "count": 1, "resultTruncated": "false",
                 "data": {"columns": [{"name": "id", "type": "string"}], "rows": [["%s"]]}}""".formatted(KV1));
        assertThat(failure(file)).isEqualTo(file + ": \"data\" table row 0: resource " + KV1 + " has no \"type\" string");
    }

    @Test
    void duplicateKeysInOneObjectAreRejected() throws Exception {
        Path file = write("dupkeys.json", """
                [{"id": "%s",
                  "type": "Microsoft.KeyVault/vaults",
                  "properties": {"enableSoftDelete": true, "enableSoftDelete": false}}]""".formatted(KV1));
        assertThat(failure(file)).startsWith(file + ": not valid JSON: line 3").contains("enableSoftDelete");
    }

    @Test
    void duplicateKeysInATopLevelResourceObjectAreRejected() throws Exception {
        Path file = write("dupkeys.json", "{\"id\": \"" + KV1 + "\",\n \"type\": \"a/b\",\n \"id\": \"" + KV2 + "\"}");
        assertThat(failure(file)).startsWith(file + ": not valid JSON: line 3").contains("id");
    }

    @Test
    void objectWithBothResourceFieldsAndAListIsAmbiguous() throws Exception {
        Path file = write("both.json", "{\"id\": \"" + KV1 + "\", \"type\": \"Microsoft.KeyVault/vaults\", \"value\": []}");
        assertThat(failure(file)).contains("cannot tell which it is");
    }

    @Test
    void errorInTheSecondInputNamesThatFile() throws Exception {
        Path good = write("good.json", "[" + vault(KV1) + "]");
        Path bad = write("bad.json", "[" + vault(KV2) + ",]");
        assertThat(failure(good, bad)).startsWith(bad + ": ");
    }
}
