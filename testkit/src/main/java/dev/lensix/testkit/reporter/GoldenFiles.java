package dev.lensix.testkit.reporter;

import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Byte-for-byte comparison of output with a golden file, regenerating the file instead when the system
 * property {@value #UPDATE_PROPERTY} is {@code true}.
 *
 * <pre>{@code
 * GoldenFiles golden = GoldenFiles.in(Path.of("src/test/resources/golden"), Path.of("target/golden-actual"));
 * golden.assertMatches("one-result.csv", bytes);
 * // mvn verify -Dlensix.golden.update=true   rewrites every golden file that differs
 * }</pre>
 */
public final class GoldenFiles {

    /** Set this system property to {@code true} to (re)write golden files instead of comparing. */
    public static final String UPDATE_PROPERTY = "lensix.golden.update";

    private static final int WINDOW = 60;

    private final Path directory;
    private final Path actualDirectory;

    private GoldenFiles(Path directory, Path actualDirectory) {
        this.directory = directory;
        this.actualDirectory = actualDirectory;
    }

    /**
     * @param directory       where the golden files live (a source folder, so updates land in version control)
     * @param actualDirectory where the output of a failed comparison is saved for inspection
     */
    public static GoldenFiles in(Path directory, Path actualDirectory) {
        return new GoldenFiles(directory, actualDirectory);
    }

    /** True when {@code -Dlensix.golden.update=true} was given. */
    public static boolean updating() {
        return Boolean.parseBoolean(System.getProperty(UPDATE_PROPERTY, "false").strip());
    }

    public Path directory() {
        return directory;
    }

    /**
     * Asserts {@code actual} equals the golden file {@code fileName} byte for byte; in update mode writes it
     * there instead (only when it differs) and passes.
     */
    public void assertMatches(String fileName, byte[] actual) {
        Path golden = directory.resolve(fileName);
        try {
            if (updating()) {
                if (!Files.isRegularFile(golden) || !Arrays.equals(Files.readAllBytes(golden), actual)) {
                    Files.createDirectories(golden.toAbsolutePath().getParent());
                    Files.write(golden, actual);
                    System.err.println("[lensix] golden file written: " + golden.toAbsolutePath()
                            + " -- review the change before committing it");
                }
                return;
            }
            if (!Files.isRegularFile(golden)) {
                Path saved = saveActual(fileName, actual);
                throw new AssertionFailedError("no golden file " + golden.toAbsolutePath() + " (output saved to "
                        + saved + "); run the tests with -D" + UPDATE_PROPERTY + "=true to create it, then review"
                        + " and commit it");
            }
            byte[] expected = Files.readAllBytes(golden);
            if (!Arrays.equals(expected, actual)) {
                Path saved = saveActual(fileName, actual);
                String message = describeDifference(golden, expected, actual, saved);
                if (expected.length + actual.length <= 4 * 1024 * 1024) {
                    throw new AssertionFailedError(message, new String(expected, StandardCharsets.UTF_8),
                            new String(actual, StandardCharsets.UTF_8));
                }
                throw new AssertionFailedError(message);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write golden file " + golden, e);
        }
    }

    private Path saveActual(String fileName, byte[] actual) throws IOException {
        Path saved = actualDirectory.resolve(fileName).toAbsolutePath();
        Files.createDirectories(saved.getParent());
        Files.write(saved, actual);
        return saved;
    }

    /** A readable account of where two byte arrays first differ: offset, line, column and both lines. */
    static String describeDifference(Path golden, byte[] expected, byte[] actual, Path saved) {
        int offset = Arrays.mismatch(expected, actual);
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (expected[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return "output differs from golden file " + golden.toAbsolutePath() + "\n"
                + "  first difference at byte offset " + offset + " (line " + line + ", byte " + (offset - lineStart + 1)
                + " of the line); golden has " + expected.length + " bytes, output has " + actual.length + "\n"
                + "  golden: " + excerpt(expected, lineStart, offset) + "\n"
                + "  output: " + excerpt(actual, lineStart, offset) + "\n"
                + "  full output saved to " + saved + "\n"
                + "  if the change is intended, rerun with -D" + UPDATE_PROPERTY + "=true and review the diff";
    }

    private static String excerpt(byte[] bytes, int lineStart, int offset) {
        if (offset >= bytes.length) {
            return "<end of file>";
        }
        int lineEnd = offset;
        while (lineEnd < bytes.length && bytes[lineEnd] != '\n') {
            lineEnd++;
        }
        int from = Math.max(lineStart, offset - WINDOW);
        int to = Math.min(lineEnd, offset + WINDOW);
        String text = new String(bytes, from, to - from, StandardCharsets.UTF_8);
        return (from > lineStart ? "..." : "") + "\"" + escape(text) + "\"" + (to < lineEnd ? "..." : "")
                + "  <- difference at column " + (offset - from + 1) + " of this excerpt (bytes)";
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                default -> {
                    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || Character.getType(cp) == Character.FORMAT
                            || cp == 0xFFFE || cp == 0xFFFF) {
                        out.append(String.format("\\u%04X", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.toString();
    }
}
