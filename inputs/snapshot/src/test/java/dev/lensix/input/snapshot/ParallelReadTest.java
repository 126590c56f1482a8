package dev.lensix.input.snapshot;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lensix.api.input.InputException;
import dev.lensix.input.snapshot.bench.SyntheticTenant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Large top-level arrays are read by several threads (ParallelArrayReader): the snapshot is exactly the one a
 * sequential read gives, for one resource a line and for {@code az}-style indented output, and any problem falls back
 * to the sequential read and its message. (HostileCorpusTest compares the two on every hostile input as well.)
 */
class ParallelReadTest {

    private static final Predicate<String> CHECKED = Set.of("microsoft.recoveryservices/vaults",
            "microsoft.recoveryservices/vaults/backupencryptionconfigs", "microsoft.keyvault/vaults",
            "microsoft.keyvault/vaults/keys", "microsoft.insights/diagnosticsettings",
            "microsoft.authorization/roleassignments", "microsoft.authorization/roledefinitions")::contains;

    @TempDir
    static Path dir;
    static Path compact;
    static Path indented;

    @BeforeAll
    static void tenants() throws Exception {
        compact = dir.resolve("compact.json");
        SyntheticTenant.write(6_000, 11, compact);
        // as az prints it: "[", then each element on lines of its own, indented by two
        JsonNode all = new ObjectMapper().readTree(compact.toFile());
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withArrayIndenter(new DefaultIndenter("  ", "\n"))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"));
        indented = dir.resolve("indented.json");
        new ObjectMapper().writer(printer).writeValue(indented.toFile(), all);
        assertThat(Files.readString(indented).substring(0, 8)).isEqualTo("[\n  {\n  ".substring(0, 8));
    }

    private static Snapshot sequential(Predicate<String> keep, Path... files) throws InputException {
        return new SnapshotReader(keep, 0, 1).read(List.of(files));
    }

    private static Snapshot parallel(Predicate<String> keep, Path... files) throws InputException {
        return new SnapshotReader(keep, 0, 4).read(List.of(files));
    }

    private static void assertSame(Snapshot actual, Snapshot expected) {
        assertThat(actual.resources()).isEqualTo(expected.resources());
        assertThat(actual.typesSeen()).isEqualTo(expected.typesSeen());
        assertThat(actual.sources()).isEqualTo(expected.sources());
        assertThat(actual.warnings()).isEqualTo(expected.warnings());
    }

    @Test
    void bothLayoutsAreSplitIntoStretchesThatMeet() {
        ParallelArrayReader reader = new ParallelArrayReader(new ObjectMapper(), type -> true, (parser, index, types) -> {
            parser.skipChildren();
            return null;
        }, 4);
        assertThat(reader.read(compact)).get().asList().hasSizeGreaterThan(8);
        assertThat(reader.read(indented)).get().asList().hasSizeGreaterThan(8);
    }

    @Test
    void oneResourceALineReadsTheSame() throws Exception {
        Snapshot expected = sequential(CHECKED, compact);
        assertThat(expected.resources()).hasSizeGreaterThan(200);
        assertSame(parallel(CHECKED, compact), expected);
        assertSame(parallel(type -> true, compact), sequential(type -> true, compact));
    }

    @Test
    void indentedOutputReadsTheSame() throws Exception {
        assertSame(parallel(CHECKED, indented), sequential(CHECKED, indented));
        // the same resources from two files are read once
        assertSame(parallel(CHECKED, compact, indented), sequential(CHECKED, compact, indented));
    }

