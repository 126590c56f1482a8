package dev.lensix.reporters.csv;

import dev.lensix.api.report.ReportText;

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
    public static final char REPLACEMENT = ReportText.REPLACEMENT;

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

    /** A character {@link #safe} replaces (surrogates aside): see {@link ReportText#isInvalid}. */
    public static boolean isInvalid(char c) {
        return ReportText.isInvalid(c);
    }

    static String replaceInvalid(String value) {
        return ReportText.clean(value);
    }
}
