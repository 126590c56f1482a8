package dev.lensix.reporters.csv;

/**
 * The one place where text becomes a safe CSV cell: invalid characters replaced, spreadsheet formulas
 * neutralised. Every cell {@link CsvReporter} writes, header and ids included, goes through {@link #safe}.
 *
 * <pre>{@code
 * CsvCells.safe("=HYPERLINK(\"http://x\",\"y\")"); // "'=HYPERLINK(\"http://x\",\"y\")"
 * CsvCells.safe("-1");                             // "'-1"
 * CsvCells.safe("esc" + (char) 27 + "[31m");       // "esc" + CsvCells.REPLACEMENT + "[31m"
 * CsvCells.safe("rsv_nobyok");                     // "rsv_nobyok"
 * }</pre>
 */
public final class CsvCells {

    /** Prefixed to a cell that a spreadsheet would otherwise read as a formula. */
    public static final char NEUTRALISER = '\'';

    /** What replaces a character that is not valid in a CSV consumer. */
    public static final char REPLACEMENT = '\uFFFD';

    private CsvCells() {
    }

    /**
     * {@code value} as it goes into the file: first every {@link #isInvalid invalid} character (and every
     * unpaired surrogate) becomes U+FFFD, then, if the result starts with {@code = + - @}, TAB, CR or LF,
     * a single quote is prefixed.
     */
    public static String safe(String value) {
        String clean = replaceInvalid(value);
        return startsDangerously(clean) ? NEUTRALISER + clean : clean;
    }

    /** True when a spreadsheet could take {@code value} for a formula (OWASP CSV injection list). */
    public static boolean startsDangerously(String value) {
        if (value.isEmpty()) {
            return false;
        }
        return switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r', '\n' -> true;
            default -> false;
        };
    }

    /**
     * C0 controls other than TAB, LF and CR, DEL, C1 controls (U+0080 to U+009F) and the non-characters
     * U+FFFE and U+FFFF: not valid text for most CSV consumers (XML-based spreadsheets, SIEM parsers,
     * terminals that would obey an escape sequence).
     */
    public static boolean isInvalid(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                || (c >= 0x7F && c <= 0x9F)
                || c == '\uFFFE' || c == '\uFFFF';
    }

    static String replaceInvalid(String value) {
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
}
