package dev.lensix.input.snapshot.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The floor a scan is measured against: a bare streaming Jackson parse of a snapshot file, every token read and
 * nothing built, through the same {@code Files.newInputStream} and {@code JsonFactory.createParser} as lensix's
 * snapshot reader.
 *
 * <pre>
 * java -cp "inputs/snapshot/target/test-classes:distribution/target/lensix/lib/*" dev.lensix.input.snapshot.bench.BareParse tenant.json
 * </pre>
 */
public final class BareParse {

    private BareParse() {
    }

    public static void main(String[] args) throws IOException {
        long started = System.nanoTime();
        long tokens = 0;
        try (InputStream in = Files.newInputStream(Path.of(args[0])); JsonParser parser = new JsonFactory().createParser(in)) {
            while (parser.nextToken() != null) {
                tokens++;
            }
        }
        System.out.printf(Locale.ROOT, "%s: %,d tokens in %.2f s%n", args[0], tokens, (System.nanoTime() - started) / 1e9);
    }
}
