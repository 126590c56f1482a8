package dev.lensix.api.check;

import java.util.Locale;
import java.util.Optional;

/**
 * How much a failing finding matters, from {@link #CRITICAL} down to {@link #INFO}.
 *
 * <pre>{@code
 * Severity threshold = Severity.parse("high").orElseThrow();
 * boolean gate = result.severity().isAtLeast(threshold);
 * }</pre>
 */
public enum Severity {
    CRITICAL, HIGH, MEDIUM, LOW, INFO;

    /** The lower-case word users type and reports print: {@code critical}, {@code high}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this severity is the same as or more severe than {@code other}. */
    public boolean isAtLeast(Severity other) {
        return ordinal() <= other.ordinal();
    }

    /** Parses a label case-insensitively; empty for anything that is not a severity. */
    public static Optional<Severity> parse(String text) {
        for (Severity severity : values()) {
            if (severity.label().equalsIgnoreCase(text.strip())) {
                return Optional.of(severity);
            }
        }
        return Optional.empty();
    }
}
