package dev.lensix.api.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a reporter gets besides the report: the options the user gave for report formats, and a way to
 * tell the user something about the report (shown on stderr, one line each).
 *
 * <pre>{@code
 * String category = context.option("sarif.category").orElse(defaultCategory(report));
 * if (leftOut > 0) {
 *     context.warn(leftOut + " results were left out of lensix.sarif to stay within GitHub's limits");
 * }
 * }</pre>
 */
public final class ReportContext {

    private final Map<String, String> options;
    private final Consumer<String> warnings;

    private ReportContext(Map<String, String> options, Consumer<String> warnings) {
        this.options = Map.copyOf(options);
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /**
     * @param options  format options by name, such as {@code sarif.category}
     * @param warnings receives each warning a reporter gives
     */
    public static ReportContext of(Map<String, String> options, Consumer<String> warnings) {
        return new ReportContext(options, warnings);
    }

    /** No options; warnings are collected into {@code sink}. For tests. */
    public static ReportContext collectingWarnings(List<String> sink) {
        return new ReportContext(Map.of(), sink::add);
    }

    /** No options; warnings are kept nowhere. */
    public static ReportContext defaults() {
        return collectingWarnings(new ArrayList<>());
    }

    /** A format option the user set, such as {@code sarif.category}; empty when not set. */
    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** Tells the user something they must know about this report, such as results left out to meet a limit. */
    public void warn(String message) {
        warnings.accept(message);
    }
}
