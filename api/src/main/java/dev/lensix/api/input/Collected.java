package dev.lensix.api.input;

import dev.lensix.api.report.ScanProblem;
import dev.lensix.api.resource.Coverage;
import dev.lensix.api.resource.Resource;

import java.util.List;
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

    /** Whether resources of {@code type} were collected for {@code scope}. */
    public Coverage coverage(String type, Resource scope) {
        return coverage.coverage(type, scope);
    }
}
