package dev.lensix.reporters.junit;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Sits between the JDK's StAX writer and the file, and writes as character references what XML parsers would
 * otherwise change: LF, CR and TAB inside attribute values ({@code &#10;}, {@code &#13;}, {@code &#9;}; a parser
 * turns each raw one into a space) and CR in text ({@code &#13;}; a parser turns CR LF and a lone CR into LF).
 * The StAX writer escapes {@code < & > "} itself but leaves these raw.
 *
 * <p>It follows the markup the StAX writer produces: {@code <} starts a tag (a {@code <} in text or in an
 * attribute value is always written as {@code &lt;}), a {@code "} inside a tag opens or closes an attribute value
 * (one inside a value is always {@code &quot;}), {@code >} ends the tag. Comments, CDATA sections and processing
 * instructions other than the XML declaration are never written.
 *
 * <pre>{@code
 * Writer out = new CharacterReferenceWriter(new OutputStreamWriter(stream, UTF_8));
 * XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out);
 * xml.writeEmptyElement("testcase");
 * xml.writeAttribute("name", "a\nb");   // <testcase name="a&#10;b"/>
 * }</pre>
 */
final class CharacterReferenceWriter extends FilterWriter {

    private enum State { TEXT, TAG, ATTRIBUTE }

    private State state = State.TEXT;

    CharacterReferenceWriter(Writer out) {
        super(out);
    }

    @Override
    public void write(int c) throws IOException {
        char ch = (char) c;
        switch (state) {
            case TEXT -> {
                if (ch == '<') {
                    state = State.TAG;
                    out.write(ch);
                } else if (ch == '\r') {
                    out.write("&#13;");
                } else {
                    out.write(ch);
                }
            }
            case TAG -> {
                if (ch == '"') {
                    state = State.ATTRIBUTE;
                } else if (ch == '>') {
                    state = State.TEXT;
                }
                out.write(ch);
            }
            case ATTRIBUTE -> {
                switch (ch) {
                    case '"' -> {
                        state = State.TAG;
                        out.write(ch);
                    }
                    case '\n' -> out.write("&#10;");
                    case '\r' -> out.write("&#13;");
                    case '\t' -> out.write("&#9;");
                    default -> out.write(ch);
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
        int end = offset + length;
        int run = offset;
        for (int i = offset; i < end; i++) {
            if (special(buffer[i])) {
                if (i > run) {
                    out.write(buffer, run, i - run);
                }
                write(buffer[i]);
                run = i + 1;
            }
        }
        if (end > run) {
            out.write(buffer, run, end - run);
        }
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        int end = offset + length;
        int run = offset;
        for (int i = offset; i < end; i++) {
            if (special(text.charAt(i))) {
                if (i > run) {
                    out.write(text, run, i - run);
                }
                write(text.charAt(i));
                run = i + 1;
            }
        }
        if (end > run) {
            out.write(text, run, end - run);
        }
    }

    /**
     * True for the characters {@link #write(int)} may change or that change its state; every other character is
     * written as it is in any state, so runs of them are copied in one go.
     */
    private static boolean special(char c) {
        return c == '<' || c == '"' || c == '>' || c == '\r' || c == '\n' || c == '\t';
    }
}
