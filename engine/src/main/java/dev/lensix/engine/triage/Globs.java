package dev.lensix.engine.triage;

import java.util.regex.Pattern;

/** The one wildcard of check ids and of ARM id segments: {@code *}, any characters (none included). */
final class Globs {

    private Globs() {
    }

    /** {@code glob} as a regular expression matching whole strings; every other character stands for itself. */
    static Pattern star(String glob) {
        StringBuilder regex = new StringBuilder();
        int from = 0;
        for (int star = glob.indexOf('*'); star >= 0; star = glob.indexOf('*', from)) {
            regex.append(Pattern.quote(glob.substring(from, star))).append(".*");
            from = star + 1;
        }
        return Pattern.compile(regex.append(Pattern.quote(glob.substring(from))).toString());
    }
}
