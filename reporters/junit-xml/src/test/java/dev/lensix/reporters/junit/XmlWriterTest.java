package dev.lensix.reporters.junit;

import dev.lensix.api.report.ReportText;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class XmlWriterTest {

    private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

    @Test
    @DisplayName("text: < & > as entities, CR as a character reference; \" ' LF TAB as they are")
    void textEscaping() throws IOException {
        assertThat(utf8(xml -> xml.text("a<b&c>d\"e'f\ng\th\ri\r\nj ]]> &amp;")))
                .isEqualTo("a&lt;b&amp;c&gt;d\"e'f\ng\th&#13;i&#13;\nj ]]&gt; &amp;amp;");
    }

    @Test
    @DisplayName("attribute: < & > \" as entities, LF CR TAB as character references; ' as it is")
    void attributeEscaping() throws IOException {
        assertThat(utf8(xml -> xml.attribute("name", "a<b&c>d\"e'f\ng\th\ri\r\nj")))
                .isEqualTo(" name=\"a&lt;b&amp;c&gt;d&quot;e'f&#10;g&#9;h&#13;i&#13;&#10;j\"");
    }

    @Test
    @DisplayName("one line: CR LF, CR, LF and TAB each become one space; the rest escaped as in an attribute")
    void oneLine() throws IOException {
        assertThat(utf8(xml -> xml.oneLine("a\r\nb\rc\nd\te\r\r\nf\n\rg<&>\"\r")))
                .isEqualTo("a b c d e  f  g&lt;&amp;&gt;&quot; ");
        assertThat(utf8(xml -> {
            xml.oneLine("ends in CR\r");
            xml.oneLine("\nstarts with LF");
        })).as("a CR LF split over two calls is two spaces, as each part is its own string")
                .isEqualTo("ends in CR  starts with LF");
    }

    @Test
    @DisplayName("markup is written as it is")
    void markup() throws IOException {
        assertThat(utf8(xml -> xml.markup("<a b=\"c\">\n  </a>"))).isEqualTo("<a b=\"c\">\n  </a>");
    }

    @Test
    @DisplayName("UTF-8: 1, 2 and 3 byte characters, a surrogate pair as one 4-byte sequence")
    void encoding() throws IOException {
        String text = "a\u00e9\u00a0\u07ff\u0800\u20ac\uFFFD\uD83D\uDD11\uDBFF\uDFFF";
        assertThat(bytes(xml -> xml.text(text))).containsExactly(
                'a', 0xC3, 0xA9, 0xC2, 0xA0, 0xDF, 0xBF, 0xE0, 0xA0, 0x80, 0xE2, 0x82, 0xAC, 0xEF, 0xBF, 0xBD,
                0xF0, 0x9F, 0x94, 0x91, 0xF4, 0x8F, 0xBF, 0xBF);
    }

    @Test
    @DisplayName("unpaired surrogates become U+FFFD (EF BF BD)")
    void unpairedSurrogates() throws IOException {
        assertThat(bytes(xml -> xml.text("\uD800"))).containsExactly(REPLACEMENT);
        assertThat(bytes(xml -> xml.text("\uDC00"))).containsExactly(REPLACEMENT);
        assertThat(bytes(xml -> xml.text("\uD800x"))).containsExactly(0xEF, 0xBF, 0xBD, 'x');
        assertThat(bytes(xml -> xml.attribute("a", "\uDC00\uD800")))
                .containsExactly(' ', 'a', '=', '"', 0xEF, 0xBF, 0xBD, 0xEF, 0xBF, 0xBD, '"');
        assertThat(bytes(xml -> xml.oneLine("\uD83D\uD83D\uDD11")))
                .as("a high surrogate, then a pair").containsExactly(0xEF, 0xBF, 0xBD, 0xF0, 0x9F, 0x94, 0x91);
        assertThat(bytes(xml -> {
            xml.text("\uD83D");
            xml.text("\uDD11");
        })).as("each string is cleaned on its own").containsExactly(0xEF, 0xBF, 0xBD, 0xEF, 0xBF, 0xBD);
    }

    @Test
    @DisplayName("what XML 1.0 forbids, DEL, C1 controls, U+FFFE and U+FFFF become U+FFFD, in text and attributes")
    void forbiddenCharacters() throws IOException {
        String forbidden = "\u0000\u0001\u0008\u000b\u000c\u000e\u001b\u001f\u007f\u0080\u0085\u009f\uFFFE\uFFFF";
        String replaced = "\uFFFD".repeat(forbidden.length());
        assertThat(utf8(xml -> xml.text(forbidden))).isEqualTo(replaced);
        assertThat(utf8(xml -> xml.attribute("a", forbidden))).isEqualTo(" a=\"" + replaced + "\"");
        assertThat(utf8(xml -> xml.oneLine(forbidden))).isEqualTo(replaced);
        assertThat(utf8(xml -> xml.text("\u00a0\u00ff\u202e\ud7ff\ue000\ufffd"))).as("kept")
                .isEqualTo("\u00a0\u00ff\u202e\ud7ff\ue000\ufffd");
    }

    @Test
    @DisplayName("random hostile strings, short and longer than the buffer: as clean, escape, encode one by one")
    void matchesTheReferenceOnRandomText() throws IOException {
        String alphabet = "ab <>&\"'\n\r\t\u0000\u001b\u007f\u0085\u00e9\u20ac\uFFFE\uFFFF\uFFFD\uD83D\uDD11\uD800\uDC00";
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            int length = round < 290 ? random.nextInt(40) : XmlWriter.BUFFER_SIZE * 2 + random.nextInt(1000);
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String value = text.toString();
            assertThat(bytes(xml -> xml.text(value))).as("text %s", value)
                    .isEqualTo(reference(escapeText(ReportText.clean(value))));
            assertThat(bytes(xml -> xml.attribute("v", value))).as("attribute %s", value)
                    .isEqualTo(reference(" v=\"" + escapeAttribute(ReportText.clean(value)) + "\""));
            assertThat(bytes(xml -> xml.oneLine(value))).as("one line %s", value)
                    .isEqualTo(reference(escapeAttribute(ReportText.clean(value).replace("\r\n", " ")
                            .replace('\r', ' ').replace('\n', ' ').replace('\t', ' '))));
        }
    }

    @Test
    @DisplayName("a surrogate pair or a one-line CR LF on the edge of the buffer is written whole")
    void charsAcrossTheBufferEdge() throws IOException {
        for (int prefix = XmlWriter.BUFFER_SIZE - 8; prefix < XmlWriter.BUFFER_SIZE + 8; prefix++) {
            String filler = "x".repeat(prefix);
            String value = filler + "\uD83D\uDD11\r\n&" + filler;
            assertThat(bytes(xml -> xml.text(value)))
                    .isEqualTo(reference(filler + "\uD83D\uDD11&#13;\n&amp;" + filler));
            assertThat(bytes(xml -> xml.oneLine(value))).isEqualTo(reference(filler + "\uD83D\uDD11 &amp;" + filler));
        }
    }

    @Test
    @DisplayName("streams in chunks of at most the buffer size; flush flushes the stream and leaves it open")
    void streams() throws IOException {
        List<Integer> chunks = new ArrayList<>();
        boolean[] flushed = {false};
        boolean[] closed = {false};
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                chunks.add(len);
                all.write(b, off, len);
            }

            @Override
            public void flush() {
                flushed[0] = true;
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        XmlWriter xml = new XmlWriter(out);
        String text = "<\u20ac\uD83D\uDD11\"".repeat(20_000);
        byte[] raw = new byte[XmlWriter.BUFFER_SIZE * 3 + 5];
        xml.text(text);
        xml.raw(raw);
        xml.attribute("a", text);
        xml.markup("x".repeat(XmlWriter.BUFFER_SIZE + 1));
        assertThat(flushed[0]).isFalse();
        xml.flush();

        assertThat(flushed[0]).isTrue();
        assertThat(closed[0]).isFalse();
        assertThat(chunks).hasSizeGreaterThan(10).allMatch(size -> size > 0 && size <= XmlWriter.BUFFER_SIZE);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(reference(escapeText(text)));
        expected.writeBytes(raw);
        expected.writeBytes(reference(" a=\"" + escapeAttribute(text) + "\""));
        expected.writeBytes(reference("x".repeat(XmlWriter.BUFFER_SIZE + 1)));
        assertThat(all.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Test
    @DisplayName("a fragment is the bytes its part writes, written again as they are")
    void fragments() throws IOException {
        byte[] fragment = XmlWriter.fragment(xml -> xml.attribute("classname", "a\"b\n\u0000"));
        assertThat(new String(fragment, StandardCharsets.UTF_8)).isEqualTo(" classname=\"a&quot;b&#10;\uFFFD\"");
        assertThat(utf8(xml -> {
            xml.markup("<x");
            xml.raw(fragment);
            xml.raw(fragment);
            xml.markup("/>");
        })).isEqualTo("<x classname=\"a&quot;b&#10;\uFFFD\" classname=\"a&quot;b&#10;\uFFFD\"/>");
    }

    // --- helpers, independent of the writer

    private static byte[] bytes(XmlWriter.Part part) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XmlWriter xml = new XmlWriter(out);
        part.writeTo(xml);
        xml.flush();
        return out.toByteArray();
    }

    private static String utf8(XmlWriter.Part part) throws IOException {
        return new String(bytes(part), StandardCharsets.UTF_8);
    }

    /** The UTF-8 bytes of text that is already clean: no unpaired surrogate to be replaced by the encoder. */
    private static byte[] reference(String clean) {
        return clean.getBytes(StandardCharsets.UTF_8);
    }

    private static String escapeText(String clean) {
        return clean.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;");
    }

    private static String escapeAttribute(String clean) {
        return clean.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;");
    }
}
