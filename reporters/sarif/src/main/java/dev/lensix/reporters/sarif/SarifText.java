package dev.lensix.reporters.sarif;

import dev.lensix.api.report.ReportText;

import java.util.Locale;

/**
 * Text as it goes into the SARIF file. Every string taken from a report passes through {@link #clean}.
 *
 * <pre>{@code
 * SarifText.clean("esc\u001b[31m");                 // "esc\uFFFD[31m"
 * SarifText.truncate("x".repeat(2000), 1024);       // 1023 x's and "…"
 * SarifText.pascalCase("Key Vault without soft delete"); // "KeyVaultWithoutSoftDelete"
 * }</pre>
 */
public final class SarifText {

    /** What replaces a character that has no business in a report. */
    public static final char REPLACEMENT = ReportText.REPLACEMENT;

    /** The longest rule name written. */
    public static final int MAX_NAME = 128;

    private static final char ELLIPSIS = '\u2026';

    private SarifText() {
    }

    /**
     * {@code value} with C0 controls other than TAB, LF and CR, DEL, C1 controls, U+FFFE, U+FFFF and unpaired
     * surrogates replaced by U+FFFD. JSON could escape them, but GitHub and the viewers store and show the text:
     * a NUL or an ESC sequence there helps nobody, and an unpaired surrogate cannot be written as UTF-8 at all.
     */
    public static String clean(String value) {
        return ReportText.clean(value);
    }

    /** {@link #clean} text cut to at most {@code max} chars, ending in "…" when cut; never splits a surrogate pair. */
    public static String truncate(String value, int max) {
        String clean = clean(value);
        if (clean.length() <= max) {
            return clean;
        }
        int end = max - 1;
        if (Character.isLowSurrogate(clean.charAt(end)) && Character.isHighSurrogate(clean.charAt(end - 1))) {
            end--;
        } else if (Character.isHighSurrogate(clean.charAt(end - 1))) {
            end--;
        }
        return clean.substring(0, end) + ELLIPSIS;
    }

    /** Line breaks and tabs as single spaces: for one-line texts such as a result's message. */
    public static String oneLine(String value) {
        return clean(value).replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ').replace('\t', ' ');
    }

    /**
     * A rule's friendly {@code name}: the ASCII letters and digits of {@code title} as a PascalCase identifier,
     * {@code fallback} (the check id) the same way when the title has none; at most {@value #MAX_NAME} characters.
     */
    public static String pascalCase(String title, String fallback) {
        String name = pascal(title);
        name = name.isEmpty() ? pascal(fallback) : name;
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
    }

    private static String pascal(String text) {
        StringBuilder name = new StringBuilder();
        boolean upper = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!word) {
                upper = true;
                continue;
            }
            if (name.length() == 0 && c >= '0' && c <= '9') {
                name.append('N');
            }
            name.append(upper ? Character.toUpperCase(c) : c);
            upper = false;
        }
        return name.toString();
    }

    /**
     * A Markdown code block around {@code code}: a fence of backticks longer than any run of backticks in the
     * code, so no content can close it early.
     */
    public static String codeBlock(String language, String code) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < code.length(); i++) {
            run = code.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + language.toLowerCase(Locale.ROOT) + "\n" + code.replace("\r\n", "\n").replace('\r', '\n')
                + "\n" + fence;
    }
}
