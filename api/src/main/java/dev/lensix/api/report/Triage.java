package dev.lensix.api.report;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What suppressions and a baseline made of a scan's results, beyond the marks on each {@link Result}: which files
 * were used, the entries that expired, expire soon or match nothing, and the baseline's results no longer given.
 *
 * <pre>{@code
 * Triage triage = report.triage();
 * triage.warnings().forEach(warning -> err.println("warning: " + warning));
 * }</pre>
 *
 * @param suppressionFiles the suppressions files read, in the order given
 * @param entries          how many entries they hold
 * @param expired          entries whose expiry has passed (they suppress nothing)
 * @param expiring         active entries that expire within the warning window
 * @param stale            entries that match no result at all
 * @param baselineFile     the baseline read, if any
 * @param absent           baseline results this scan no longer gives, sorted by check id then resource id
 * @param warnings         one line each: expired entries that still match a FAIL, expiring and stale entries,
 *                         entries that match only ERROR results, a baseline of other checks or scopes
 */
public record Triage(List<String> suppressionFiles, int entries, int expired, int expiring, int stale,
                     Optional<String> baselineFile, List<AbsentResult> absent, List<String> warnings) {

    /** No suppressions file, no baseline. */
    public static final Triage NONE = new Triage(List.of(), 0, 0, 0, 0, Optional.empty(), List.of(), List.of());

    public Triage {
        suppressionFiles = List.copyOf(suppressionFiles);
        Objects.requireNonNull(baselineFile, "baselineFile");
        absent = List.copyOf(absent);
        warnings = List.copyOf(warnings);
    }

    /** True when the scan was compared with a baseline: every result then has a baseline state. */
    public boolean hasBaseline() {
        return baselineFile.isPresent();
    }
}
