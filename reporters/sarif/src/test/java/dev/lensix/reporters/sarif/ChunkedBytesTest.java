package dev.lensix.reporters.sarif;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkedBytesTest {

    @Test
    void keepsEveryByteAcrossChunksAndPassesThemOnInChunks() throws IOException {
        byte[] data = sample(3 * ChunkedBytes.CHUNK + 123);
        ChunkedBytes bytes = new ChunkedBytes();
        bytes.write(data[0]);
        bytes.write(data, 1, ChunkedBytes.CHUNK - 2);          // up to one byte before the first chunk's end
        bytes.write(data, ChunkedBytes.CHUNK - 1, 2);          // across it
        bytes.write(data[ChunkedBytes.CHUNK + 1]);
        bytes.write(data, ChunkedBytes.CHUNK + 2, data.length - ChunkedBytes.CHUNK - 2); // more than a chunk at once
        assertThat(bytes.size()).isEqualTo(data.length);

        List<Integer> writes = new ArrayList<>();
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        bytes.writeTo(new OutputStream() {
            @Override
            public void write(int b) {
                throw new AssertionError("byte by byte");
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writes.add(len);
                copy.write(b, off, len);
            }
        });
        assertThat(copy.toByteArray()).isEqualTo(data);
        assertThat(writes).allMatch(length -> length <= ChunkedBytes.CHUNK).hasSize(4);
    }

    @Test
    void nothingWrittenIsNothingToPassOn() throws IOException {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        new ChunkedBytes().writeTo(copy);
        assertThat(copy.size()).isZero();
        assertThat(new ChunkedBytes().gzippedSize(Deflater.DEFAULT_COMPRESSION)).isEqualTo(gzip(new byte[0], -1).length);
    }

    @Test
    void gzippedSizeIsWhatGzipWrites() throws IOException {
        byte[] text = "{\n  \"ruleId\": \"kv_nopurgeprotect\",\n  \"level\": \"warning\"\n}\n".repeat(20_000).getBytes();
        byte[] noise = sample(200_000);
        for (byte[] data : List.of(text, noise)) {
            ChunkedBytes bytes = new ChunkedBytes();
            bytes.write(data, 0, data.length);
            for (int level : new int[] {Deflater.DEFAULT_COMPRESSION, Deflater.BEST_SPEED}) {
                assertThat(bytes.gzippedSize(level)).as("level %d", level).isEqualTo(gzip(data, level).length);
            }
        }
        ChunkedBytes bytes = new ChunkedBytes();
        bytes.write(text, 0, text.length);
        assertThat(bytes.gzippedSize(Deflater.BEST_SPEED)).as("level 1 compresses SARIF-like text less")
                .isGreaterThan(bytes.gzippedSize(Deflater.DEFAULT_COMPRESSION));
    }

    private static byte[] gzip(byte[] data, int level) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(level);
            }
        }) {
            gzip.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] sample(int length) {
        byte[] data = new byte[length];
        new Random(42).nextBytes(data);
        return data;
    }
}
