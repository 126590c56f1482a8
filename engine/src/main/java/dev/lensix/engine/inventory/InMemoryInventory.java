package dev.lensix.engine.inventory;

import dev.lensix.api.resource.Coverage;
import dev.lensix.api.resource.Inventory;
import dev.lensix.api.resource.KeyVaultKeyUri;
import dev.lensix.api.resource.Resource;
import dev.lensix.api.resource.ResourceIds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The inventory a scan runs on: resources indexed by id, by type and by parent, all case-insensitive, and Key
 * Vaults by the host of their {@code properties.vaultUri}. Immutable once built; safe to share between threads.
 */
public final class InMemoryInventory implements Inventory {

    /** Sorted by id ignoring case, then by exact id, so results come out in the same order every run. */
    public static final Comparator<String> ID_ORDER =
            String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());

    private final Map<String, Resource> byId;
    private final Map<String, List<Resource>> byType;
    private final Map<String, List<Resource>> byParentAndType;
    private final Map<String, Resource> keyVaultsByHost;
    private final CoveragePolicy coverage;
    private final Map<Object, Object> derived = new ConcurrentHashMap<>();

    private InMemoryInventory(Collection<Resource> resources, CoveragePolicy coverage) {
        this.coverage = coverage;
        Map<String, Resource> ids = new HashMap<>();
        Map<String, List<Resource>> types = new HashMap<>();
        Map<String, List<Resource>> children = new HashMap<>();
        for (Resource resource : resources) {
            ids.put(ResourceIds.key(resource.id()), resource);
            types.computeIfAbsent(typeKey(resource.type()), key -> new ArrayList<>()).add(resource);
            resource.parentId().ifPresent(parent ->
                    children.computeIfAbsent(childKey(parent, resource.type()), key -> new ArrayList<>()).add(resource));
        }
        types.values().forEach(InMemoryInventory::sortById);
        children.values().forEach(InMemoryInventory::sortById);
        this.byId = Map.copyOf(ids);
        this.byType = freeze(types);
        this.byParentAndType = freeze(children);
        this.keyVaultsByHost = indexKeyVaults(byType.getOrDefault(typeKey(KeyVaultKeyUri.VAULT_TYPE), List.of()));
    }

    /** An id with its ASCII lower-case form ({@code null} when it has other characters), for {@link #sortById}. */
    private record Keyed(String fold, Resource resource) {
    }

    /**
     * Sorts {@code resources} by id in {@link #ID_ORDER}. Ids of ASCII characters alone (all of ARM's) are compared
     * through their lower-case forms, computed once each, which gives {@link #ID_ORDER}'s result for them;
     * any other pair is compared by {@link #ID_ORDER} itself.
     */
    private static void sortById(List<Resource> resources) {
        if (resources.size() < 2) {
            return;
        }
        Keyed[] keyed = new Keyed[resources.size()];
        for (int i = 0; i < keyed.length; i++) {
            Resource resource = resources.get(i);
            keyed[i] = new Keyed(asciiLowerCase(resource.id()), resource);
        }
        Arrays.sort(keyed, (a, b) -> {
            if (a.fold() != null && b.fold() != null) {
                int order = a.fold().compareTo(b.fold());
                return order != 0 ? order : a.resource().id().compareTo(b.resource().id());
            }
            return ID_ORDER.compare(a.resource().id(), b.resource().id());
        });
        for (int i = 0; i < keyed.length; i++) {
            resources.set(i, keyed[i].resource());
        }
    }

    private static String asciiLowerCase(String id) {
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) >= 0x80) {
                return null;
            }
        }
        return id.toLowerCase(Locale.ROOT);
    }

    /** Host of {@code properties.vaultUri} to vault; the vaults come sorted by id, so the first by id wins a tie. */
    private static Map<String, Resource> indexKeyVaults(List<Resource> vaults) {
        Map<String, Resource> byHost = new HashMap<>();
        for (Resource vault : vaults) {
            vault.text("/properties/vaultUri").flatMap(KeyVaultKeyUri::vaultHost)
                    .ifPresent(host -> byHost.putIfAbsent(host, vault));
        }
        return Map.copyOf(byHost);
    }

    /** An inventory whose coverage says a type was collected when any resource of it was seen. */
    public static InMemoryInventory of(Collection<Resource> resources, Set<String> typesSeen) {
        Set<String> seen = new HashSet<>();
        typesSeen.forEach(type -> seen.add(typeKey(type)));
        resources.forEach(resource -> seen.add(typeKey(resource.type())));
        return new InMemoryInventory(resources, (type, scope) -> seen.contains(typeKey(type))
                ? Coverage.COLLECTED
                : Coverage.notCollected("no " + type + " resources were in the inputs"));
    }

    public static InMemoryInventory of(Collection<Resource> resources) {
        return of(resources, Set.of());
    }

    /** Decides whether a type was collected for a scope. */
    @FunctionalInterface
    public interface CoveragePolicy {
        Coverage coverage(String type, Resource scope);
    }

    public static InMemoryInventory withCoverage(Collection<Resource> resources, CoveragePolicy coverage) {
        return new InMemoryInventory(resources, coverage);
    }

    @Override
    public Optional<Resource> byId(String id) {
        return Optional.ofNullable(byId.get(ResourceIds.key(id)));
    }

    @Override
    public List<Resource> ofType(String type) {
        return byType.getOrDefault(typeKey(type), List.of());
    }

    @Override
    public List<Resource> childrenOf(Resource parent, String childType) {
        return byParentAndType.getOrDefault(childKey(parent.id(), childType), List.of());
    }

    @Override
    public Optional<Resource> keyVaultFor(KeyVaultKeyUri key) {
        return Optional.ofNullable(keyVaultsByHost.get(key.host()));
    }

    @Override
    public Coverage coverage(String type, Resource scope) {
        return coverage.coverage(type, scope);
    }

    /** Computed outside the map's lock (a computation may read the inventory at length), kept by the first to finish. */
    @Override
    @SuppressWarnings("unchecked")
    public <T> T derived(Object key, Function<Inventory, T> compute) {
        Object value = derived.get(key);
        if (value == null) {
            value = java.util.Objects.requireNonNull(compute.apply(this), "a derived value");
            Object first = derived.putIfAbsent(key, value);
            if (first != null) {
                value = first;
            }
        }
        return (T) value;
    }

    @Override
    public int size() {
        return byId.size();
    }

    private static String typeKey(String type) {
        return type.strip().toLowerCase(Locale.ROOT);
    }

    private static String childKey(String parentId, String type) {
        return ResourceIds.key(parentId) + "|" + typeKey(type);
    }

    private static Map<String, List<Resource>> freeze(Map<String, List<Resource>> map) {
        Map<String, List<Resource>> frozen = new HashMap<>();
        map.forEach((key, list) -> frozen.put(key, List.copyOf(list)));
        return Map.copyOf(frozen);
    }
}
