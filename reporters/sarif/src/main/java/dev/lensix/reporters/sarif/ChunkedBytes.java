package dev.lensix.reporters.sarif;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.Deflater;

/**
 * Bytes held in memory in chunks of 64 KiB: growing copies nothing, no array is as big as the whole, and they go
 * on to another stream in chunks a buffered stream passes straight through.
 *
 * <pre>{@code
 * ChunkedBytes json = new ChunkedBytes();
 * json.write(bytes);
 * json.gzippedSize(Deflater.DEFAULT_COMPRESSION); // what gzip would make of them
 * json.writeTo(out);
 * }</pre>
 */
final class ChunkedBytes extends OutputStream {

    static final int CHUNK = 64 * 1024;

    /** gzip's 10-byte header and 8-byte trailer (CRC-32 and length) around the deflated data. */
    private static final int GZIP_FRAMING = 18;

    private final List<byte[]> chunks = new ArrayList<>();
    private byte[] current;
    private int used = CHUNK;
    private long size;

    @Override
    public void write(int b) {
        if (used == CHUNK) {
            next();
        }
        current[used++] = (byte) b;
        size++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        while (len > 0) {
            if (used == CHUNK) {
                next();
            }
            int n = Math.min(len, CHUNK - used);
            System.arraycopy(b, off, current, used, n);
            used += n;
            off += n;
            len -= n;
            size += n;
        }
    }

    private void next() {
        current = new byte[CHUNK];
        chunks.add(current);
        used = 0;
    }

    /** How many bytes were written. */
    long size() {
        return size;
    }

    /** Writes every byte to {@code out}, a chunk at a time; does not flush or close it. */
    void writeTo(OutputStream out) throws IOException {
        for (int i = 0; i < chunks.size(); i++) {
            out.write(chunks.get(i), 0, length(i));
        }
    }

    /** The size of these bytes gzipped at {@code level} ({@link Deflater#DEFAULT_COMPRESSION}, 1 to 9). */
    long gzippedSize(int level) {
        Deflater deflater = new Deflater(level, true);
        try {
            byte[] sink = new byte[CHUNK];
            long deflated = 0;
            for (int i = 0; i < chunks.size(); i++) {
                deflater.setInput(chunks.get(i), 0, length(i));
                while (!deflater.needsInput()) {
                    deflated += deflater.deflate(sink);
                }
            }
            deflater.finish();
            while (!deflater.finished()) {
                deflated += deflater.deflate(sink);
            }
            return deflated + GZIP_FRAMING;
        } finally {
            deflater.end();
        }
    }

    private int length(int chunk) {
        return chunk == chunks.size() - 1 ? used : CHUNK;
    }
}
