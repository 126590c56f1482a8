package dev.lensix.engine.scan;

import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Severity;
import dev.lensix.api.check.Status;
import dev.lensix.api.check.Verdict;
import dev.lensix.api.input.Collected;
import dev.lensix.api.input.CollectionLedger;
import dev.lensix.api.input.CollectionLedger.Entry;
import dev.lensix.api.input.InputException;
import dev.lensix.api.report.Result;
import dev.lensix.api.report.ScanProblem;
import dev.lensix.api.report.ScanReport;
import dev.lensix.api.resource.Coverage;
import dev.lensix.api.resource.Resource;
import dev.lensix.engine.inventory.InMemoryInventory;
import dev.lensix.engine.plugin.LoadedCheck;
import dev.lensix.engine.report.ReportFiles;
import dev.lensix.engine.testing.LambdaCheck;
import dev.lensix.engine.testing.Resources;
import dev.lensix.input.snapshot.Snapshot;
import dev.lensix.input.snapshot.SnapshotInput;
import dev.lensix.input.snapshot.SnapshotReader;
import dev.lensix.input.snapshot.SnapshotWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** lensix's own snapshot format: the header written by {@code lensix collect} and read back for coverage. */
class LensixSnapshotTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String SUB = "0b1f6471-1bf0-4dda-aec3-111122223333";
    private static final String DENIED = "0b1f6471-1bf0-4dda-aec3-999999999999";
    private static final String KV_TYPE = "Microsoft.KeyVault/vaults";
    private static final String KEY_TYPE = "Microsoft.KeyVault/vaults/keys";
    private static final String DIAG_TYPE = "Microsoft.Insights/diagnosticSettings";
    private static final Resource KV1 = Resources.named(KV_TYPE, "kv1");
    private static final Resource KV2 = Resources.named(KV_TYPE, "kv2");
    private static final Resource KEY = Resources.resource(KV1.id() + "/keys/k1", KEY_TYPE);

    @TempDir
    Path dir;

    /** kv1's keys were listed, kv2's could not be; the vaults of a second subscription could not be listed. */
    private static Collected collected() {
        CollectionLedger ledger = CollectionLedger.of(List.of(
                Entry.collected(KV_TYPE, "/subscriptions/" + SUB),
                Entry.notCollected(KV_TYPE, "/subscriptions/" + DENIED, "HTTP 403 (AuthorizationFailed): no"),
                Entry.collected(KEY_TYPE, KV1.id()),
                Entry.notCollected(KEY_TYPE, KV2.id(), "HTTP 503 (ServiceUnavailable): busy")));
        return new Collected(List.of("/subscriptions/" + SUB, "/subscriptions/" + DENIED), List.of(KV2, KEY, KV1), ledger,
                List.of(new ScanProblem("azure", "1 odd id")));
    }

    private Path written() throws Exception {
        Path file = dir.resolve("out/collected.json");
        ReportFiles.writeAtomically(file, out -> SnapshotWriter.write(collected(), "lensix test", NOW, out));
        return file;
    }

    @Test
    void theFileIsAnArmListPageWithTheHeaderFirstAndResourcesSortedById() throws Exception {
        String text = Files.readString(written());
        assertThat(text).startsWith("{\n  \"lensix\" : {\n    \"format\" : \"lensix-snapshot\",\n    \"formatVersion\" : 1,")
                .contains("\"collectedAt\" : \"2026-01-01T00:00:00Z\"", "\"reason\" : \"HTTP 503 (ServiceUnavailable): busy\"");
        assertThat(text.indexOf("/vaults/kv1\"")).isLessThan(text.indexOf("/vaults/kv1/keys/k1\""))
                .isLessThan(text.indexOf("/vaults/kv2\""));
        assertThat(dir.resolve("out")).isDirectoryNotContaining("glob:**.partial");
    }

    @Test
    void readingItBackGivesTheResourcesAndTheLedger() throws Exception {
        Snapshot snapshot = SnapshotReader.keepingAll().read(List.of(written()));
        assertThat(snapshot.resources()).containsExactlyInAnyOrder(KV1, KV2, KEY);
        assertThat(snapshot.ledger()).isEqualTo(collected().ledger());
        assertThat(snapshot.warnings()).singleElement().asString().endsWith(": 1 odd id");
    }

    @Test
    void coverageComesFromTheHeaderScopeByScope() throws Exception {
        InMemoryInventory inventory = InMemoryInventory.of(SnapshotReader.keepingAll().read(List.of(written())).collected());
        assertThat(inventory.coverage(KEY_TYPE, KV1)).isEqualTo(Coverage.COLLECTED);
        assertThat(inventory.coverage(KEY_TYPE, KV2)).isEqualTo(Coverage.notCollected("HTTP 503 (ServiceUnavailable): busy"));
        // listed per subscription: found through the resource's subscription
        assertThat(inventory.coverage(KV_TYPE, KEY).collected()).isTrue();
        // never collected, although a plain export's rule would say "seen, so collected" for kv2's keys
        assertThat(inventory.coverage(DIAG_TYPE, KV1))
                .isEqualTo(Coverage.notCollected(DIAG_TYPE + " was not collected for this scope"));
    }

    @Test
    void aScanOfTheFileEqualsTheScanOfTheCollection() throws Exception {
        LambdaCheck keys = LambdaCheck.of(LambdaCheck.descriptor("kv_keys", Severity.HIGH, KV_TYPE, KEY_TYPE),
                (resource, inventory) -> true, (vault, inventory) -> {
                    Coverage coverage = inventory.coverage(KEY_TYPE, vault);
                    return coverage.collected()
                            ? Verdict.pass(inventory.childrenOf(vault, KEY_TYPE).size() + " keys", Evidence.none())
                            : Verdict.error("keys not collected: " + coverage.reason(), Evidence.none());
                });
        List<LoadedCheck> checks = List.of(keys.loaded());
        Scanner scanner = new Scanner(Clock.fixed(NOW, ZoneOffset.UTC));
        ScanReport live = scanner.scan(wanted -> collected(), checks, List.of());
        ScanReport offline = scanner.scan(new SnapshotInput(List.of(written())), checks, List.of());

        assertThat(offline.results()).isEqualTo(live.results());
        assertThat(live.results()).extracting(Result::status, result -> result.resource().id())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Status.PASS, KV1.id()),
                        org.assertj.core.groups.Tuple.tuple(Status.ERROR, KV2.id()),
                        org.assertj.core.groups.Tuple.tuple(Status.ERROR, "/subscriptions/" + DENIED));
        Result gap = live.results().get(2);
        assertThat(gap.resource().type()).isEqualTo(CollectionLedger.SUBSCRIPTION_TYPE);
        assertThat(gap.message()).isEqualTo(KV_TYPE + " could not be collected in subscription " + DENIED
                + ", so it was not checked: HTTP 403 (AuthorizationFailed): no");
        assertThat(live.complete()).isFalse();
        assertThat(offline.complete()).isFalse();
    }

    @Test
    void aPlainExportBesideALensixSnapshotKeepsThePlainRule() throws Exception {
        Resource other = Resources.resource("/subscriptions/aaaaaaaa-1bf0-4dda-aec3-111122223333/resourceGroups/rg"
                + "/providers/Microsoft.KeyVault/vaults/kv9", KV_TYPE);
        Path plain = Files.writeString(dir.resolve("plain.json"), "[" + other.json() + ", "
                + Resources.resource(other.id() + "/keys/k9", KEY_TYPE).json() + "]");
        InMemoryInventory inventory = InMemoryInventory.of(SnapshotReader.keepingAll().read(List.of(written(), plain)).collected());
        assertThat(inventory.coverage(KEY_TYPE, inventory.byId(other.id()).orElseThrow()).collected()).isTrue();
        assertThat(inventory.coverage(KEY_TYPE, KV2).collected()).isFalse();
    }

    @Test
    void aHeaderOfAnotherFormatOrANewerVersionIsAnInputError() throws Exception {
        Path other = Files.writeString(dir.resolve("other.json"),
                "{\"lensix\": {\"format\": \"something-else\"}, \"value\": []}");
        assertThatThrownBy(() -> SnapshotReader.keepingAll().read(List.of(other))).isInstanceOf(InputException.class)
                .hasMessageContaining("has format \"something-else\", expected \"lensix-snapshot\"");
        Path newer = Files.writeString(dir.resolve("newer.json"), "{\"lensix\": {\"format\": \"lensix-snapshot\","
                + " \"formatVersion\": 9, \"collections\": []}, \"value\": []}");
        assertThatThrownBy(() -> SnapshotReader.keepingAll().read(List.of(newer)))
                .hasMessageContaining("format version 9, written by a newer lensix");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"lensix\": {\"format\": \"lensix-snapshot\","
                + " \"formatVersion\": 1, \"collections\": [{\"type\": \"x\"}]}, \"value\": []}");
        assertThatThrownBy(() -> SnapshotReader.keepingAll().read(List.of(broken)))
                .hasMessageContaining("collections element 0: needs a \"type\" and a \"scope\" string");
    }

    @Test
    void aResourceWithALensixFieldIsStillJustAResource() throws Exception {
        Path single = Files.writeString(dir.resolve("one.json"), "{\"id\": \"" + KV1.id() + "\", \"type\": \"" + KV_TYPE
                + "\", \"lensix\": {\"format\": \"whatever\"}}");
        Snapshot snapshot = SnapshotReader.keepingAll().read(List.of(single));
        assertThat(snapshot.resources()).hasSize(1);
        assertThat(snapshot.ledger().isEmpty()).isTrue();
    }
}
