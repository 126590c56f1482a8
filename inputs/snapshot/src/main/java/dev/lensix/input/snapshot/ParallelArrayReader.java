package dev.lensix.input.snapshot;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lensix.api.input.InputException;
import dev.lensix.api.resource.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * Reads a large snapshot file that is a top-level array of resources with several threads, each parsing its own
 * stretch of the file. A stretch may only begin where an element of the top-level array begins, which is found
 * without parsing: after a comma, a line end and exactly the indentation the first element has ({@code ",\n  {"} in
 * {@code az} output, {@code ",\n{"} with one resource a line). A raw line end cannot occur inside a JSON string, and
 * deeper elements are indented further, so such a place is almost always an element boundary; to be sure, the stretch
 * before it must end exactly there when parsed, or the whole file is read again in one pass.
 *
 * <p>Within a stretch, each element is skimmed byte by byte ({@link ElementSkimmer}): its syntax checked, its end found
 * and, when it is a plain resource of a type no check reads, dropped with only its type remembered. Every other
 * element is parsed by Jackson as the sequential read parses it.
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

    /**
     * What one stretch held, in file order; {@code powerShellText} when a kept resource holds the text PowerShell's
     * ConvertTo-Json writes for a value it cut short.
     */
    record Stretch(List<Resource> kept, Set<String> typesSeen, boolean powerShellText) {
    }

    /** How far ahead of a split point a boundary is looked for; an element larger than this joins the next stretch. */
    private static final int SEARCH_LIMIT = 1 << 20;

    private final ObjectMapper mapper;
    private final Predicate<String> keep;
    private final ElementReader element;
    private final int threads;

    /**
     * @param keep    which resource types (lower-cased) are kept: others may be dropped without {@code element} seeing
     *                them, with their type added to the types seen
     * @param element reads an element Jackson must parse
     */
    ParallelArrayReader(ObjectMapper mapper, Predicate<String> keep, ElementReader element, int threads) {
        this.mapper = mapper;
        this.keep = keep;
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
     * Reads the elements from {@code start} up to the element at {@code next} (-1: to the end of the array and the
     * file). Null when {@code next} is not where an element starts, or anything is wrong. Each element is skimmed
     * ({@link ElementSkimmer}); only those it cannot drop by type on its own are parsed by Jackson.
     */
    private Stretch readStretch(Path file, long start, long next) throws IOException, InputException {
        Set<String> typesSeen = new HashSet<>();
        List<Resource> kept = new ArrayList<>();
        boolean[] cutShort = new boolean[1];
        ElementSkimmer skimmer = new ElementSkimmer();
        Utf8Text text = new Utf8Text();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Window window = new Window(channel, start);
            int p = window.blanks(0);
            if (start == 0) {
                // the first stretch is the file itself: an optional byte order mark, then the array
                p = window.skipByteOrderMark(p);
                if (p >= window.limit || window.bytes[p] != '[') {
                    return null;
                }
                p = window.blanks(p + 1);
            }
            int index = 0;
            while (p < window.limit && window.bytes[p] == '{') {
                long offset = window.base + p;
                if (next >= 0 && offset >= next) {
                    return offset == next ? new Stretch(kept, typesSeen, cutShort[0]) : null;
                }
                int end;
                while ((end = skimmer.skim(window.bytes, p, window.limit)) == ElementSkimmer.MORE) {
                    if (!window.more(p)) {
                        return null; // cut off, or an element larger than the largest window
                    }
                    p = 0;
                }
                if (end == ElementSkimmer.INVALID) {
                    return null;
                }
                String dropped = skimmer.droppedType(window.bytes, keep);
                if (dropped != null) {
                    typesSeen.add(dropped);
                } else if (!parse(window.bytes, p, end, index, typesSeen, kept, cutShort, text)) {
                    return null;
                }
                index++;
                p = window.blanks(end);
                if (p >= window.limit) {
                    return null;
                }
                if (window.bytes[p] == ',') {
                    p = window.blanks(p + 1);
                } else if (window.bytes[p] == ']') {
                    // the end of the array must be the end of the file, and of the last stretch
                    return next < 0 && window.blanks(p + 1) >= window.limit ? new Stretch(kept, typesSeen, cutShort[0]) : null;
                } else {
                    return null;
                }
            }
            return null; // not an object where an element belongs, or the end of the file
        } catch (IllegalArgumentException e) {
            return null; // a resource Resource.of refuses: the sequential read says which
        }
    }

    /** Parses one element with Jackson, as the sequential read does; false when it is not exactly one object. */
    private boolean parse(byte[] bytes, int start, int end, int index, Set<String> typesSeen, List<Resource> kept,
                          boolean[] cutShort, Utf8Text text) throws IOException, InputException {
        CharBuffer chars = text.decoded(bytes, start, end);
        try (JsonParser parser = mapper.createParser(chars.array(), 0, chars.limit())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            ObjectNode fields = element.read(parser, index, typesSeen);
            if (parser.nextToken() != null) {
                return false;
            }
            if (fields != null) {
                Resource resource = Resource.of(fields);
                if (!cutShort[0] && ExportShapes.hasPowerShellText(fields)) {
                    cutShort[0] = true;
                }
                typesSeen.add(resource.type().strip().toLowerCase(java.util.Locale.ROOT));
                kept.add(resource);
            }
            return true;
        }
    }

    /**
     * Elements decoded from UTF-8 into one reused array of characters, malformed bytes replaced as {@code new
     * String(bytes, UTF_8)} replaces them. Jackson, whose field names are not canonicalized here, would otherwise copy
     * each element into a String and read that again through a Reader.
     */
    private static final class Utf8Text {
        /** An element larger than this gets an array of its own, not kept for the next. */
        private static final int KEPT_CHARS = 1 << 20;

        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private CharBuffer chars = CharBuffer.allocate(4096);

        /** {@code bytes[start, end)} as text: the buffer's {@code [0, limit)}. */
        CharBuffer decoded(byte[] bytes, int start, int end) {
            int most = end - start; // UTF-8 never decodes to more characters than bytes
            CharBuffer into = chars;
            if (into.capacity() < most) {
                into = CharBuffer.allocate(most);
                if (most <= KEPT_CHARS) {
                    chars = into;
                }
            }
            into.clear();
            decoder.reset();
            ByteBuffer in = ByteBuffer.wrap(bytes, start, most);
            if (decoder.decode(in, into, true).isOverflow() || decoder.flush(into).isOverflow()) {
                throw new IllegalStateException("more characters than bytes"); // cannot happen: the read falls back
            }
            return into.flip();
        }
    }

    /** A stretch of the file in memory, from {@code base}: {@code bytes[0, limit)}, read on as it is consumed. */
    private static final class Window {
        /** Small enough not to be a humongous object to G1 (half a region of at least 1 MB), which would start a GC cycle. */
        private static final int FIRST_SIZE = 256 << 10;
        /** An element larger than this is left to the sequential read. */
        private static final int MAX_SIZE = 64 << 20;

        private final FileChannel channel;
        byte[] bytes = new byte[FIRST_SIZE];
        int limit;
        long base;
        private boolean ended;

        Window(FileChannel channel, long start) throws IOException {
            this.channel = channel;
            this.base = start;
            channel.position(start);
            fill();
        }

        /**
         * Drops the bytes before {@code from} (they move to the front: positions shift by {@code from}) and reads on;
         * false when nothing more can be read (the end of the file, or {@code from} is 0 in a full window of the
         * largest size).
         */
        boolean more(int from) throws IOException {
            if (ended) {
                return false;
            }
            if (from == 0 && limit == bytes.length) {
                if (bytes.length >= MAX_SIZE) {
                    return false;
                }
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            } else {
                System.arraycopy(bytes, from, bytes, 0, limit - from);
                limit -= from;
                base += from;
            }
            return fill() > 0;
        }

        private int fill() throws IOException {
            int total = 0;
            while (limit < bytes.length) {
                int read = channel.read(ByteBuffer.wrap(bytes, limit, bytes.length - limit));
                if (read < 0) {
                    ended = true;
                    break;
                }
                limit += read;
                total += read;
            }
            return total;
        }

        /** The index of the first non-blank byte at or after {@code p}, reading on as needed; {@code limit} at the end. */
        int blanks(int p) throws IOException {
            int at = ElementSkimmer.blanks(bytes, p, limit);
            while (at >= limit && !ended) {
                int from = at;
                more(from);
                at = ElementSkimmer.blanks(bytes, 0, limit);
            }
            return at;
        }

        int skipByteOrderMark(int p) {
            return p == 0 && limit >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF
                    ? 3 : p;
        }
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
}
