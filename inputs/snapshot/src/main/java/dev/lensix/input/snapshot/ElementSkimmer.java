package dev.lensix.input.snapshot;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Skims one resource object of a top-level array held as UTF-8 bytes: checks its JSON syntax, finds where it ends
 * and notes its own {@code "id"} and {@code "type"} strings, building nothing. This is how the parallel reader drops
 * the resources no check reads (most of a tenant) for much less than tokenizing them with Jackson costs.
 *
 * <p>It is deliberately stricter than Jackson, never laxer: an element it accepts, Jackson accepts too. What it does
 * not accept or cannot decide alone goes to Jackson: an element whose {@code id} or {@code type} is not a plain
 * string (an escape, a non-ASCII character, not a string at all), that repeats a name or holds an object or array
 * before its {@code type} (the sequential read checks those for duplicate names), or whose type is kept, is read by
 * Jackson ({@link #droppedType} gives null); input it finds malformed, or past a limit, is {@link #INVALID}, and the
 * whole file is then read sequentially, which reports the problem with its position. Limits are applied to bytes, so
 * they bite no later than Jackson's, which count characters.
 *
 * <pre>{@code
 * ElementSkimmer skimmer = new ElementSkimmer();
 * int end = skimmer.skim(bytes, start, limit);                 // bytes[start] is the element's '{'
 * if (end >= 0) {
 *     String dropped = skimmer.droppedType(bytes, keep);        // null: let Jackson read bytes[start, end)
 * }
 * }</pre>
 *
 * <p>Not thread-safe: each reading thread has its own, which holds what the last {@link #skim} found.
 */
final class ElementSkimmer {

    /** The bytes are not valid JSON, or are beyond what the skimmer accepts: read the file sequentially. */
    static final int INVALID = -1;
    /** The element goes on past the bytes given: give it more. */
    static final int MORE = -2;

    private static final int MAX_NAMES_BEFORE_TYPE = 8;

    private static final byte PLAIN = 0;
    private static final byte QUOTE = 1;
    private static final byte BACKSLASH = 2;
    private static final byte CONTROL = 3;
    private static final byte NON_ASCII = 4;
    /** What each byte means inside a string. */
    private static final byte[] IN_STRING = new byte[256];

    static {
        for (int c = 0; c < 0x20; c++) {
            IN_STRING[c] = CONTROL;
        }
        for (int c = 0x80; c < 0x100; c++) {
            IN_STRING[c] = NON_ASCII;
        }
        IN_STRING['"'] = QUOTE;
        IN_STRING['\\'] = BACKSLASH;
    }

    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ID = "id".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TYPE = "type".getBytes(StandardCharsets.US_ASCII);

    private static final boolean OBJECT = true;

    /** Open containers inside one member's value; the element is at depth 2 (the array is 1) as Jackson counts. */
    private final boolean[] open = new boolean[SnapshotReader.MAX_NESTING_DEPTH];
    private final int[] namesBeforeType = new int[2 * MAX_NAMES_BEFORE_TYPE];

    /** Type spellings seen, by hash, and for each the lower-cased type when it is dropped (else null). */
    private final byte[][] spellings = new byte[256][];
    private final String[] dropped = new String[256];

    /** Whether the last string read had no escape and no non-ASCII byte. */
    private boolean plain;

    private boolean decided;
    private int idStart;
    private int idEnd;
    private int typeStart;
    private int typeEnd;

    /**
     * Skims the object that starts at {@code bytes[start]} (a {@code '{'}): the index just past its {@code '}'},
     * {@link #MORE} when it goes on past {@code limit}, or {@link #INVALID}.
     */
    int skim(byte[] bytes, int start, int limit) {
        decided = true;
        idStart = -1;
        typeStart = -1;
        int names = 0;
        int p = blanks(bytes, start + 1, limit);
        if (p >= limit) {
            return MORE;
        }
        if (bytes[p] == '}') {
            decided = false;
            return p + 1;
        }
        while (true) {
            if (bytes[p] != '"') {
                return INVALID;
            }
            int nameStart = p + 1;
            p = string(bytes, p, limit, SnapshotReader.MAX_NAME_LENGTH);
            if (p < 0) {
                return p;
            }
            int nameEnd = p - 1;
            if (!plain) {
                decided = false;
            } else if (typeStart < 0) {
                names = rememberName(bytes, nameStart, nameEnd, names);
            }
            p = colon(bytes, p, limit);
            if (p < 0) {
                return p;
            }
            boolean isId = plain && Arrays.equals(bytes, nameStart, nameEnd, ID, 0, ID.length);
            boolean isType = plain && !isId && Arrays.equals(bytes, nameStart, nameEnd, TYPE, 0, TYPE.length);
            if (isId || isType) {
                p = idOrType(bytes, p, limit, isId);
            } else {
                if (typeStart < 0 && (bytes[p] == '{' || bytes[p] == '[')) {
                    decided = false;
                }
                p = value(bytes, p, limit);
            }
            if (p < 0) {
                return p;
            }
            p = blanks(bytes, p, limit);
            if (p >= limit) {
                return MORE;
            }
            if (bytes[p] == '}') {
                return p + 1;
            }
            if (bytes[p] != ',') {
                return INVALID;
            }
            p = blanks(bytes, p + 1, limit);
            if (p >= limit) {
                return MORE;
            }
        }
    }

    /**
     * The lower-cased type of the element skimmed last when it is a resource {@code keep} refuses and nothing about it
     * needs Jackson; null when Jackson must read it (kept, or not decided here). Give one skimmer the same {@code keep}
     * every time: its answers are remembered.
     */
    String droppedType(byte[] bytes, Predicate<String> keep) {
        if (!decided || idStart < 0 || typeStart < 0 || onlySpaces(bytes, idStart, idEnd)) {
            return null;
        }
        // a tenant spells a few dozen types a million times: each spelling is looked up once
        int hash = 0;
        for (int i = typeStart; i < typeEnd; i++) {
            hash = 31 * hash + bytes[i];
        }
        int slot = (hash ^ (hash >>> 16)) & (spellings.length - 1);
        byte[] spelling = spellings[slot];
        if (spelling == null || !Arrays.equals(bytes, typeStart, typeEnd, spelling, 0, spelling.length)) {
            spelling = Arrays.copyOfRange(bytes, typeStart, typeEnd);
            // a plain string is ASCII without escapes: its bytes are its characters
            String type = new String(spelling, StandardCharsets.ISO_8859_1).strip().toLowerCase(Locale.ROOT);
            spellings[slot] = spelling;
            dropped[slot] = type.isEmpty() || keep.test(type) ? null : type;
        }
        return dropped[slot];
    }

    /** The value of an {@code id} or {@code type} member: noted when it is the first and a plain string. */
    private int idOrType(byte[] bytes, int p, int limit, boolean isId) {
        boolean first = isId ? idStart < 0 : typeStart < 0;
        if (!first || bytes[p] != '"') {
            decided = false;
            return value(bytes, p, limit);
        }
        int end = string(bytes, p, limit, SnapshotReader.MAX_STRING_LENGTH);
        if (end < 0) {
            return end;
        }
        if (!plain) {
            decided = false;
        } else if (isId) {
            idStart = p + 1;
            idEnd = end - 1;
        } else {
            typeStart = p + 1;
            typeEnd = end - 1;
        }
        return end;
    }

    /** Remembers a member name seen before {@code type}; a repeated one, or too many to compare, leave it to Jackson. */
    private int rememberName(byte[] bytes, int start, int end, int names) {
        if (names == MAX_NAMES_BEFORE_TYPE) {
            decided = false;
            return names;
        }
        for (int i = 0; i < names; i++) {
            if (Arrays.equals(bytes, start, end, bytes, namesBeforeType[2 * i], namesBeforeType[2 * i + 1])) {
                decided = false;
            }
        }
        namesBeforeType[2 * names] = start;
        namesBeforeType[2 * names + 1] = end;
        return names + 1;
    }

    /** Skims the value at {@code bytes[p]}: the index just past it, {@link #MORE} or {@link #INVALID}. */
    private int value(byte[] bytes, int p, int limit) {
        int depth = 0;
        while (true) {
            // at a value
            if (p >= limit) {
                return MORE;
            }
            byte c = bytes[p];
            if (c == '{' || c == '[') {
                // the element is at depth 2: a container inside it is at depth 3 + depth
                if (depth + 5 > open.length) { // a little short of Jackson's limit, never past it
                    return INVALID;
                }
                boolean object = c == '{';
                open[depth++] = object;
                p = blanks(bytes, p + 1, limit);
                if (p >= limit) {
                    return MORE;
                }
                if (bytes[p] == (object ? '}' : ']')) {
                    depth--;
                    p++;
                } else {
                    if (object) {
                        p = name(bytes, p, limit);
                        if (p < 0) {
                            return p;
                        }
                    }
                    continue;
                }
            } else if (c == '"') {
                p = string(bytes, p, limit, SnapshotReader.MAX_STRING_LENGTH);
            } else if (c == 't') {
                p = literal(bytes, p, limit, TRUE);
            } else if (c == 'f') {
                p = literal(bytes, p, limit, FALSE);
            } else if (c == 'n') {
                p = literal(bytes, p, limit, NULL);
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                p = number(bytes, p, limit);
            } else {
                return INVALID;
            }
            if (p < 0) {
                return p;
            }
            // after a value: close what ends here, up to the next value
            while (true) {
                if (depth == 0) {
                    return p;
                }
                p = blanks(bytes, p, limit);
                if (p >= limit) {
                    return MORE;
                }
                c = bytes[p];
                boolean inObject = open[depth - 1];
                if (c == ',') {
                    p = blanks(bytes, p + 1, limit);
                    if (p >= limit) {
                        return MORE;
                    }
                    if (inObject) {
                        p = name(bytes, p, limit);
                        if (p < 0) {
                            return p;
                        }
                    }
                    break;
                }
                if (c != (inObject ? '}' : ']')) {
                    return INVALID;
                }
                depth--;
                p++;
            }
        }
    }

    /** A member name, its colon and the blanks around it: the index of its value. */
    private int name(byte[] bytes, int p, int limit) {
        if (bytes[p] != '"') {
            return INVALID;
        }
        p = string(bytes, p, limit, SnapshotReader.MAX_NAME_LENGTH);
        return p < 0 ? p : colon(bytes, p, limit);
    }

    /** The colon after a member name at or after {@code bytes[p]}, and the blanks around it: the index of the value. */
    private static int colon(byte[] bytes, int p, int limit) {
        p = blanks(bytes, p, limit);
        if (p >= limit) {
            return MORE;
        }
        if (bytes[p] != ':') {
            return INVALID;
        }
        p = blanks(bytes, p + 1, limit);
        return p >= limit ? MORE : p;
    }

    /** The string whose quote is at {@code bytes[p]}: the index past its closing quote. Sets {@link #plain}. */
    private int string(byte[] bytes, int p, int limit, int maxBytes) {
        int start = ++p;
        plain = true;
        while (true) {
            // the hot loops: printable ASCII but the quote and the backslash, eight bytes at a time while they last
            while (p + Long.BYTES <= limit && !special((long) LONGS.get(bytes, p))) {
                p += Long.BYTES;
            }
            byte c;
            while (p < limit && (c = bytes[p]) >= 0x20 && c != '"' && c != '\\') {
                p++;
            }
            if (p >= limit) {
                return MORE;
            }
            byte kind = IN_STRING[bytes[p] & 0xFF];
            if (kind == QUOTE) {
                return p - start > maxBytes ? INVALID : p + 1;
            } else if (kind == BACKSLASH) {
                plain = false;
                int length = escape(bytes, p, limit);
                if (length < 0) {
                    return length;
                }
                p += length;
            } else if (kind == NON_ASCII) {
                plain = false;
                int length = utf8(bytes, p, limit);
                if (length < 0) {
                    return length;
                }
                p += length;
            } else {
                return INVALID; // a raw control character
            }
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    /**
     * Whether any of eight bytes is a quote, a backslash, below 0x20 or above 0x7F. Per byte, a subtraction that
     * borrows (the byte is below what is subtracted) sets its high bit; a borrow can only spill into higher bytes from
     * a byte that is itself special, so the answer is exact.
     */
    private static boolean special(long eight) {
        long quotes = eight ^ 0x2222222222222222L;
        long backslashes = eight ^ 0x5C5C5C5C5C5C5C5CL;
        long suspects = ((quotes - ONES) & ~quotes) | ((backslashes - ONES) & ~backslashes)
                | (eight - 0x2020202020202020L) | eight;
        return (suspects & HIGH_BITS) != 0;
    }

    /** The length of the escape sequence at {@code bytes[p]} (a backslash). */
    private static int escape(byte[] bytes, int p, int limit) {
        if (p + 1 >= limit) {
            return MORE;
        }
        switch (bytes[p + 1]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return 2;
            }
            case 'u' -> {
                if (p + 5 >= limit) {
                    return MORE;
                }
                for (int i = p + 2; i < p + 6; i++) {
                    if (Character.digit(bytes[i], 16) < 0) {
                        return INVALID;
                    }
                }
                return 6;
            }
            default -> {
                return INVALID;
            }
        }
    }

    /** The length of the well-formed UTF-8 sequence (RFC 3629: no overlong forms, no surrogates) at {@code bytes[p]}. */
    private static int utf8(byte[] bytes, int p, int limit) {
        int lead = bytes[p] & 0xFF;
        int length;
        int low = 0x80;
        int high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            low = lead == 0xE0 ? 0xA0 : low;
            high = lead == 0xED ? 0x9F : high;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            low = lead == 0xF0 ? 0x90 : low;
            high = lead == 0xF4 ? 0x8F : high;
        } else {
            return INVALID;
        }
        if (p + length > limit) {
            return MORE;
        }
        int second = bytes[p + 1] & 0xFF;
        if (second < low || second > high) {
            return INVALID;
        }
        for (int i = p + 2; i < p + length; i++) {
            if ((bytes[i] & 0xC0) != 0x80) {
                return INVALID;
            }
        }
        return length;
    }

    /** A number as JSON (and Jackson by default) allows it: no leading zeros, no {@code +}, no bare dot. */
    private static int number(byte[] bytes, int p, int limit) {
        int start = p;
        if (bytes[p] == '-') {
            p++;
        }
        if (p >= limit) {
            return MORE;
        }
        if (bytes[p] == '0') {
            p++;
        } else if (bytes[p] >= '1' && bytes[p] <= '9') {
            p = digits(bytes, p, limit);
        } else {
            return INVALID;
        }
        if (p < limit && bytes[p] == '.') {
            int fraction = p + 1;
            p = digits(bytes, fraction, limit);
            if (p == fraction && p < limit) {
                return INVALID;
            }
        }
        if (p < limit && (bytes[p] == 'e' || bytes[p] == 'E')) {
            p++;
            if (p < limit && (bytes[p] == '+' || bytes[p] == '-')) {
                p++;
            }
            int exponent = p;
            p = digits(bytes, exponent, limit);
            if (p == exponent && p < limit) {
                return INVALID;
            }
        }
        // a number never ends an element: the byte after it must be here to be sure it ended
        if (p >= limit) {
            return MORE;
        }
        return p - start > SnapshotReader.MAX_NUMBER_LENGTH ? INVALID : p;
    }

    private static int digits(byte[] bytes, int p, int limit) {
        while (p < limit && bytes[p] >= '0' && bytes[p] <= '9') {
            p++;
        }
        return p;
    }

    private static int literal(byte[] bytes, int p, int limit, byte[] word) {
        if (p + word.length > limit) {
            return MORE;
        }
        return Arrays.equals(bytes, p, p + word.length, word, 0, word.length) ? p + word.length : INVALID;
    }

    /** Skips JSON's four blanks. */
    static int blanks(byte[] bytes, int p, int limit) {
        while (p < limit) {
            byte c = bytes[p];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return p;
            }
            p++;
        }
        return p;
    }

    /** A plain string is blank when it is only spaces: raw TAB, LF and CR are not allowed in a JSON string. */
    private static boolean onlySpaces(byte[] bytes, int start, int end) {
        for (int i = start; i < end; i++) {
            if (bytes[i] != ' ') {
                return false;
            }
        }
        return true;
    }
}
