package dev.lensix.engine.snapshot;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lensix.api.resource.Resource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads a large snapshot file that is a top-level array of resources with several threads, each parsing its own
 * stretch of the file. A stretch may only begin where an element of the top-level array begins, which is found
 * without parsing: after a comma, a line end and exactly the indentation the first element has ({@code ",\n  {"} in
 * {@code az} output, {@code ",\n{"} with one resource a line). A raw line end cannot occur inside a JSON string, and
 * deeper elements are indented further, so such a place is almost always an element boundary; to be sure, the stretch
 * before it must end exactly there when parsed, or the whole file is read again in one pass.
 *
 * <p>Any problem (malformed JSON, a resource without id, a guess that does not hold) gives up the parallel read, and
 * the caller reads the file sequentially, which finds the problem again and reports it with its exact position. The
 * result, when there is one, is what the sequential read gives: the kept resources in file order and the types seen.
 */
final class ParallelArrayReader {

    /** Reads one element, the parser on its {@code START_OBJECT}: the resource's fields when kept, else null. */
    @FunctionalInterface
    interface ElementReader {
        ObjectNode read(JsonParser parser, int index, Set<String> typesSeen) throws IOException, InputException;
    }

    /** What one stretch held, in file order. */
    record Stretch(List<Resource> kept, Set<String> typesSeen) {
    }

    /** How far ahead of a split point a boundary is looked for; an element larger than this joins the next stretch. */
    private static final int SEARCH_LIMIT = 1 << 20;
    private static final byte[] OPEN = {'['};

    private final ObjectMapper mapper;
    private final ElementReader element;
    private final int threads;

    ParallelArrayReader(ObjectMapper mapper, ElementReader element, int threads) {
        this.mapper = mapper;
        this.element = element;
        this.threads = threads;
    }

    /**
     * The stretches of {@code file} in order, or empty when it is not a top-level array laid out one element a line
     * (then, or on any problem, read it sequentially).
     */
    Optional<List<Stretch>> read(Path file) {
        try {
            long size = Files.size(file);
            byte[] indent = firstElementIndent(file);
            if (indent == null) {
                return Optional.empty();
            }
            List<Long> starts = splitPoints(file, size, indent);
            if (starts.size() < 2) {
                return Optional.empty();
            }
            return readStretches(file, starts);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The bytes between the line end before the first element and its {@code '{'}: null when the file is not an array
     * (after an optional UTF-8 byte order mark and blanks) whose first element starts on a line of its own.
     */
    private static byte[] firstElementIndent(Path file) throws IOException {
        byte[] head = new byte[4096];
        int length;
        try (InputStream in = Files.newInputStream(file)) {
            length = in.readNBytes(head, 0, head.length);
        }
        int i = length >= 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF ? 3 : 0;
        while (i < length && isBlank(head[i])) {
            i++;
        }
        if (i >= length || head[i] != '[') {
            return null;
        }
        int lineStart = -1;
        for (i++; i < length && head[i] != '{'; i++) {
            if (head[i] == '\n') {
                lineStart = i + 1;
            } else if (!isBlank(head[i])) {
                return null;
            }
        }
        if (i >= length || lineStart < 0) {
            return null;
        }
        for (int j = lineStart; j < i; j++) {
            if (head[j] != ' ' && head[j] != '\t') {
                return null;
            }
        }
        return java.util.Arrays.copyOfRange(head, lineStart, i);
    }

    /** Offset 0, then the offsets of the {@code '{'} of elements found near evenly spaced points of the file. */
    private List<Long> splitPoints(Path file, long size, byte[] indent) throws IOException {
        int stretches = threads * 4;
        List<Long> starts = new ArrayList<>();
        starts.add(0L);
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ)) {
            for (int k = 1; k < stretches; k++) {
                long from = Math.max(size * k / stretches, starts.get(starts.size() - 1) + 1);
                long start = boundaryAfter(channel, from, indent);
                if (start > 0 && start > starts.get(starts.size() - 1)) {
                    starts.add(start);
                }
            }
        }
        return starts;
    }

    /** The offset of the {@code '{'} in the first {@code ",\n" + indent + "{"} (or {@code ",\r\n"...}) at or after {@code from}; -1 if none near. */
    private static long boundaryAfter(SeekableByteChannel channel, long from, byte[] indent) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(SEARCH_LIMIT);
        channel.position(from);
        while (buffer.hasRemaining() && channel.read(buffer) > 0) {
            // read up to the limit
        }
        byte[] bytes = buffer.array();
        int length = buffer.position();
        for (int i = 0; i < length; i++) {
            if (bytes[i] != ',') {
                continue;
            }
            int j = i + 1;
            if (j < length && bytes[j] == '\r') {
                j++;
            }
            if (j >= length || bytes[j] != '\n') {
                continue;
            }
            j++;
            int k = 0;
            while (k < indent.length && j + k < length && bytes[j + k] == indent[k]) {
                k++;
            }
            if (k == indent.length && j + k < length && bytes[j + k] == '{') {
                return from + j + k;
            }
        }
        return -1;
    }

    private Optional<List<Stretch>> readStretches(Path file, List<Long> starts) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "lensix-snapshot-reader");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Stretch>> futures = new ArrayList<>();
            for (int k = 0; k < starts.size(); k++) {
                long start = starts.get(k);
                long next = k + 1 < starts.size() ? starts.get(k + 1) : -1;
                futures.add(pool.submit(() -> readStretch(file, start, next)));
            }
            List<Stretch> stretches = new ArrayList<>();
            for (Future<Stretch> future : futures) {
                Stretch stretch = future.get();
                if (stretch == null) {
                    return Optional.empty();
                }
                stretches.add(stretch);
            }
            return Optional.of(stretches);
        } catch (ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Parses the elements from {@code start} up to the element at {@code next} (-1: to the end of the array and the
     * file). Null when {@code next} is not where an element starts, or anything is wrong.
     */
    private Stretch readStretch(Path file, long start, long next) throws IOException, InputException {
        Set<String> typesSeen = new HashSet<>();
        List<Resource> kept = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.position(start);
            InputStream body = java.nio.channels.Channels.newInputStream(channel);
            // the first stretch is the file itself; the others are made to look like arrays of their own
            InputStream in = start == 0 ? body : new SequenceInputStream(new ByteArrayInputStream(OPEN), body);
            long shift = start == 0 ? 0 : start - OPEN.length;
            try (JsonParser parser = mapper.createParser(in)) {
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    return null;
                }
                int index = 0;
                JsonToken token;
                while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
                    long offset = parser.currentTokenLocation().getByteOffset() + shift;
                    if (next >= 0 && offset >= next) {
                        return offset == next ? new Stretch(kept, typesSeen) : null;
                    }
                    ObjectNode fields = element.read(parser, index++, typesSeen);
                    if (fields != null) {
                        Resource resource = Resource.of(fields);
                        typesSeen.add(resource.type().strip().toLowerCase(java.util.Locale.ROOT));
                        kept.add(resource);
                    }
                }
                if (next >= 0 || token != JsonToken.END_ARRAY || parser.nextToken() != null) {
                    return null; // the stretch ended before its successor, or the file does not end with the array
                }
            }
        } catch (IllegalArgumentException e) {
            return null; // a resource Resource.of refuses: the sequential read says which
        }
        return new Stretch(kept, typesSeen);
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
}