    @Test
    void textBeyondAsciiAndBytesThatAreNotUtf8ReadAsTheSequentialReadReadsThem() throws Exception {
        byte[] text = Files.readAllBytes(compact);
        String vault = ",\n{\"id\": \"/subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333/resourceGroups/rg/providers/"
                + "Microsoft.KeyVault/vaults/kv-\u00e9t\u00e9\", \"type\": \"Microsoft.KeyVault/vaults\", "
                + "\"name\": \"kv-\u00e9t\u00e9\", "
                + "\"tags\": {\"owner\": \"Zo\u00eb \ud83d\ude00 \u05e9\u05dc\u05d5\u05dd\", \"raw\": \"BAD\"}}";
        byte[] element = vault.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int bad = new String(element, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("BAD");
        int middle = new String(text, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf(",\n{", text.length / 2);

        byte[] wellFormed = spliced(text, middle, element);
        Path unicode = Files.write(dir.resolve("unicode.json"), wellFormed);
        Snapshot expected = sequential(CHECKED, unicode);
        assertThat(expected.resources())
                .anySatisfy(resource -> assertThat(resource.name()).isEqualTo("kv-\u00e9t\u00e9"));
        assertSame(parallel(CHECKED, unicode), expected);

        // a lone continuation byte, a lead byte without its continuation, a byte UTF-8 never uses
        element[bad] = (byte) 0x80;
        element[bad + 1] = (byte) 0xC3;
        element[bad + 2] = (byte) 0xFF;
        Path malformed = Files.write(dir.resolve("malformed.json"), spliced(text, middle, element));
        Throwable sequentialProblem = catchThrowable(() -> sequential(CHECKED, malformed));
        Throwable parallelProblem = catchThrowable(() -> parallel(CHECKED, malformed));
        if (sequentialProblem == null) {
            assertThat(parallelProblem).isNull();
            assertSame(parallel(CHECKED, malformed), sequential(CHECKED, malformed));
        } else {
            assertThat(parallelProblem).isInstanceOf(InputException.class).hasMessage(sequentialProblem.getMessage());
        }
    }

    @Test
    void aResourceTwiceInOneFileIsReadOnceOrReportedAsTheSequentialReadReportsIt() throws Exception {
        String text = Files.readString(compact);
        String id = "/subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333/resourceGroups/rg/providers"
                + "/Microsoft.KeyVault/vaults/kv-twice";
        String vault = ",\n{\"id\": \"" + id + "\", \"type\": \"Microsoft.KeyVault/vaults\", \"name\": \"kv-twice\", "
                + "\"properties\": {\"enableSoftDelete\": %s}}";
        int early = text.indexOf(",\n{", text.length() / 10);
        int late = text.indexOf(",\n{", text.length() * 9 / 10);

        String sameButForIdCase = vault.formatted("true").replace("vaults/kv-twice", "vaults/KV-TWICE");
        Path same = Files.writeString(dir.resolve("twice-same.json"), text.substring(0, early) + vault.formatted("true")
                + text.substring(early, late) + sameButForIdCase + text.substring(late));
        Snapshot expected = sequential(CHECKED, same);
        assertThat(expected.resources()).filteredOn(resource -> resource.name().equals("kv-twice")).hasSize(1);
        assertSame(parallel(CHECKED, same), expected);

        Path differing = Files.writeString(dir.resolve("twice-differing.json"), text.substring(0, early)
                + vault.formatted("true") + text.substring(early, late) + vault.formatted("false")
                + text.substring(late));
        Throwable problem = catchThrowable(() -> sequential(CHECKED, differing));
        assertThat(problem).isInstanceOf(InputException.class);
        assertThat(catchThrowable(() -> parallel(CHECKED, differing)))
                .isInstanceOf(InputException.class).hasMessage(problem.getMessage());

        // in the second of two files, against the first: the sequential read says where
        Path first = Files.writeString(dir.resolve("twice-first.json"),
                "[\n" + vault.formatted("true").substring(2) + "\n]\n");
        Path second = Files.writeString(dir.resolve("twice-second.json"),
                text.substring(0, late) + vault.formatted("false") + text.substring(late));
        Throwable acrossFiles = catchThrowable(() -> sequential(CHECKED, first, second));
        assertThat(acrossFiles).isInstanceOf(InputException.class);
        assertThat(catchThrowable(() -> parallel(CHECKED, first, second)))
                .isInstanceOf(InputException.class).hasMessage(acrossFiles.getMessage());
    }

    private static byte[] spliced(byte[] text, int at, byte[] element) {
        byte[] whole = new byte[text.length + element.length];
        System.arraycopy(text, 0, whole, 0, at);
        System.arraycopy(element, 0, whole, at, element.length);
        System.arraycopy(text, at, whole, at + element.length, text.length - at);
        return whole;
    }

    @Test
    void aProblemAnywhereIsReportedAsTheSequentialReadReportsIt() throws Exception {
        String text = Files.readString(compact);
        int middle = text.indexOf(",\n{", text.length() / 2);
        Path broken = Files.writeString(dir.resolve("broken.json"),
                text.substring(0, middle) + ",\n{\"name\": \"no id\", \"type\": \"Microsoft.Compute/disks\"}" + text.substring(middle));
        Throwable expected = org.assertj.core.api.Assertions.catchThrowable(() -> sequential(CHECKED, broken));
        assertThat(expected).isInstanceOf(InputException.class).hasMessageContaining("resource has no \"id\" string");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> parallel(CHECKED, broken)))
                .isInstanceOf(InputException.class).hasMessage(expected.getMessage());

        Path truncated = Files.writeString(dir.resolve("truncated.json"), text.substring(0, text.length() * 3 / 4));
        Throwable cut = org.assertj.core.api.Assertions.catchThrowable(() -> sequential(CHECKED, truncated));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> parallel(CHECKED, truncated)))
                .isInstanceOf(InputException.class).hasMessage(cut.getMessage());
    }
}
