package dev.lensix.engine.collect;

import dev.lensix.api.report.ScanProblem;
import dev.lensix.api.resource.Resource;
import dev.lensix.engine.inventory.InMemoryInventory;

import java.util.List;

/**
 * What a live collection produced: the resources exactly as ARM returned them, the ledger of which
 * collections were made for which scope (and why some were not), and problems beyond single scopes.
 *
 * @param scope     what was collected, e.g. {@code /subscriptions/ID} for every subscription
 * @param resources every resource collected, each once
 * @param ledger    which collections were made, and which failed with their reasons
 * @param problems  what kept the collection from being complete beyond a missing collection
 */
public record Collected(List<String> scope, List<Resource> resources, CollectionLedger ledger, List<ScanProblem> problems) {

    public Collected {
        scope = List.copyOf(scope);
        resources = List.copyOf(resources);
        problems = List.copyOf(problems);
    }

    /** An inventory whose coverage is exactly the ledger's. */
    public InMemoryInventory toInventory() {
        return InMemoryInventory.withCoverage(resources, ledger::coverage);
    }
}
