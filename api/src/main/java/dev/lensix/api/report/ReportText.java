package dev.lensix.api.report;

/**
 * The one rule for text that goes into a report file: characters that no report format or viewer should
 * carry are replaced, everything else is kept. Reporters pass every string taken from a report through
 * {@link #clean} and then apply their format's own escaping.
 *
 * <pre>{@code
 * ReportText.clean("nul\u0000 esc\u001b[31m");   // "nul\uFFFD esc\uFFFD[31m"
 * ReportText.clean("kv-\uD83D\uDD11 \u202Eabc");   // unchanged: emoji and right-to-left text are kept
 * }</pre>
 */
public final class ReportText {

    /** What replaces a character that has no business in a report (U+FFFD). */
    public static final char REPLACEMENT = '\uFFFD';

    private ReportText() {
    }

    /**
     * {@code value} with every {@link #isInvalid invalid} character and every unpaired surrogate replaced by
     * U+FFFD. XML 1.0 forbids C0 controls and U+FFFE/U+FFFF, an unpaired surrogate cannot be written as UTF-8,
     * and a NUL or an escape sequence in a CSV cell or a code scanning alert helps nobody.
     */
    public static String clean(String value) {
        int length = value.length();
        int start = 0;
        // fast path: printable ASCII, TAB, LF, CR and Latin-1 letters are kept as they are
        while (start < length) {
            char c = value.charAt(start);
            if ((c >= 0x20 && c < 0x7F) || (c >= 0xA0 && c < 0xD800) || c == '\n' || c == '\t' || c == '\r') {
                start++;
            } else {
                break;
            }
        }
        if (start == length) {
            return value;
        }
        StringBuilder out = null;
        for (int i = start; i < length; i++) {
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

    /**
     * C0 controls other than TAB, LF and CR, DEL, C1 controls (U+0080 to U+009F) and the non-characters
     * U+FFFE and U+FFFF.
     */
    public static boolean isInvalid(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                || (c >= 0x7F && c <= 0x9F)
                || c == '\uFFFE' || c == '\uFFFF';
    }
}
