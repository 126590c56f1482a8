package dev.lensix.engine.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An ARM id pattern of a suppressions file: matched case-insensitively segment by segment, {@code *} matching any
 * characters within one segment and a {@code **} segment any number of segments (none included), so that
 * {@code /subscriptions/*}{@code /resourceGroups/rg-dr/**} names a resource group and everything in it.
 *
 * @param text     the pattern as written
 * @param segments the pattern's segments, lower case
 */
record ResourceGlob(String text, List<String> segments) {

    static final String ANY_SEGMENTS = "**";

    ResourceGlob {
        segments = List.copyOf(segments);
    }

    /** The pattern, or why it is not one. */
    static ResourceGlob parse(String text) throws IllegalArgumentException {
        String trimmed = text.strip();
        if (!trimmed.startsWith("/")) {
            throw new IllegalArgumentException("'" + text + "' is not an ARM id pattern: it must start with /"
                    + " (/subscriptions/..., or /** for everything)");
        }
        String body = trimmed.substring(1);
        if (body.endsWith("/")) {
            body = body.substring(0, body.length() - 1);
        }
        if (body.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' names no resource: write /** to match every resource");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : body.split("/", -1)) {
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("'" + text + "' has an empty segment (//)");
            }
            if (segment.contains("**") && !segment.equals(ANY_SEGMENTS)) {
                throw new IllegalArgumentException("'" + text + "': ** must be a whole segment (/**/), not part of '" + segment + "'");
            }
            if (segment.chars().anyMatch(c -> c == '?' || c == '[' || c == ']' || c == '{' || c == '}' || c == '\\')) {
                throw new IllegalArgumentException("'" + text + "': only * and ** are wildcards; '" + segment
                        + "' holds ? [ ] { } or \\, which ARM ids do not");
            }
            if (segment.equals(ANY_SEGMENTS) && !segments.isEmpty() && segments.get(segments.size() - 1).equals(ANY_SEGMENTS)) {
                continue; // /**/**/ is /**/
            }
            segments.add(segment.toLowerCase(Locale.ROOT));
        }
        return new ResourceGlob(text, segments);
    }

    /** A single-segment pattern with {@code *} in it as a regular expression; empty for a literal or {@code **}. */
    static Optional<Pattern> segmentPattern(String segment) {
        if (segment.equals(ANY_SEGMENTS) || !segment.contains("*")) {
            return Optional.empty();
        }
        return Optional.of(Globs.star(segment));
    }
}
