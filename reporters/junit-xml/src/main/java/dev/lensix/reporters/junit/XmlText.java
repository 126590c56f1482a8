package dev.lensix.reporters.junit;

/**
 * Text as it goes into the XML file. Every string taken from a report passes through {@link #clean} before it
 * reaches the StAX writer, which writes whatever it is given, even characters no XML parser accepts.
 *
 * <pre>{@code
 * XmlText.clean("nul\u0000 esc\u001b[31m"); // "nul\uFFFD esc\uFFFD[31m"
 * XmlText.oneLine("first\r\nsecond");      // "first second"
 * }</pre>
 */
public final class XmlText {

    /** What replaces a character XML 1.0 forbids or discourages. */
    public static final char REPLACEMENT = '\uFFFD';

    private XmlText() {
    }

    /**
     * {@code value} with every character that XML 1.0 forbids (C0 controls other than TAB, LF and CR, U+FFFE,
     * U+FFFF, unpaired surrogates) or discourages as control characters (DEL, C1 controls U+0080 to U+009F)
     * replaced by U+FFFD. Emoji (surrogate pairs), right-to-left text and everything else are kept.
     */
    public static String clean(String value) {
        StringBuilder out = null;
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < length
                    && Character.isLowSurrogate(value.charAt(i + 1));
            boolean bad = !pair && (Character.isSurrogate(c) || isInvalid(c));
            if (bad && out == null) {
                out = new StringBuilder(length).append(value, 0, i);
            }
            if (out != null) {
                if (bad) {
                    out.append(REPLACEMENT);
                } else if (pair) {
                    out.append(c).append(value.charAt(i + 1));
                } else {
                    out.append(c);
                }
            }
            if (pair) {
                i++;
            }
        }
        return out == null ? value : out.toString();
    }

    /** True for a single char that {@link #clean} replaces (surrogates aside). */
    public static boolean isInvalid(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                || (c >= 0x7F && c <= 0x9F)
                || c == '\uFFFE' || c == '\uFFFF';
    }

    /** {@link #clean} text on one line: CR LF, CR, LF and TAB each become one space. */
    public static String oneLine(String value) {
        return clean(value).replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ').replace('\t', ' ');
    }
}
