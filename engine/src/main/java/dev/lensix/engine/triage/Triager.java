package dev.lensix.engine.triage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lensix.api.check.Status;
import dev.lensix.api.input.InputException;
import dev.lensix.api.report.AbsentResult;
import dev.lensix.api.report.BaselineState;
import dev.lensix.api.report.Result;
import dev.lensix.api.report.ScanProblem;
import dev.lensix.api.report.ScanReport;
import dev.lensix.api.report.Triage;
import dev.lensix.api.resource.Resource;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Applies suppressions files and a baseline to a finished scan: marks each FAIL an active entry covers as suppressed,
 * gives each FAIL and ERROR its baseline state, lists the baseline's results no longer given, and says which entries
 * expired, expire soon or match nothing. Files are read and validated by {@link #prepare}, before anything is scanned.
 *
 * <pre>{@code
 * Triager triager = Triager.prepare(options, checkIds, LocalDate.now(clock));
 * ScanReport marked = triager.apply(report, resourceId -> inventory.byId(resourceId));
 * }</pre>
 */
public final class Triager {

    /** The default most days ahead an expiry may be. */
    public static final int DEFAULT_MAX_DAYS = 365;
    /** The default window in which an entry's coming expiry is a warning. */
    public static final int DEFAULT_WARN_DAYS = 14;
    /** The suppressions file read from the current folder when present and no file is given. */
    public static final String DEFAULT_FILE = "lensix-suppressions.yaml";

    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n\\t]+");

    /**
     * What the user asked for.
     *
     * @param suppressionFiles  {@code --suppressions}, in order
     * @param baseline          {@code --baseline}
     * @param warnExpiringDays  {@code --warn-expiring}
     * @param maxDaysAhead      {@code --suppression-max-days}
     * @param strict            {@code --strict-suppressions}: suppression warnings make the scan incomplete
     */
    public record Options(List<Path> suppressionFiles, Optional<Path> baseline, int warnExpiringDays, int maxDaysAhead,
                          boolean strict) {
        public Options {
            suppressionFiles = List.copyOf(suppressionFiles);
        }
    }

    private final Options options;
    private final LocalDate today;
    private final List<SuppressionEntry> entries;
    private final SuppressionIndex index;
    private final Optional<Baseline> baseline;

    private Triager(Options options, LocalDate today, List<SuppressionEntry> entries, Optional<Baseline> baseline) {
        this.options = options;
        this.today = today;
        this.entries = List.copyOf(entries);
        this.index = new SuppressionIndex(entries);
        this.baseline = baseline;
    }

    /** Reads and validates every file; a file that is not valid stops the scan before it starts. */
    public static Triager prepare(Options options, Set<String> checkIds, LocalDate today) throws InputException {
        return startReading(options, today).finish(checkIds);
    }

    /**
     * Starts reading the suppressions files and the baseline on threads of their own, so that they read while the
     * plug-ins start; {@link Reading#finish} gives them the check ids and waits for them.
     */
    public static Reading startReading(Options options, LocalDate today) {
        CompletableFuture<Set<String>> checkIds = new CompletableFuture<>();
        CompletableFuture<List<SuppressionEntry>> entries = inBackground("lensix-suppressions-reader", () -> {
            List<SuppressionEntry> all = new ArrayList<>();
            for (Path file : options.suppressionFiles()) {
                all.addAll(SuppressionsFile.load(file, checkIds, today, options.maxDaysAhead()));
            }
            return all;
        });
        CompletableFuture<Optional<Baseline>> baseline = options.baseline().isEmpty()
                ? CompletableFuture.completedFuture(Optional.empty())
                : inBackground("lensix-baseline-reader", () -> Optional.of(Baseline.read(options.baseline().get())));
        return new Reading(options, today, checkIds, entries, baseline);
    }

    /** Suppressions files and a baseline being read. */
    public static final class Reading {
        private final Options options;
        private final LocalDate today;
        private final CompletableFuture<Set<String>> checkIds;
        private final CompletableFuture<List<SuppressionEntry>> entries;
        private final CompletableFuture<Optional<Baseline>> baseline;

        private Reading(Options options, LocalDate today, CompletableFuture<Set<String>> checkIds,
                        CompletableFuture<List<SuppressionEntry>> entries, CompletableFuture<Optional<Baseline>> baseline) {
            this.options = options;
            this.today = today;
            this.checkIds = checkIds;
            this.entries = entries;
            this.baseline = baseline;
        }

        /**
         * The triager, once every file is read.
         *
         * @param known every check id this scan knows: an entry naming another is an error
         * @throws InputException the first file's problem: suppressions files in order, then the baseline
         */
        public Triager finish(Set<String> known) throws InputException {
            checkIds.complete(Set.copyOf(known));
            List<SuppressionEntry> read = join(entries);
            return new Triager(options, today, read, join(baseline));
        }
    }

    private interface Reader<T> {
        T read() throws InputException;
    }

    private static <T> CompletableFuture<T> inBackground(String name, Reader<T> reader) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(reader.read());
            } catch (InputException | RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    private static <T> T join(CompletableFuture<T> future) throws InputException {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof InputException input) {
                throw input;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /** True when there is nothing to apply. */
    public boolean isEmpty() {
        return options.suppressionFiles().isEmpty() && baseline.isEmpty();
    }

    /** Refuses a baseline of another analysis category than the scan's, before any report is written. */
    public void requireBaselineCategory(List<String> scope, Optional<String> categoryOverride) throws InputException {
        if (baseline.isPresent()) {
            baseline.get().requireCategoryOf(scope, categoryOverride);
        }
    }

    /**
     * The report with its results marked.
     *
     * @param resources the scanned resources by id, for their tags
     */
    public ScanReport apply(ScanReport report, Function<String, Optional<Resource>> resources) {
        if (isEmpty()) {
            return report;
        }
        Map<SuppressionEntry, Matches> matches = new IdentityHashMap<>();
        entries.forEach(entry -> matches.put(entry, new Matches()));
        Map<String, Baseline.Entry> remaining = baseline.map(b -> new HashMap<>(b.entries())).orElseGet(HashMap::new);
        List<Result> marked = new ArrayList<>(report.results().size());
        for (Result result : report.results()) {
            Result out = result;
            if (!entries.isEmpty()) {
                out = suppress(out, resources, matches);
            }
            if (baseline.isPresent() && result.status() != Status.PASS) {
                Baseline.Entry before = remaining.remove(Baseline.key(result.checkId(), result.resource().id()));
                out = out.withBaselineState(stateOf(result, before));
            }
            marked.add(out);
        }
        List<String> warnings = new ArrayList<>();
        List<String> baselineWarnings = new ArrayList<>();
        int expired = 0;
        int expiring = 0;
        int stale = 0;
        for (SuppressionEntry entry : entries) {
            Matches seen = matches.get(entry);
            LocalDate expires = entry.suppression().expires();
            if (!entry.activeOn(today)) {
                expired++;
                if (seen.fail > 0) {
                    warnings.add(entry.where() + " expired on " + expires + ": its " + seen.fail + " FAIL result"
                            + (seen.fail == 1 ? " counts" : "s count") + " again; renew it with a new expiry or fix"
                            + (seen.fail == 1 ? " it" : " them"));
                }
            } else if (ChronoUnit.DAYS.between(today, expires) <= options.warnExpiringDays()) {
                expiring++;
                warnings.add(entry.where() + " expires on " + expires + " (in " + ChronoUnit.DAYS.between(today, expires)
                        + " days)");
            }
            if (seen.any == 0) {
                stale++;
                warnings.add(entry.where() + " matches no result (stale suppression): remove it, or correct its checks,"
                        + " resources or tags");
            } else if (seen.fail == 0 && seen.error > 0) {
                warnings.add(entry.where() + " matches only ERROR results, which are never suppressed: data that could"
                        + " not be read is not an accepted risk");
            }
        }
        List<AbsentResult> absent = new ArrayList<>();
        if (baseline.isPresent()) {
            Baseline base = baseline.get();
            remaining.values().stream()
                    .map(entry -> new AbsentResult(entry.checkId(), entry.resourceId(), entry.status(), entry.message(),
                            entry.fingerprint()))
                    .sorted(Comparator.comparing(AbsentResult::checkId).thenComparing(a -> a.resourceId().toLowerCase(Locale.ROOT)))
                    .forEach(absent::add);
            Set<String> ours = new HashSet<>();
            report.checks().forEach(check -> ours.add(check.id()));
            Set<String> other = new TreeSet<>(base.checks());
            other.removeAll(ours);
            if (!other.isEmpty()) {
                baselineWarnings.add(base.file() + ": the baseline holds checks this scan did not run (" + String.join(", ", other)
                        + "): their results show as absent");
            }
            if (!base.scope().isEmpty() && !new TreeSet<>(base.scope()).equals(new TreeSet<>(report.scope()))) {
                baselineWarnings.add(base.file() + ": the baseline scanned " + String.join(", ", base.scope()) + ", this scan "
                        + String.join(", ", report.scope()) + ": results of what only one of them scanned show as new or absent");
            }
        }
        List<ScanProblem> problems = new ArrayList<>(report.problems());
        if (options.strict()) {
            warnings.forEach(warning -> problems.add(new ScanProblem("suppressions", warning + " (--strict-suppressions)")));
        }
        warnings.addAll(baselineWarnings);
        Triage triage = new Triage(options.suppressionFiles().stream().map(Path::toString).toList(), entries.size(),
                expired, expiring, stale, baseline.map(Baseline::file), absent, warnings);
        return report.withTriage(marked, problems, triage);
    }

    private Result suppress(Result result, Function<String, Optional<Resource>> resources,
                            Map<SuppressionEntry, Matches> matches) {
        List<SuppressionEntry> covering = index.matching(result.checkId(), result.resource().id(),
                () -> tagsOf(resources.apply(result.resource().id())));
        if (covering.isEmpty()) {
            return result;
        }
        Optional<SuppressionEntry> active = Optional.empty();
        for (SuppressionEntry entry : covering) {
            Matches seen = matches.get(entry);
            seen.any++;
            if (result.status() == Status.FAIL) {
                seen.fail++;
                if (active.isEmpty() && entry.activeOn(today)) {
                    active = Optional.of(entry);
                }
            } else if (result.status() == Status.ERROR) {
                seen.error++;
            }
        }
        return active.map(entry -> result.suppressedBy(entry.suppression())).orElse(result);
    }

    private static BaselineState stateOf(Result result, Baseline.Entry before) {
        if (before == null) {
            return BaselineState.NEW;
        }
        // SARIF writes the message on one line, after the resource's name and type ("kv-1 (Microsoft.KeyVault/vaults): ...")
        String message = result.message();
        if (message.indexOf('\n') >= 0 || message.indexOf('\r') >= 0 || message.indexOf('\t') >= 0) {
            message = LINE_BREAKS.matcher(message).replaceAll(" ");
        }
        boolean sameMessage = before.message().endsWith(message)
                && (before.message().length() == message.length() || before.message().endsWith(": " + message));
        boolean same = sameMessage && before.status().equals(result.status().name())
                && before.evidence() == Baseline.evidenceHash(result.evidence());
        return same ? BaselineState.UNCHANGED : BaselineState.UPDATED;
    }

    /** The resource's tags, names lower-cased; empty when it has none or they are not an object of texts. */
    private static Map<String, String> tagsOf(Optional<Resource> resource) {
        if (resource.isEmpty()) {
            return Map.of();
        }
        JsonNode tags = resource.get().json().get("tags");
        if (tags == null || !tags.isObject()) {
            tags = resource.get().json().get("Tags");
        }
        if (tags == null || !tags.isObject() || tags.isEmpty()) {
            return Map.of();
        }
        Map<String, String> lower = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tags.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> tag = it.next();
            if (tag.getValue().isTextual()) {
                lower.put(tag.getKey().toLowerCase(Locale.ROOT), tag.getValue().textValue());
            }
        }
        return lower;
    }

    /** How many results of each status an entry matched. */
    private static final class Matches {
        int any;
        int fail;
        int error;
    }
}
