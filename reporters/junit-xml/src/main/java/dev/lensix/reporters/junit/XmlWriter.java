package dev.lensix.reporters.junit;

import dev.lensix.api.report.ReportText;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes XML as UTF-8 bytes to an {@link OutputStream} through a buffer of {@value #BUFFER_SIZE} bytes. The caller
 * writes the markup; every string given as text or as an attribute value is cleaned, escaped and encoded in one pass:
 * <ul>
 *   <li>cleaned as {@link ReportText#clean} does it, each string on its own: characters XML 1.0 forbids (C0 controls
 *       but TAB, LF and CR, DEL, C1 controls, U+FFFE, U+FFFF) and unpaired surrogates become U+FFFD;</li>
 *   <li>escaped: {@code < & >} always, {@code "} in attribute values, as entities; LF, CR and TAB in attribute values
 *       and CR in text as character references ({@code &#10; &#13; &#9;}), since a parser turns a raw one into a
 *       space in an attribute, and CR LF or a lone CR into LF in text; so a parser gives back exactly the text
 *       written;</li>
 *   <li>encoded as UTF-8, a surrogate pair as one 4-byte sequence.</li>
 * </ul>
 *
 * <pre>{@code
 * XmlWriter xml = new XmlWriter(out);
 * xml.markup("<testcase");
 * xml.attribute("name", "a\nb <c>");   //  name="a&#10;b &lt;c&gt;"
 * xml.markup(">");
 * xml.text("x\r\ny & \u0000");         // x&#13;\ny &amp; \uFFFD
 * xml.markup("</testcase>");
 * xml.flush();                          // out is flushed, not closed
 * }</pre>
 *
 * <p>Not thread-safe; the stream is written in chunks of at most {@value #BUFFER_SIZE} bytes.
 */
final class XmlWriter {

    /** Size of the buffer, and so the largest chunk written to the stream at once. */
    static final int BUFFER_SIZE = 32 * 1024;

    /** The most bytes one char can become: {@code &quot;}. (A surrogate pair is 2 chars, 4 bytes.) */
    private static final int MAX_BYTES_PER_CHAR = 6;

    /** Below this many chars of room the buffer is drained rather than filled with a short run. */
    private static final int MIN_RUN = 256;

    /** How a string's characters are escaped. */
    private enum Escape {
        /** Element content: {@code < & >} as entities, CR as a character reference. */
        TEXT("\"\n\t"),
        /** An attribute value: {@code < & > "} as entities, LF, CR and TAB as character references. */
        ATTRIBUTE(""),
        /** An attribute value on one line: as {@link #ATTRIBUTE}, but CR LF, CR, LF and TAB each become a space. */
        ONE_LINE("");

        /** The ASCII characters written as they are (the loop's fast path). */
        private final boolean[] verbatim = new boolean[128];

        Escape(String alsoVerbatim) {
            for (char c = 0x20; c < 0x7F; c++) {
                verbatim[c] = c != '<' && c != '&' && c != '>' && c != '"';
            }
            alsoVerbatim.chars().forEach(c -> verbatim[c] = true);
        }
    }

    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int position;

    XmlWriter(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Writes {@code ascii} as it is: markup (tags, names, indentation), never text from a report. */
    void markup(String ascii) throws IOException {
        int length = ascii.length();
        if (length > buffer.length - position) {
            raw(ascii.getBytes(StandardCharsets.US_ASCII));
            return;
        }
        for (int i = 0; i < length; i++) {
            buffer[position++] = (byte) ascii.charAt(i);
        }
    }

    /** Writes bytes as they are: a fragment this class wrote before (see {@link #fragment}). */
    void raw(byte[] bytes) throws IOException {
        int offset = 0;
        while (offset < bytes.length) {
            if (position == buffer.length) {
                drain();
            }
            int length = Math.min(bytes.length - offset, buffer.length - position);
            System.arraycopy(bytes, offset, buffer, position, length);
            position += length;
            offset += length;
        }
    }

    /** Writes {@code value} cleaned and escaped as element content. */
    void text(String value) throws IOException {
        write(value, Escape.TEXT);
    }

    /** Writes {@code  name="value"}, the value cleaned and escaped; {@code name} is markup. */
    void attribute(String name, String value) throws IOException {
        markup(" ");
        markup(name);
        markup("=\"");
        write(value, Escape.ATTRIBUTE);
        markup("\"");
    }

    /**
     * Writes part of an attribute value, cleaned, escaped and on one line: CR LF, CR, LF and TAB each become one
     * space. The caller writes the name and quotes with {@link #markup}.
     */
    void oneLine(String value) throws IOException {
        write(value, Escape.ONE_LINE);
    }

    /** Writes out what is buffered and flushes the stream; does not close it. */
    void flush() throws IOException {
        drain();
        out.flush();
    }

    /** Something written with an {@link XmlWriter}. */
    @FunctionalInterface
    interface Part {
        void writeTo(XmlWriter xml) throws IOException;
    }

    /** The bytes {@code part} writes, to be written again and again with {@link #raw}. */
    static byte[] fragment(Part part) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        XmlWriter xml = new XmlWriter(bytes);
        part.writeTo(xml);
        xml.drain();
        return bytes.toByteArray();
    }

    private void drain() throws IOException {
        if (position > 0) {
            out.write(buffer, 0, position);
            position = 0;
        }
    }

    private void write(String value, Escape escape) throws IOException {
        int length = value.length();
        int i = 0;
        while (i < length) {
            int room = (buffer.length - position) / MAX_BYTES_PER_CHAR;
            if (room < Math.min(length - i, MIN_RUN)) {
                drain();
                room = buffer.length / MAX_BYTES_PER_CHAR;
            }
            i = encode(value, i, Math.min(length, i + room), escape);
        }
    }

    /**
     * Writes chars {@code from} to {@code to} of {@code value}, for which the buffer has room at
     * {@value #MAX_BYTES_PER_CHAR} bytes a char; returns where the next char is, {@code to} or, when the last char
     * was the start of a surrogate pair or a CR of a one-line CR LF, {@code to + 1}.
     */
    private int encode(String value, int from, int to, Escape escape) {
        byte[] bytes = buffer;
        boolean[] verbatim = escape.verbatim;
        int at = position;
        int i = from;
        while (i < to) {
            char c = value.charAt(i++);
            if (c < 0x80 && verbatim[c]) {
                bytes[at++] = (byte) c;
            } else {
                position = at;
                i = special(value, i, c, escape);
                at = position;
            }
        }
        position = at;
        return i;
    }

    /** Writes {@code c}, which is not written as it is; {@code next} is the index after it; returns the next one. */
    private int special(String value, int next, char c, Escape escape) {
        switch (c) {
            case '<' -> put("&lt;");
            case '>' -> put("&gt;");
            case '&' -> put("&amp;");
            case '"' -> put("&quot;");
            case '\n' -> put(escape == Escape.ONE_LINE ? " " : "&#10;");
            case '\t' -> put(escape == Escape.ONE_LINE ? " " : "&#9;");
            case '\r' -> {
                if (escape != Escape.ONE_LINE) {
                    put("&#13;");
                } else {
                    put(" ");
                    if (next < value.length() && value.charAt(next) == '\n') {
                        return next + 1;
                    }
                }
            }
            default -> {
                if (Character.isHighSurrogate(c) && next < value.length()
                        && Character.isLowSurrogate(value.charAt(next))) {
                    utf8(Character.toCodePoint(c, value.charAt(next)));
                    return next + 1;
                }
                utf8(Character.isSurrogate(c) || ReportText.isInvalid(c) ? ReportText.REPLACEMENT : c);
            }
        }
        return next;
    }

    private void put(String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            buffer[position++] = (byte) ascii.charAt(i);
        }
    }

    private void utf8(int codePoint) {
        byte[] bytes = buffer;
        int at = position;
        if (codePoint < 0x80) {
            bytes[at++] = (byte) codePoint;
        } else if (codePoint < 0x800) {
            bytes[at++] = (byte) (0xC0 | codePoint >> 6);
            bytes[at++] = (byte) (0x80 | codePoint & 0x3F);
        } else if (codePoint < 0x10000) {
            bytes[at++] = (byte) (0xE0 | codePoint >> 12);
            bytes[at++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
            bytes[at++] = (byte) (0x80 | codePoint & 0x3F);
        } else {
            bytes[at++] = (byte) (0xF0 | codePoint >> 18);
            bytes[at++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
            bytes[at++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
            bytes[at++] = (byte) (0x80 | codePoint & 0x3F);
        }
        position = at;
    }
}
