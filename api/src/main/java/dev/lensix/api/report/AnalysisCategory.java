package dev.lensix.api.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The analysis category of a scan, its SARIF report's {@code automationDetails.id}, which GitHub code scanning uses: alerts of
 * one category are compared with the previous upload of the same category, so it must be the same for the same
 * scan every time, and different for scans of different things.
 *
 * <p>By default it is {@code lensix/<scope>/}, the scope made from what was scanned ({@code ScanReport.scope()}):
 * the last path segment of each input, without a {@code .json} ending, lower-cased, reduced to
 * {@code a-z 0-9 . _ -}, sorted, without duplicates and joined with {@code +}. When that is empty or longer than
 * {@value #MAX_NAME} characters it is {@code scan-} and 12 hex digits of a SHA-256 over the sorted inputs; a
 * scan with no scope at all is {@code lensix/scan/}. The user's {@code sarif.category} option replaces it
 * (a {@code /} is added at the end when missing, as GitHub's upload action does).
 *
 * <pre>{@code
 * AnalysisCategory.of(List.of("/home/ci/snapshots/prod.json", "dev.json"), Optional.empty()); // "lensix/dev+prod/"
 * AnalysisCategory.of(List.of("examples"), Optional.of("lensix/prod"));                       // "lensix/prod/"
 * }</pre>
 */
public final class AnalysisCategory {

    /** The longest readable scope name; longer ones become a hash. */
    public static final int MAX_NAME = 48;

    private AnalysisCategory() {
    }

    public static String of(List<String> scope, Optional<String> override) {
        Optional<String> given = override.map(AnalysisCategory::oneLine).map(String::strip).filter(text -> !text.isEmpty());
        if (given.isPresent()) {
            return given.get().endsWith("/") ? given.get() : given.get() + "/";
        }
        return "lensix/" + scopeName(scope) + "/";
    }

    static String scopeName(List<String> scope) {
        if (scope.isEmpty()) {
            return "scan";
        }
        TreeSet<String> names = new TreeSet<>();
        for (String entry : scope) {
            String name = sanitize(lastSegment(entry));
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        String joined = String.join("+", names);
        if (!joined.isEmpty() && joined.length() <= MAX_NAME) {
            return joined;
        }
        String inputs = String.join("\n", new TreeSet<>(scope));
        return "scan-" + HexFormat.of().formatHex(sha256(inputs), 0, 6);
    }

    private static String lastSegment(String entry) {
        String trimmed = entry.strip();
        while (trimmed.endsWith("/") || trimmed.endsWith("\\")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        int cut = Math.max(trimmed.lastIndexOf('/'), Math.max(trimmed.lastIndexOf('\\'), trimmed.lastIndexOf(':')));
        String last = trimmed.substring(cut + 1);
        return last.toLowerCase(Locale.ROOT).endsWith(".json") ? last.substring(0, last.length() - 5) : last;
    }

    private static String oneLine(String value) {
        return ReportText.clean(value).replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ').replace('\t', ' ');
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String sanitize(String name) {
        String lower = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
        return lower.replaceAll("^[-.]+|[-.]+$", "");
    }
}
