package dev.lensix.reporters.sarif;

import dev.lensix.api.check.Status;
import dev.lensix.api.report.AbsentResult;
import dev.lensix.api.report.AnalysisCategory;
import dev.lensix.api.report.ReportContext;
import dev.lensix.api.report.Reporter;
import dev.lensix.api.report.Result;
import dev.lensix.api.report.ScanReport;
import org.pf4j.Extension;

import java.io.IOException;
import java.io.OutputStream;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.IntStream;
import java.util.zip.Deflater;

/**
 * The {@code sarif} format: SARIF 2.1.0 for GitHub code scanning ({@code lensix.sarif}), written with the host's
 * Jackson: the tool and its rules as java-sarif objects, the rest straight to the JSON generator
 * ({@link SarifLogWriter}).
 *
 * <p><b>Layout.</b> {@code $schema}, {@code version} {@code 2.1.0} and one run (GitHub rejects two runs with the
 * same tool and category in one upload):
 * <ul>
 *   <li>{@code tool.driver}: name {@code lensix}, {@code version} and {@code semanticVersion}, {@code informationUri},
 *       and one rule per check evaluated, sorted by id (FAILing or not): {@code id}, a PascalCase {@code name}, the
 *       title as {@code shortDescription} and the description as {@code fullDescription} (each at most 1,024
 *       characters), {@code help.text} and {@code help.markdown} (description, rationale, remediation with the
 *       {@code az} and Terraform parts as code blocks, compliance ids, references), {@code helpUri} (the first
 *       reference that is an http(s) URL), {@code defaultConfiguration.level}, and {@code properties}: {@code tags}
 *       ({@code security}, the service, the compliance ids; at most 10), {@code precision} {@code very-high},
 *       {@code security-severity}. Severity to level and score: {@link SarifSeverity}, and nowhere else.</li>
 *   <li>{@code results}: one per FAIL, in report order: {@code ruleId}, {@code ruleIndex}, an explicit {@code level},
 *       {@code message.text} naming the resource and the problem, one location whose
 *       {@code physicalLocation.artifactLocation.uri} is the ARM id as a relative percent-encoded path
 *       ({@link ResourceLocations#artifactUri}) with {@code region.startLine} 1 and whose logical location has the ARM
 *       id as {@code fullyQualifiedName}, {@code partialFingerprints.primaryLocationLineHash}
 *       ({@link ResourceLocations#fingerprint}: check id and lower-cased ARM id only), and {@code properties} with
 *       the resource's identity, the result's severity and the evidence.</li>
 *   <li>{@code invocations[0]}: {@code executionSuccessful} (false when any result is ERROR or the scan met a
 *       problem), start and end time from the report, the scope, and {@code toolExecutionNotifications}: one
 *       {@code error} per ERROR result (with its rule, location and evidence) and per scan problem, and a
 *       {@code warning} when results were left out. PASS results appear nowhere: code scanning closes an alert
 *       whose result is no longer reported.</li>
 *   <li>{@code automationDetails.id}: {@link AnalysisCategory}, or the option {@value #CATEGORY_OPTION}.</li>
 * </ul>
 *
 * <p><b>GitHub's limits.</b> At most {@value #MAX_RESULTS} results per run and {@value #MAX_GZIPPED_BYTES} bytes
 * gzipped. Past either, the most severe results are kept (ties in report order), a warning notification says
 * how many were left out, and {@link ReportContext#warn} tells the user. The file is therefore written in memory
 * first, and to the stream only once it is known to fit.
 *
 * <p><b>Text.</b> Every string from the report goes through {@link SarifText#clean} (control characters, U+FFFE,
 * U+FFFF and unpaired surrogates become U+FFFD); emoji and right-to-left text are kept, as UTF-8. The output is
 * the same bytes for the same report: no clock, no host name, no random ids.
 *
 * <pre>{@code
 * Reporter sarif = new SarifReporter();
 * sarif.write(report, ReportContext.of(Map.of("sarif.category", "lensix/prod"), System.err::println), out);
 * }</pre>
 */
@Extension
public final class SarifReporter implements Reporter {

    /** The name given to {@code --format}. */
    public static final String FORMAT_NAME = "sarif";

    /** The file written in the output directory. */
    public static final String DEFAULT_FILE_NAME = "lensix.sarif";

    /** The format option that replaces the derived {@code automationDetails.id} ({@code --sarif-category}). */
    public static final String CATEGORY_OPTION = "sarif.category";

    /** GitHub code scanning's limit of results per run. */
    public static final int MAX_RESULTS = 25_000;

    /** GitHub code scanning's limit on an upload: 10 MB once gzipped. */
    public static final long MAX_GZIPPED_BYTES = 10_000_000L;

