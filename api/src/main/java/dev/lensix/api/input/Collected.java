package dev.lensix.api.input;

import dev.lensix.api.report.ScanProblem;
import dev.lensix.api.resource.Coverage;
import dev.lensix.api.resource.Resource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@link Input} yields: the resources exactly as ARM shapes them, what was collected and what was not,
 * and the problems met on the way.
 *
 * <pre>{@code
 * CollectionLedger ledger = CollectionLedger.of(List.of(
 *         CollectionLedger.Entry.collected("Microsoft.KeyVault/vaults", "/subscriptions/" + id),
 *         CollectionLedger.Entry.notCollected("Microsoft.KeyVault/vaults/keys", vaultId, "HTTP 403 Forbidden")));
 * return new Collected(List.of("/subscriptions/" + id), resources, ledger, List.of());
 * }</pre>
 *
 * @param scope     what was read, for people and reports: subscriptions as {@code /subscriptions/ID}, or the
 *                  files and folders given
 * @param resources every resource read, each once
 * @param ledger    the collections made, and those that failed with their reasons; empty when the input does not
 *                  record them
 * @param problems  what kept the input from being complete beyond a missing collection (a cut-short export)
 * @param coverage  whether a type was collected for a scope: the ledger's answer unless the input knows better
 */
public record Collected(List<String> scope, List<Resource> resources, CollectionLedger ledger, List<ScanProblem> problems,
                        CoverageRule coverage) {

    public Collected {
        scope = List.copyOf(scope);
        resources = List.copyOf(resources);
        Objects.requireNonNull(ledger, "ledger");
        problems = List.copyOf(problems);
        Objects.requireNonNull(coverage, "coverage");
    }

    /** What an input yields when its ledger alone says what was collected: a type it does not record was not. */
    public Collected(List<String> scope, List<Resource> resources, CollectionLedger ledger, List<ScanProblem> problems) {
        this(scope, resources, ledger, problems, ledger::coverage);
    }

    /**
     * What several inputs yielded together (snapshot files and Terraform plans given at once): their resources in
     * order, a resource that two of them hold kept from the first (and said in a problem), their ledgers and problems,
     * and a type collected for a scope when any of them collected it.
     *
     * <pre>{@code
     * Collected both = Collected.combine(List.of("examples", "plan.json"), List.of(snapshots.read(checks), plans.read(checks)));
     * }</pre>
     *
     * @param scope the inputs as the user gave them
     */
    public static Collected combine(List<String> scope, List<Collected> parts) {
        if (parts.size() == 1) {
            Collected only = parts.get(0);
            return new Collected(scope, only.resources, only.ledger, only.problems, only.coverage);
        }
        List<Resource> resources = new ArrayList<>();
        Map<String, Resource> byKey = new HashMap<>();
        List<CollectionLedger.Entry> entries = new ArrayList<>();
        List<ScanProblem> problems = new ArrayList<>();
        for (Collected part : parts) {
            for (Resource resource : part.resources) {
                Resource first = byKey.putIfAbsent(resource.key(), resource);
                if (first == null) {
                    resources.add(resource);
                } else {
                    problems.add(new ScanProblem("input", resource.id() + " is in more than one input ("
                            + String.join(", ", scope) + "): the first read is evaluated"));
                }
            }
            entries.addAll(part.ledger.entries());
            problems.addAll(part.problems);
        }
        List<CoverageRule> rules = parts.stream().map(part -> part.coverage).toList();
        CoverageRule any = (type, at) -> {
            Coverage first = null;
            for (CoverageRule rule : rules) {
                Coverage coverage = rule.coverage(type, at);
                if (coverage.collected()) {
                    return coverage;
                }
                first = first == null ? coverage : first;
            }
            return first == null ? Coverage.notCollected(type + " was not collected for this scope") : first;
        };
        return new Collected(scope, resources, CollectionLedger.of(entries), problems, any);
    }

    /** Whether resources of {@code type} were collected for {@code scope}. */
    public Coverage coverage(String type, Resource scope) {
        return coverage.coverage(type, scope);
    }
}
