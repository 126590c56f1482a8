package dev.lensix.reporters.junit;

import dev.lensix.api.report.ReportText;

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
    public static final char REPLACEMENT = ReportText.REPLACEMENT;

    private XmlText() {
    }

    /**
     * {@code value} with every character that XML 1.0 forbids replaced by U+FFFD as
     * {@link ReportText#clean} does it (C0 controls but TAB, LF and CR, U+FFFE, U+FFFF, unpaired surrogates; also the
     * discouraged DEL and C1 controls). Emoji (surrogate pairs), right-to-left text and everything else are kept.
     */
    public static String clean(String value) {
        return ReportText.clean(value);
    }

    /** {@link #clean} text on one line: CR LF, CR, LF and TAB each become one space. */
    public static String oneLine(String value) {
        return clean(value).replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ').replace('\t', ' ');
    }
}
