package dev.lensix.engine.scan;

import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Severity;
import dev.lensix.api.check.Status;
import dev.lensix.api.check.Verdict;
import dev.lensix.api.input.InputException;
import dev.lensix.api.report.ScanReport;
import dev.lensix.engine.plugin.LoadedCheck;
import dev.lensix.engine.report.TerminalSummary;
import dev.lensix.engine.testing.LambdaCheck;
import dev.lensix.input.snapshot.Snapshot;
import dev.lensix.input.snapshot.SnapshotInput;
import dev.lensix.input.snapshot.SnapshotReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs every input of the hostile corpus ({@code src/test/resources/hostile/INDEX.txt}) through the real
 * {@link Scanner} and holds lensix to the outcome the index gives: a one-line {@link InputException} naming the input
 * (exit code 2), or a scan that goes on with the expected result counts. Anything else thrown, a stack overflow or an
 * out-of-memory included, fails the case.
 */
class HostileCorpusTest {

    static final String VAULTS = "Microsoft.RecoveryServices/vaults";
    static final String CONFIGS = "Microsoft.RecoveryServices/vaults/backupEncryptionConfigs";
    private static final String KEY_URI = "/properties/encryption/keyVaultProperties/keyUri";
    private static final String RG = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-hostile/providers";
    private static final Pattern COUNTS = Pattern.compile("PASS=(\\d+) FAIL=(\\d+) ERROR=(\\d+)(?: problems=(\\d+))?");
    private static final int MB = 1 << 20;

    @TempDir
    static Path work;

    /**
     * Reads keyUri carefully, through the typed accessor: PASS for a non-blank string, FAIL for a blank or absent one,
     * ERROR (from the runner) when the export cannot say.
     */
    static final LoadedCheck CAREFUL = LambdaCheck.of(LambdaCheck.descriptor("careful", Severity.HIGH, VAULTS, CONFIGS),
            (r, i) -> true, (vault, inventory) -> {
                Evidence.Builder evidence = Evidence.builder();
                var keyUri = evidence.text(vault, KEY_URI);
                return keyUri.optional().filter(uri -> !uri.isBlank()).isPresent()
                        ? Verdict.pass("customer-managed key", evidence.build())
                        : Verdict.fail("no customer-managed key", evidence.build());
            }).loaded();

    /** Assumes the happy shape and throws on anything else, as careless plug-in code does. */
    static final LoadedCheck NAIVE = LambdaCheck.of("naive", Severity.HIGH, VAULTS, (vault, inventory) ->
            vault.properties().get("encryption").get("keyVaultProperties").get("keyUri").textValue().isBlank()
                    ? Verdict.fail("blank key", Evidence.none())
                    : Verdict.pass("a key", Evidence.none())).loaded();

    record Case(String input, String outcome, String expect, String why) {
        boolean generated() {
            return input.startsWith("@");
        }
    }

    static Path corpus() {
        try {
            return Path.of(HostileCorpusTest.class.getResource("/hostile/INDEX.txt").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String line : Files.readAllLines(corpus().resolve("INDEX.txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] columns = line.split(" \\| ", -1);
            assertThat(columns).as("4 columns in: %s", line).hasSize(4);
            assertThat(columns[1]).as(line).isIn("input-error", "scan");
            cases.add(new Case(columns[0].strip(), columns[1].strip(), columns[2].strip(), columns[3].strip()));
        }
        return cases;
    }

    @Test
    void theCorpusHoldsAtLeastFiftyCasesAndEveryFileIsInTheIndex() throws IOException {
        List<Case> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(50);
        Set<String> listed = new TreeSet<>();
        cases.forEach(c -> assertThat(listed.add(c.input())).as("listed twice: %s", c.input()).isTrue());
        Set<String> files = new TreeSet<>();
        try (Stream<Path> list = Files.list(corpus())) {
            list.map(path -> path.getFileName().toString()).filter(name -> !name.equals("INDEX.txt")).forEach(files::add);
        }
        assertThat(listed).containsAll(files);
        cases.stream().filter(c -> !c.generated()).forEach(c -> assertThat(files).contains(c.input()));
        cases.stream().filter(Case::generated).forEach(c -> assertThat(GENERATORS).containsKey(c.input()));
    }

    @TestFactory
    Stream<DynamicTest> everyInputHasItsDocumentedOutcome() throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.input() + " -> " + c.outcome(), () -> run(c)));
    }