    private final int maxResults;
    private final long maxGzippedBytes;

    public SarifReporter() {
        this(MAX_RESULTS, MAX_GZIPPED_BYTES);
    }

    /** With other limits: for tests. */
    SarifReporter(int maxResults, long maxGzippedBytes) {
        this.maxResults = maxResults;
        this.maxGzippedBytes = maxGzippedBytes;
    }

    @Override
    public String formatName() {
        return FORMAT_NAME;
    }

    @Override
    public String defaultFileName() {
        return DEFAULT_FILE_NAME;
    }

    @Override
    public void write(ScanReport report, ReportContext context, OutputStream out) throws IOException {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(out, "out");
        String category = AnalysisCategory.of(report.scope(), context.option(CATEGORY_OPTION));
        SarifLogWriter log = new SarifLogWriter(report, category);

        List<Result> failures = report.results().stream().filter(result -> result.status() == Status.FAIL).toList();
        int keep = Math.min(failures.size(), maxResults);
        ChunkedBytes json;
        while (true) {
            json = new ChunkedBytes();
            int leftOut = failures.size() - keep;
            // the baseline's fixed failures, as absent results, within what the limit leaves
            List<AbsentResult> absent = report.triage().absent().stream().filter(gone -> gone.status().equals("FAIL"))
                    .limit(Math.max(0, maxResults - keep)).toList();
            log.write(mostSevere(failures, keep), absent, leftOut, leftOut == 0 ? "" : limitNote(leftOut, failures.size()), json);
            long gzipped = gzippedSizeIfOver(json);
            if (gzipped <= maxGzippedBytes || keep == 0) {
                break;
            }
            // shrink in proportion to the excess, with a margin, until it fits
            keep = (int) Math.min(keep - 1L, (long) (keep * ((double) maxGzippedBytes / gzipped) * 0.9));
            keep = Math.max(keep, 0);
        }
        int leftOut = failures.size() - keep;
        if (leftOut > 0) {
            context.warn(limitNote(leftOut, failures.size()));
        }
        json.writeTo(out);
        out.flush();
    }

    /** The {@code keep} most severe of {@code failures} (ties in report order), in report order. */
    private static List<Result> mostSevere(List<Result> failures, int keep) {
        if (keep == failures.size()) {
            return failures;
        }
        boolean[] kept = new boolean[failures.size()];
        IntStream.range(0, failures.size()).boxed()
                .sorted(Comparator.<Integer>comparingInt(i -> failures.get(i).severity().ordinal())
                        .thenComparingInt(i -> i))
                .limit(keep)
                .forEach(index -> kept[index] = true);
        List<Result> chosen = new ArrayList<>(keep);
        for (int i = 0; i < failures.size(); i++) {
            if (kept[i]) {
                chosen.add(failures.get(i));
            }
        }
        return chosen;
    }

    /**
     * {@code json}'s gzipped size: exact, at the default level GitHub's upload gzips with, when over the limit;
     * within the limit perhaps only a bound, found faster. Gzipping 50 MB takes a third of a second at the default
     * level, a tenth at level 1, and nothing is gzipped when the file fits as it is:
     * <ul>
     *   <li>deflate stores what it cannot compress, so gzip adds at most zlib's {@code deflateBound} to its input
     *       (0.03% and 25 bytes), within the 0.1% and 64 bytes allowed here;</li>
     *   <li>level 1 looks for fewer and shorter matches than the default level and in practice never compresses
     *       better (on SARIF the default level is a third smaller), so a level-1 size within the limit fits.</li>
     * </ul>
     */
    private long gzippedSizeIfOver(ChunkedBytes json) {
        long bound = json.size() + json.size() / 1024 + 64;
        if (bound <= maxGzippedBytes) {
            return bound;
        }
        long fast = json.gzippedSize(Deflater.BEST_SPEED);
        if (fast <= maxGzippedBytes) {
            return fast;
        }
        return json.gzippedSize(Deflater.DEFAULT_COMPRESSION);
    }

    private String limitNote(int leftOut, int total) {
        NumberFormat number = NumberFormat.getIntegerInstance(Locale.ROOT);
        return number.format(leftOut) + " of " + number.format(total) + " failing results were left out of "
                + DEFAULT_FILE_NAME + " to stay within GitHub code scanning's limits (" + number.format(maxResults)
                + " results per run, " + number.format(maxGzippedBytes) + " bytes gzipped); the most severe were kept";
    }

    /** The size of {@code bytes} gzipped at the default level. */
    static long gzippedSize(byte[] bytes) {
        ChunkedBytes chunked = new ChunkedBytes();
        chunked.write(bytes, 0, bytes.length);
        return chunked.gzippedSize(Deflater.DEFAULT_COMPRESSION);
    }
}
