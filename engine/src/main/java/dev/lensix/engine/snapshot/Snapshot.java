package dev.lensix.engine.snapshot;

import dev.lensix.api.resource.Resource;
import dev.lensix.engine.inventory.InMemoryInventory;

import java.util.List;
import java.util.Set;

/**
 * What snapshot files held: the resources kept, every type seen (kept or not, so "not collected"
 * can be told from "none"), and warnings about data that may be incomplete.
 *
 * @param sources   the files read, in reading order
 * @param resources the resources kept
 * @param typesSeen every resource type seen, lower-cased
 * @param warnings  signs the export itself was incomplete (an unfollowed nextLink, a truncated query)
 */
public record Snapshot(List<String> sources, List<Resource> resources, Set<String> typesSeen, List<String> warnings) {

    public Snapshot {
        sources = List.copyOf(sources);
        resources = List.copyOf(resources);
        typesSeen = Set.copyOf(typesSeen);
        warnings = List.copyOf(warnings);
    }

    public InMemoryInventory toInventory() {
        return InMemoryInventory.of(resources, typesSeen);
    }
}