    /**
     * Big files are read by several threads; here every input is, and must give exactly what one thread gives: the same
     * resources in the same order, types and warnings, or the same error message.
     */
    @TestFactory
    Stream<DynamicTest> readingWithSeveralThreadsGivesWhatOneThreadGives() throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.input(), () -> {
            Path input = input(c);
            assertThat(outcome(new SnapshotReader(type -> true, 0, 3), input))
                    .isEqualTo(outcome(new SnapshotReader(type -> true, 0, 1), input));
            java.util.function.Predicate<String> vaultsOnly = type -> type.equals("microsoft.recoveryservices/vaults");
            assertThat(outcome(new SnapshotReader(vaultsOnly, 0, 2), input))
                    .isEqualTo(outcome(new SnapshotReader(vaultsOnly, 0, 1), input));
        }));
    }

    private static Object outcome(SnapshotReader reader, Path input) {
        try {
            Snapshot snapshot = reader.read(List.of(input));
            return List.of(snapshot.sources(), snapshot.resources(), snapshot.typesSeen(), snapshot.warnings());
        } catch (InputException e) {
            return e.getMessage();
        }
    }

    private static Path input(Case c) throws IOException {
        return c.generated() ? GENERATORS.get(c.input()).make(Files.createTempDirectory(work, "case")) : corpus().resolve(c.input());
    }

    private static void run(Case c) throws Exception {
        Path input = input(c);
        String expect = c.expect();
        String outcome = c.outcome();
        if (c.input().equals("@unreadable") && Files.isReadable(input)) {
            // root (as in the build containers) reads any file whatever its mode: then the scan must simply read it
            outcome = "scan";
            expect = "PASS=2 FAIL=0 ERROR=0";
        }
        ScanReport report;
        try {
            report = new Scanner(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
                    .scan(new SnapshotInput(List.of(input)), List.of(CAREFUL, NAIVE), List.of());
        } catch (InputException e) {
            assertThat(outcome).as("%s: unexpected input error: %s", c.input(), e.getMessage()).isEqualTo("input-error");
            assertThat(e.getMessage()).as(c.input())
                    .startsWith(input.toString())
                    .contains(expect)
                    .doesNotContain("\n", "\r", "Exception", "\tat ", "StreamReadConstraints", "Source: ");
            assertThat(e.getMessage().length()).as("one short line: %s", e.getMessage()).isLessThan(600);
            return;
        } catch (Throwable e) {
            throw new AssertionError(c.input() + ": threw " + e.getClass().getName() + " instead of an InputException", e);
        }
        assertThat(outcome).as("%s: expected an input error containing '%s'", c.input(), expect).isEqualTo("scan");
        Matcher counts = COUNTS.matcher(expect);
        assertThat(counts.matches()).as("counts in the index for %s", c.input()).isTrue();
        assertThat(report.count(Status.PASS) + " " + report.count(Status.FAIL) + " " + report.count(Status.ERROR))
                .as("%s: PASS FAIL ERROR", c.input())
                .isEqualTo(counts.group(1) + " " + counts.group(2) + " " + counts.group(3));
        int problems = counts.group(4) == null ? 0 : Integer.parseInt(counts.group(4));
        assertThat(report.problems()).as(c.input()).hasSize(problems);
        // the careful check errs only where the data is not known, and then says which field and why
        report.results().stream().filter(result -> result.status() == Status.ERROR && result.checkId().equals("careful"))
                .forEach(result -> assertThat(result.message()).as(c.input())
                        .contains("cannot be evaluated: its properties")
                        .containsAnyOf("not in this export", "where ARM returns", "cut short"));
        String summary = TerminalSummary.render(report, List.of());
        assertThat(summary.codePoints().filter(cp -> cp != '\n' && (Character.getType(cp) == Character.CONTROL
                || Character.getType(cp) == Character.FORMAT))).as("raw control characters in the summary").isEmpty();
    }

    // ---- inputs made at test time ----

    @FunctionalInterface
    interface Generator {
        Path make(Path dir) throws IOException;
    }

    static final Map<String, Generator> GENERATORS = new LinkedHashMap<>();

    static {
        GENERATORS.put("@invalid-utf8", dir -> bytes(dir, "[{\"id\": \"" + vaultId("v1") + "\", \"type\": \"" + VAULTS
                + "\", \"name\": \"\u0001\"}]", (byte) 0xFF));
        GENERATORS.put("@overlong-utf8", dir -> bytes(dir, "[{\"id\": \"" + vaultId("v1") + "\", \"type\": \"" + VAULTS
                + "\", \"name\": \"\u0001\u0002\"}]", (byte) 0xC0, (byte) 0xAF));
        GENERATORS.put("@nul-bytes", dir -> Files.write(dir.resolve("zeroed.json"), new byte[4096]));
        GENERATORS.put("@raw-control-character", dir -> Files.writeString(dir.resolve("raw.json"),
                "[" + vault("v1", "\"name\": \"tab\u0001here\",") + "]"));
        GENERATORS.put("@double-bom", dir -> Files.writeString(dir.resolve("bom2.json"), "\uFEFF\uFEFF[" + vault("v1", "") + "]"));
        GENERATORS.put("@binary-garbage", dir -> {
            byte[] bytes = new byte[64 * 1024];
            new Random(7).nextBytes(bytes);
            bytes[0] = (byte) 0x80; // never a character that could open a JSON document
            return Files.write(dir.resolve("garbage.json"), bytes);
        });
        GENERATORS.put("@gzipped-json", dir -> {
            Path file = dir.resolve("export.json");
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(("[" + vault("v1", "") + "]").getBytes(StandardCharsets.UTF_8));
            }
            return file;
        });
        GENERATORS.put("@dev-zero", dir -> Path.of("/dev/zero"));
        GENERATORS.put("@second-input-broken", dir -> {
            Files.writeString(dir.resolve("a-good.json"), "[" + vault("v1", "") + "]");
            Files.writeString(dir.resolve("b-broken.json"), "[" + vault("v2", ""));
            return dir;
        });
        GENERATORS.put("@million-nulls-top-level", dir -> write(dir.resolve("nulls.json"), out -> {
            out.write("[null");
            for (int i = 1; i < 1_000_000; i++) {
                out.write(",null");
            }
            out.write("]");
        }));
        GENERATORS.put("@empty-folder", dir -> Files.createDirectories(dir.resolve("empty")));
        GENERATORS.put("@folder-of-empty-folders", dir -> {
            Files.createDirectories(dir.resolve("exports/2026/01"));
            Files.createDirectories(dir.resolve("exports/2026/02"));
            return dir.resolve("exports");
        });
        GENERATORS.put("@missing-file", dir -> dir.resolve("absent.json"));
        GENERATORS.put("@symlink-loop", dir -> Files.createSymbolicLink(dir.resolve("loop.json"), Path.of("loop.json")));
        GENERATORS.put("@symlink-loop-in-folder", dir -> {
            Files.writeString(dir.resolve("a.json"), "[" + vault("v1", "") + "]");
            Files.createSymbolicLink(Files.createDirectories(dir.resolve("sub")).resolve("back"), dir);
            return dir;
        });
        GENERATORS.put("@broken-symlink-in-folder", dir -> {
            Files.writeString(dir.resolve("a.json"), "[" + vault("v1", "") + "]");
            Files.createSymbolicLink(dir.resolve("b.json"), dir.resolve("moved-away.json"));
            return dir;
        });
        GENERATORS.put("@pipe-in-folder", dir -> {
            Files.writeString(dir.resolve("a.json"), "[" + vault("v1", "") + "]");
            mkfifo(dir.resolve("b.json"));
            return dir;
        });
        GENERATORS.put("@unreadable", dir -> {
            Path file = Files.writeString(dir.resolve("secret.json"), "[" + vault("v1", "") + "]");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
            return file;
        });
        GENERATORS.put("@nesting-10000-deep", dir -> write(dir.resolve("deep.json"), out -> {
            out.write("[{\"id\": \"" + vaultId("v1") + "\", \"type\": \"" + VAULTS + "\", \"properties\": {\"deep\": ");
            out.write("[".repeat(10_000));
            out.write("]".repeat(10_000));
            out.write("}}]");
        }));
        GENERATORS.put("@nesting-10000-deep-in-a-dropped-resource", dir -> write(dir.resolve("deep.json"), out -> {
            out.write("[" + vault("v1", "") + ", {\"id\": \"" + RG + "/Microsoft.Compute/virtualMachines/vm1\","
                    + " \"type\": \"Microsoft.Compute/virtualMachines\", \"properties\": {\"deep\": ");
            out.write("{\"a\":".repeat(10_000));
            out.write("1" + "}".repeat(10_000));
            out.write("}}]");
        }));
        GENERATORS.put("@nesting-200-deep", dir -> write(dir.resolve("deep.json"), out -> {
            out.write("[{\"id\": \"" + vaultId("v1") + "\", \"type\": \"" + VAULTS + "\", \"properties\": {\"deep\": ");
            out.write("[".repeat(200) + "]".repeat(200));
            out.write(", \"encryption\": {\"keyVaultProperties\": {\"keyUri\": \"https://kv1.vault.azure.net/keys/cmk\"}}}}]");
        }));
        GENERATORS.put("@string-50mb", dir -> write(dir.resolve("long.json"), out -> {
            out.write("[{\"id\": \"" + vaultId("v1") + "\", \"type\": \"" + VAULTS + "\", \"tags\": {\"note\": \"");
            repeat(out, 'x', 50 * MB);
            out.write("\"}}]");
        }));
        GENERATORS.put("@string-50mb-before-type", dir -> write(dir.resolve("long.json"), out -> {
            out.write("[" + vault("v1", "") + ", {\"id\": \"" + RG + "/Microsoft.Compute/virtualMachines/vm1\", \"customData\": \"");
            repeat(out, 'x', 50 * MB);
            out.write("\", \"type\": \"Microsoft.Compute/virtualMachines\"}]");
        }));
        GENERATORS.put("@string-50mb-in-a-dropped-resource", dir -> write(dir.resolve("long.json"), out -> {
            out.write("[{\"id\": \"" + RG + "/Microsoft.Compute/virtualMachines/vm1\", \"type\": \"Microsoft.Compute/virtualMachines\","
                    + " \"properties\": {\"osProfile\": {\"customData\": \"");
            repeat(out, 'x', 50 * MB);
            out.write("\"}}}, " + vault("v1", "") + "]");
        }));
        GENERATORS.put("@string-1mb", dir -> write(dir.resolve("long.json"), out -> {
            out.write("[" + vault("v1", "\"tags\": {\"note\": \"" + "y".repeat(MB) + "\"},") + "]");
        }));
        GENERATORS.put("@number-10000-digits", dir -> Files.writeString(dir.resolve("number.json"),
                "[" + vault("v1", "\"retention\": " + "9".repeat(10_000) + ",") + "]"));
        GENERATORS.put("@field-name-100k", dir -> Files.writeString(dir.resolve("name.json"),
                "[" + vault("v1", "\"" + "n".repeat(100_000) + "\": 1,") + "]"));
        GENERATORS.put("@utf16le-bom", dir -> {
            byte[] text = ("[" + vault("v1", "") + "]").getBytes(StandardCharsets.UTF_16LE);
            byte[] bytes = new byte[text.length + 2];
            bytes[0] = (byte) 0xFF;
            bytes[1] = (byte) 0xFE;
            System.arraycopy(text, 0, bytes, 2, text.length);
            return Files.write(dir.resolve("powershell.json"), bytes);
        });
        GENERATORS.put("@million-nulls-in-properties", dir -> write(dir.resolve("nulls.json"), out -> {
            out.write("[{\"id\": \"" + vaultId("v1") + "\", \"type\": \"" + VAULTS + "\", \"properties\": {\"list\": [null");
            for (int i = 1; i < 1_000_000; i++) {
                out.write(",null");
            }
            out.write("], \"encryption\": {\"keyVaultProperties\": {\"keyUri\": \"https://kv1.vault.azure.net/keys/cmk\"}}}}]");
        }));
        GENERATORS.put("@id-100k-characters", dir -> Files.writeString(dir.resolve("longid.json"),
                "[{\"id\": \"" + vaultId("v" + "1".repeat(100_000)) + "\", \"type\": \"" + VAULTS + "\", \"properties\": "
                        + "{\"encryption\": {\"keyVaultProperties\": {\"keyUri\": \"https://kv1.vault.azure.net/keys/cmk\"}}}}]"));
    }

    static String vaultId(String name) {
        return RG + "/" + VAULTS + "/" + name;
    }

    /** A vault with a customer-managed key; {@code extraFields} (each ending in a comma) go before its properties. */
    static String vault(String name, String extraFields) {
        return "{\"id\": \"" + vaultId(name) + "\", \"type\": \"" + VAULTS + "\", " + extraFields
                + " \"properties\": {\"encryption\": {\"keyVaultProperties\": {\"keyUri\": \"https://kv1.vault.azure.net/keys/cmk\"}}}}";
    }

    /** Writes {@code text}, with each control character U+0001.. replaced by the next of {@code raw} bytes. */
    private static Path bytes(Path dir, String text, byte... raw) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(utf8, utf8.length);
        for (int i = 0, r = 0; i < out.length && r < raw.length; i++) {
            if (out[i] >= 1 && out[i] <= 8) {
                out[i] = raw[r++];
            }
        }
        return Files.write(dir.resolve("bytes.json"), out);
    }

    interface Content {
        void write(Writer out) throws IOException;
    }

    private static Path write(Path file, Content content) throws IOException {
        try (Writer out = new java.io.OutputStreamWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16),
                StandardCharsets.UTF_8)) {
            content.write(out);
        }
        return file;
    }

    private static void repeat(Writer out, char c, int count) throws IOException {
        char[] chunk = new char[64 * 1024];
        Arrays.fill(chunk, c);
        for (int left = count; left > 0; left -= chunk.length) {
            out.write(chunk, 0, Math.min(left, chunk.length));
        }
    }

    private static void mkfifo(Path path) throws IOException {
        try {
            Process process = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
            if (process.waitFor() != 0) {
                fail("mkfifo failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
