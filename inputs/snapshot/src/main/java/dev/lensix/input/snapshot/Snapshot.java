package dev.lensix.input.snapshot;

import dev.lensix.api.input.Collected;
import dev.lensix.api.input.CollectionLedger;
import dev.lensix.api.input.CoverageRule;
import dev.lensix.api.report.ScanProblem;
import dev.lensix.api.resource.Resource;
import dev.lensix.api.resource.ResourceIds;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What snapshot files held: the resources kept, every type seen (kept or not, so "not collected"
 * can be told from "none"), and warnings about data that may be incomplete. Files written by
 * {@code lensix collect} also say exactly which collections were made for which scope: their ledger
 * decides coverage for the resources they hold, instead of "a type seen anywhere was collected".
 *
 * @param sources     the files read, in reading order
 * @param resources   the resources kept
 * @param typesSeen   every resource type seen, lower-cased
 * @param warnings    signs the export itself was incomplete (an unfollowed nextLink, a truncated query)
 * @param ledger      the collections recorded in lensix snapshot headers; empty for plain exports
 * @param recordedIds the ids ({@link ResourceIds#key}) of the resources read from files with such a header
 */
public record Snapshot(List<String> sources, List<Resource> resources, Set<String> typesSeen, List<String> warnings,
                       CollectionLedger ledger, Set<String> recordedIds) {

    public Snapshot {
        sources = List.copyOf(sources);
        resources = List.copyOf(resources);
        typesSeen = Set.copyOf(typesSeen);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(ledger, "ledger");
        recordedIds = Set.copyOf(recordedIds);
    }

    /** A snapshot of plain exports only. */
    public Snapshot(List<String> sources, List<Resource> resources, Set<String> typesSeen, List<String> warnings) {
        this(sources, resources, typesSeen, warnings, CollectionLedger.EMPTY, Set.of());
    }

    /**
     * Whether a type was collected for a scope. A resource from a lensix snapshot is covered by its file's ledger
     * alone; any other resource by a ledger entry for its scope if one exists, else by the plain rule (a type seen
     * anywhere in the inputs was collected).
     */
    public CoverageRule coverage() {
        CoverageRule plain = CoverageRule.typesSeen(typesSeen, resources);
        if (ledger.isEmpty() && recordedIds.isEmpty()) {
            return plain;
        }
        return (type, scope) -> recordedIds.contains(scope.key())
                ? ledger.coverage(type, scope)
                : ledger.find(type, scope).orElseGet(() -> plain.coverage(type, scope));
    }

    /**
     * What was read as an input yields it: the warnings become problems of the input.
     *
     * @param scope what was read, for people and reports: the files and folders given
     */
    public Collected collected(List<String> scope) {
        List<ScanProblem> problems = warnings.stream().map(warning -> new ScanProblem("input", warning)).toList();
        return new Collected(scope, resources, ledger, problems, coverage());
    }

    /** As {@link #collected(List)}, with the files read as the scope. */
    public Collected collected() {
        return collected(sources);
    }
}
