package dev.lensix.input.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lensix.api.input.InputException;
import dev.lensix.api.resource.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Every export Azure users make, as its tool writes it ({@code exports/}, one fixture per shape): read into the same
 * ARM-shaped resources as {@code exports/arm.json} holds (what ARM returns for each), or refused with one line that
 * says what the file is and what to run instead. Partial exports warn; PowerShell exports cut short by
 * {@code ConvertTo-Json}'s depth warn once per file.
 */
class ExportFormatsTest {

    private static final String SUB = "/subscriptions/3f2c8a55-1d4e-4b7a-9c61-5e0d7a2b4c18/resourceGroups/rg-backup";
    private static final String KV = SUB + "/providers/Microsoft.KeyVault/vaults/kv-backup";
    private static final String RSV = SUB + "/providers/Microsoft.RecoveryServices/vaults/rsv-prod";
    private static final String KEY = KV + "/keys/cmk";
    private static final String DS = KV + "/providers/microsoft.insights/diagnosticSettings/audit-to-law";
    private static final String ENC = RSV + "/backupEncryptionConfigs/backupResourceEncryptionConfig";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private static Path fixture(String name) {
        try {
            return Path.of(ExportFormatsTest.class.getResource("/exports/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Snapshot read(Path file) throws InputException {
        return SnapshotReader.keepingAll().read(List.of(file));
    }

    /** The parallel path too, for the shapes that are top-level arrays: the same result either way. */
    private static Snapshot readInParallel(Path file) throws InputException {
        return new SnapshotReader(type -> true, 0, 2).read(List.of(file));
    }

    private static Map<String, Resource> byId(Snapshot snapshot) {
        Map<String, Resource> resources = new LinkedHashMap<>();
        snapshot.resources().forEach(resource -> resources.put(resource.id(), resource));
        return resources;
    }

    /** What ARM returns for each resource of the fixtures. */
    private static Map<String, Resource> arm() throws InputException {
        return byId(read(fixture("arm.json")));
    }

    /** The fields a check reads are ARM's: type, name, location, properties, identity type and principal, sku name. */
    private static void assertArmShaped(Resource read, Resource arm) {
        assertThat(read.type()).as(read.id()).isEqualToIgnoringCase(arm.type()); // Resource Graph lower-cases types
        assertThat(read.name()).as(read.id()).isEqualTo(arm.name());
        assertThat(read.location()).as(read.id()).isEqualTo(arm.location());
        assertThat(read.at("/properties")).as(read.id() + " properties").isEqualTo(arm.at("/properties"));
        // Resource Graph gives {} for "none": no type either way
        assertThat(read.text("/identity/type")).as(read.id()).isEqualTo(arm.text("/identity/type"));
        assertThat(read.text("/identity/principalId")).as(read.id()).isEqualTo(arm.text("/identity/principalId"));
        assertThat(read.text("/sku/name")).as(read.id()).isEqualTo(arm.text("/sku/name"));
        if (!arm.at("/tags").isMissingNode()) {
            assertThat(read.at("/tags")).as(read.id() + " tags").isEqualTo(arm.at("/tags"));
        }
    }

    private static String refusal(Path file) {
        Throwable thrown = catchThrowable(() -> read(file));
        assertThat(thrown).isInstanceOf(InputException.class);
        String message = thrown.getMessage();
        assertThat(message).startsWith(file.toString()).doesNotContain("\n").doesNotContain("\r");
        return message;
    }

    // ---- accepted: the same resources as ARM's own JSON, complete (no warning) ----

    @ParameterizedTest
    @ValueSource(strings = {"az-keyvault-show.json", "az-backup-vault-list.json", "az-backup-vault-show.json",
            "az-backup-vault-encryption-show.json", "az-monitor-diagnostic-settings-list.json",
            "az-monitor-diagnostic-settings-list-old.json", "az-graph-query.json", "az-graph-query-data.json",
            "resource-graph-rest-objectarray.json", "resource-graph-rest-table.json", "get-azresource.json",
            "search-azgraph.json", "invoke-azrestmethod.json", "invoke-azrestmethod-content.json"})
    void completeExportsReadAsArm(String name) throws Exception {
        Snapshot snapshot = read(fixture(name));
        Map<String, Resource> arm = arm();
        assertThat(snapshot.resources()).as(name).isNotEmpty();
        for (Resource resource : snapshot.resources()) {
            assertThat(arm).as(name).containsKey(resource.id());
            assertArmShaped(resource, arm.get(resource.id()));
        }
        assertThat(snapshot.warnings()).as(name).isEmpty();
    }

    @Test
    void eachExportHoldsTheResourcesItsCommandGives() throws Exception {
        assertThat(byId(read(fixture("az-keyvault-show.json")))).containsOnlyKeys(KV);
        assertThat(byId(read(fixture("az-backup-vault-list.json")))).containsOnlyKeys(RSV);
        assertThat(byId(read(fixture("az-backup-vault-encryption-show.json")))).containsOnlyKeys(ENC);
        assertThat(byId(read(fixture("az-monitor-diagnostic-settings-list.json")))).containsOnlyKeys(DS);
        assertThat(byId(read(fixture("az-graph-query.json")))).containsOnlyKeys(KV, RSV);
        assertThat(byId(read(fixture("resource-graph-rest-table.json")))).containsOnlyKeys(KV, RSV);
        assertThat(byId(read(fixture("get-azresource.json")))).containsOnlyKeys(KV, RSV);
        assertThat(byId(read(fixture("invoke-azrestmethod.json")))).containsOnlyKeys(KV);
        assertThat(byId(read(fixture("invoke-azrestmethod-content.json")))).containsOnlyKeys(KEY);
    }

    @Test
    void cliDiagnosticSettingsHaveTheirFlattenedSettingsBackInProperties() throws Exception {
        Resource setting = read(fixture("az-monitor-diagnostic-settings-list.json")).resources().get(0);
        assertThat(setting.text("/properties/workspaceId")).hasValueSatisfying(id -> assertThat(id).endsWith("/law-audit"));
        assertThat(setting.at("/properties/logs").get(0).get("categoryGroup").asText()).isEqualTo("audit");
        assertThat(setting.at("/workspaceId").isMissingNode()).isTrue();
        assertThat(setting.at("/logs").isMissingNode()).isTrue();
    }

    @Test
    void powerShellNamesAreArmNames() throws Exception {
        Resource rsv = byId(read(fixture("get-azresource.json"))).get(RSV);
        JsonNode json = rsv.json();
        assertThat(json.has("id")).isTrue();
        assertThat(json.has("Id")).isFalse();
        assertThat(json.has("ResourceId")).isFalse();
        assertThat(json.has("ResourceType")).isFalse();
        assertThat(rsv.text("/identity/tenantId")).isEqualTo(arm().get(RSV).text("/identity/tenantId"));
        assertThat(rsv.text("/sku/tier")).hasValue("Standard");
        assertThat(rsv.subscriptionId()).isEqualTo(arm().get(RSV).subscriptionId());
    }

    /** Windows PowerShell 5.1's Out-File writes UTF-16LE with a byte order mark; others write UTF-16BE or UTF-8 ones. */
    @ParameterizedTest
    @ValueSource(strings = {"UTF-16LE", "UTF-16BE", "UTF-8"})
    void powerShellFilesWithAByteOrderMarkRead(String charset) throws Exception {
        String text = Files.readString(fixture("get-azresource.json"));
        Path file = dir.resolve("out-file-" + charset + ".json");
        Files.write(file, ("\uFEFF" + text).getBytes(Charset.forName(charset)));
        Snapshot snapshot = read(file);
        assertThat(byId(snapshot)).containsOnlyKeys(KV, RSV);
        assertArmShaped(byId(snapshot).get(RSV), arm().get(RSV));
    }

    @Test
    void genericListingRowsAreKeptWithoutProperties() throws Exception {
        for (String name : List.of("az-resource-list.json", "az-keyvault-list.json")) {
            Snapshot snapshot = read(fixture(name));
            assertThat(snapshot.warnings()).as(name).isEmpty();
            for (Resource resource : snapshot.resources()) {
                assertThat(resource.at("/properties").isObject()).as(name).isFalse();
                assertThat(resource.type()).isEqualTo(arm().get(resource.id()).type());
                assertThat(resource.location()).isEqualTo(arm().get(resource.id()).location());
            }
        }
        assertThat(byId(read(fixture("az-resource-list.json")))).containsOnlyKeys(KV, RSV);
        assertThat(byId(read(fixture("az-keyvault-list.json")))).containsOnlyKeys(KV);
    }

    /**
     * The elements of a top-level array fixture {@code times} over, each copy's names (and so ids) made its own, in
     * the fixture's layout: large enough for the parallel read to split it.
     */
    private static String repeated(String arrayText, int times) {
        String newline = arrayText.contains("\r\n") ? "\r\n" : "\n";
        String body = arrayText.strip();
        String elements = body.substring(1, body.length() - 1).strip();
        int indent = body.indexOf('{') - body.indexOf(newline) - newline.length();
        StringBuilder all = new StringBuilder("[").append(newline).append(" ".repeat(indent));
        for (int i = 0; i < times; i++) {
            if (i > 0) {
                all.append(',').append(newline).append(" ".repeat(indent));
            }
            all.append(elements.replace("kv-backup", "kv-backup-" + i).replace("rsv-prod", "rsv-prod-" + i)
                    .replace("audit-to-law", "audit-to-law-" + i));
        }
        return all.append(newline).append(']').append(newline).toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"az-graph-query-data.json", "search-azgraph.json", "get-azresource.json",
            "get-azresource-depth2.json", "az-monitor-diagnostic-settings-list.json", "az-resource-list.json"})
    void theParallelReadGivesTheSameSnapshot(String name) throws Exception {
        Path copy = Files.writeString(dir.resolve(name), repeated(Files.readString(fixture(name)), 400));
        Snapshot sequential = read(copy);
        Snapshot parallel = readInParallel(copy);
        assertThat(sequential.resources()).hasSizeGreaterThanOrEqualTo(400);
        assertThat(parallel.resources()).isEqualTo(sequential.resources());
        assertThat(parallel.typesSeen()).isEqualTo(sequential.typesSeen());
        assertThat(parallel.warnings()).isEqualTo(sequential.warnings());
        Predicate<String> vaultsOnly = "microsoft.keyvault/vaults"::equals;
        assertThat(new SnapshotReader(vaultsOnly, 0, 2).read(List.of(copy)).resources())
                .isEqualTo(new SnapshotReader(vaultsOnly, 0, 1).read(List.of(copy)).resources());
    }

    // ---- partial exports: read, and a warning naming the file ----

    @ParameterizedTest
    @ValueSource(strings = {"az-graph-query-partial.json|skip_token", "az-graph-query-partial.json|total_records 1340 but 2 rows",
            "resource-graph-rest-objectarray-partial.json|$skipToken",
            "resource-graph-rest-objectarray-partial.json|resultTruncated true",
            "resource-graph-rest-objectarray-partial.json|totalRecords 5000 but 2 rows",
            "search-azgraph-response.json|SkipToken", "invoke-azrestmethod-nextlink.json|nextLink",
            "arm-list-odata-nextlink.json|@odata.nextLink"})
    void partialExportsWarnOnceNamingTheFile(String testCase) throws Exception {
        String[] parts = testCase.split("\\|");
        Path file = fixture(parts[0]);
        Snapshot snapshot = read(file);
        assertThat(snapshot.resources()).isNotEmpty();
        assertThat(snapshot.warnings()).singleElement().asString()
                .startsWith(file.toString()).contains("only part of the data").contains(parts[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"data\": [], \"skipToken\": \"abc\"}", "{\"data\": [], \"SkipToken\": \"abc\"}",
            "{\"Data\": [], \"skip_token\": \"abc\"}", "{\"value\": [], \"NextLink\": \"https://x\"}",
            "{\"value\": [], \"@odata.nextLink\": \"https://x\"}", "{\"data\": [], \"TotalRecords\": 3}",
            "{\"data\": [], \"total_records\": \"3\"}", "{\"data\": [], \"ResultTruncated\": \"True\"}"})
    void everySpellingOfAPartialSignalWarns(String json) throws Exception {
        Path file = Files.writeString(dir.resolve("partial.json"), json);
        assertThat(read(file).warnings()).singleElement().asString().startsWith(file.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"data\": [], \"skip_token\": null, \"total_records\": 0}",
            "{\"data\": [], \"$skipToken\": \"\", \"totalRecords\": 0, \"resultTruncated\": false}",
            "{\"value\": [], \"@odata.nextLink\": null}", "{\"Data\": [], \"SkipToken\": null, \"Count\": 0}"})
    void completeExportsDoNotWarn(String json) throws Exception {
        assertThat(read(Files.writeString(dir.resolve("complete.json"), json)).warnings()).isEmpty();
    }

    // ---- PowerShell's depth: one warning per file, values never parsed ----

    @Test
    void powerShellDepthTruncationWarnsOnceAndIsNeverParsed() throws Exception {
        Path file = fixture("get-azresource-depth2.json");
        Snapshot snapshot = read(file);
        assertThat(byId(snapshot)).containsOnlyKeys(KV, RSV);
        assertThat(snapshot.warnings()).singleElement().asString().startsWith(file.toString())
                .contains("cut short").contains("ConvertTo-Json -Depth 100");
        Resource rsv = byId(snapshot).get(RSV);
        // the text stays the text: not known to the checks, never read as keyUri=...
        assertThat(rsv.at("/properties/encryption/keyVaultProperties").isTextual()).isTrue();
        assertThat(rsv.at("/properties/encryption/keyVaultProperties/keyUri").isMissingNode()).isTrue();
    }

    @Test
    void powerShellTextInUtf16WarnsTheSame() throws Exception {
        String text = Files.readString(fixture("get-azresource-depth2.json"));
        Path utf16 = dir.resolve("depth2-utf16.json");
        Files.write(utf16, ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16LE));
        assertThat(read(utf16).warnings()).singleElement().asString().contains("cut short");
    }

    @Test
    void powerShellTextInAResourceNoCheckReadsDoesNotWarn() throws Exception {
        Path file = fixture("get-azresource-depth2.json");
        Snapshot snapshot = new SnapshotReader("microsoft.keyvault/vaults"::equals).read(List.of(file));
        assertThat(byId(snapshot)).containsOnlyKeys(KV);
        assertThat(snapshot.warnings()).isEmpty();
    }

    // ---- refused: one line saying what the file is and what to run instead ----

    @ParameterizedTest
    @ValueSource(strings = {"az-keyvault-key-list.json", "az-keyvault-key-show.json"})
    void dataPlaneKeysAreRefusedWithTheArmCommand(String name) {
        Path file = fixture(name);
        assertThat(refusal(file)).contains("Key Vault data plane").contains("az keyvault key list/show")
                .contains("az rest --method get --url \"https://management.azure.com/<vault id>/keys?api-version=2023-07-01\"");
    }

    /** The CLI's other output formats and PowerShell's display, saved under a .json name: what it is, and what to run. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "az-graph-query-o-table.json|looks like table output (az ... -o table, or PowerShell's Format-Table display)",
            "az-graph-query-o-tsv.json|looks like tab-separated values (az ... -o tsv)",
            "az-graph-query-o-yaml.json|looks like YAML (az ... -o yaml)",
            "az-graph-query-o-jsonc.json|holds terminal colour codes, as az ... -o jsonc or -o yamlc write them",
            "get-azresource-format-list.json|looks like PowerShell's formatted display (Format-List",
            "get-azresource-format-table.json|looks like table output (az ... -o table, or PowerShell's Format-Table display)"})
    void otherOutputFormatsAreRefusedSayingWhatTheyAreAndHowToExportJson(String name, String what) {
        Path file = fixture(name);
        assertThat(refusal(file)).startsWith(file + ": not valid JSON: line ").contains("; it " + what)
                .endsWith("export JSON instead: az ... -o json (the CLI's default), or pipe PowerShell objects to"
                        + " ConvertTo-Json -Depth 100");
    }

    @Test
    void jsonThatBreaksLaterGetsNoGuess() throws Exception {
        Path file = Files.writeString(dir.resolve("cut.json"), "[\n{\"id\": \"/subscriptions/s/resourceGroups/rg\"\n");
        assertThat(refusal(file)).doesNotContain("it looks like");
        Path yamlLike = Files.writeString(dir.resolve("late.json"), "[1,\n2,\n3,\n4,\nname: x\n]");
        assertThat(refusal(yamlLike)).doesNotContain("it looks like");
    }

    @Test
    void aFailedRestMethodResponseIsRefused() {
        Path file = fixture("invoke-azrestmethod-403.json");
        assertThat(refusal(file)).isEqualTo(file + ": holds an Invoke-AzRestMethod response with status 403, not resources;"
                + " export again once the request succeeds");
    }

    @Test
    void brokenContentIsAnInputErrorNamingTheContent() throws Exception {
        Path file = Files.writeString(dir.resolve("broken-content.json"),
                "{\"StatusCode\": 200, \"Content\": \"{\\\"value\\\": [\", \"Method\": \"GET\"}");
        assertThat(refusal(file)).startsWith(file + ": the response's Content: not valid JSON: line 1, column");
    }

    @Test
    void tableRowsThatDoNotMatchTheColumnsAreRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("table.json"), """
                {"data": {"columns": [{"name": "id", "type": "string"}, {"name": "type", "type": "string"}],
                 "rows": [["/subscriptions/x/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"]]}}""");
        assertThat(refusal(file)).isEqualTo(file + ": \"data\" table row 0: expected an array of 2 values, one per column,"
                + " found 1 values");
    }

    @Test
    void resourceGraphTableIsTheObjectArrayResult() throws Exception {
        assertThat(read(fixture("resource-graph-rest-table.json")).resources())
                .isEqualTo(read(fixture("resource-graph-rest-objectarray.json")).resources());
    }

    @Test
    void anArrayOfRestMethodResponsesIsRefusedWithAHint() throws Exception {
        String response = MAPPER.readTree(fixture("invoke-azrestmethod.json").toFile()).toString();
        Path file = Files.writeString(dir.resolve("responses.json"), "[" + response + "," + response + "]");
        assertThat(refusal(file)).contains("an Invoke-AzRestMethod response, not a resource");
    }

    @Test
    void fixturesAreWhatTheToolsWrite() throws IOException {
        // Windows PowerShell 5.1's layout: CRLF line ends, two spaces after a colon
        assertThat(Files.readString(fixture("get-azresource-depth2.json"))).contains("\r\n").contains("\":  ");
        assertThat(Files.readString(fixture("az-graph-query.json"))).contains("\"skip_token\": null");
    }
}
