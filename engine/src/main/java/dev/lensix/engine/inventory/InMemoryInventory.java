package dev.lensix.engine.inventory;

import dev.lensix.api.input.Collected;
import dev.lensix.api.input.CoverageRule;
import dev.lensix.api.resource.Coverage;
import dev.lensix.api.resource.Inventory;
import dev.lensix.api.resource.KeyVaultKeyUri;
import dev.lensix.api.resource.Resource;
import dev.lensix.api.resource.ResourceIds;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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

    /**
     * The order of the inventory's lists: by {@link Resource#key()}, then by exact id. For ARM's ids (ASCII, no blanks
     * or slashes at the ends) this is {@link #ID_ORDER}, with each id lower-cased once instead of at every comparison.
     */
    private static final Comparator<Resource> KEY_ORDER = (a, b) -> {
        int order = a.key().compareTo(b.key());
        return order != 0 ? order : a.id().compareTo(b.id());
    };

    /** From how many resources the index by id is built on another thread: fewer take less time than starting one. */
    private static final int ASYNC_MIN_RESOURCES = 10_000;

    private final Map<String, Resource> byId;
    private final Map<String, List<Resource>> byType;
    private final Map<String, List<Resource>> byParentAndType;
    private final Map<String, Resource> keyVaultsByHost;
    private final CoveragePolicy coverage;
    private final Map<Object, Object> derived = new ConcurrentHashMap<>();

    private InMemoryInventory(Collection<Resource> resources, CoveragePolicy coverage) {
        this.coverage = coverage;
        // building the indexes is a serial stretch of a scan, between reading and checking: the index by id and the one
        // by parent are built on threads of their own meanwhile
        boolean async = resources.size() >= ASYNC_MIN_RESOURCES;
        CompletableFuture<Map<String, Resource>> ids = started(async, () -> byKey(resources));
        CompletableFuture<Map<String, List<Resource>>> children = started(async, () -> byParentAndType(resources));
        try {
            this.byType = byType(resources);
            this.keyVaultsByHost = indexKeyVaults(byType.getOrDefault(typeKey(KeyVaultKeyUri.VAULT_TYPE), List.of()));
        } catch (RuntimeException | Error e) {
            // the other threads' work is of no use now, but what went wrong there is said too
            for (CompletableFuture<?> task : List.of(ids, children)) {
                try {
                    joined(task);
                } catch (RuntimeException | Error also) {
                    if (also != e) {
                        e.addSuppressed(also);
                    }
                }
            }
            throw e;
        }
        this.byParentAndType = joined(children);
        this.byId = joined(ids);
    }

    /** {@code task} run on a thread of its own when {@code async}, else here and now. */
    private static <T> CompletableFuture<T> started(boolean async, java.util.function.Supplier<T> task) {
        if (!async) {
            try {
                return CompletableFuture.completedFuture(task.get());
            } catch (RuntimeException | Error e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        // not the common pool: on two processors it has one thread, which the sorts below use too
        return CompletableFuture.supplyAsync(task, runnable -> {
            Thread thread = new Thread(runnable, "lensix-index");
            thread.setDaemon(true);
            thread.start();
        });
    }

    private static Map<String, List<Resource>> byType(Collection<Resource> resources) {
        Map<String, List<Resource>> types = new HashMap<>();
        // a tenant has a few dozen spellings of types: each is lower-cased once
        Map<String, String> typeKeys = new HashMap<>();
        for (Resource resource : resources) {
            String type = typeKeys.computeIfAbsent(resource.type(), InMemoryInventory::typeKey);
            types.computeIfAbsent(type, key -> new ArrayList<>()).add(resource);
        }
        return sortedById(types);
    }

    private static Map<String, List<Resource>> byParentAndType(Collection<Resource> resources) {
        Map<String, List<Resource>> children = new HashMap<>();
        Map<String, String> typeKeys = new HashMap<>();
        for (Resource resource : resources) {
            if (resource.parentId().isPresent()) {
                String type = typeKeys.computeIfAbsent(resource.type(), InMemoryInventory::typeKey);
                children.computeIfAbsent(childKey(resource.parentId().get(), type), key -> new ArrayList<>())
                        .add(resource);
            }
        }
        return sortedById(children);
    }

    /** What {@code task} gave; what it threw (running out of memory, say) thrown again as it was. */
    private static <T> T joined(CompletableFuture<T> task) {
        try {
            return task.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    /** By {@link Resource#key()}; of two resources with one key, the later. */
    private static Map<String, Resource> byKey(Collection<Resource> resources) {
        Map<String, Resource> ids = new HashMap<>(resources.size() * 4 / 3 + 1);
        for (Resource resource : resources) {
            ids.put(resource.key(), resource);
        }
        return Collections.unmodifiableMap(ids);
    }

    private static Map<String, List<Resource>> sortedById(Map<String, List<Resource>> lists) {
        // the lists are sorted on every processor: with tens of thousands of resources a type this is most of indexing,
        // and the reading threads that had the other processors are done
        lists.values().parallelStream().forEach(InMemoryInventory::sortByKey);
        Map<String, List<Resource>> sorted = new HashMap<>(lists.size() * 4 / 3 + 1);
        lists.forEach((key, list) -> sorted.put(key, Collections.unmodifiableList(list)));
        return Collections.unmodifiableMap(sorted);
    }

    /**
     * Sorts in {@link #KEY_ORDER}. The keys of one type share long prefixes (subscription, group, provider), and the
     * quick JIT compares Strings a character at a time: compared as Latin-1 bytes, eight at a time, the sort takes a
     * fraction of the time. Keys beyond Latin-1 are compared as Strings.
     */
    private static void sortByKey(List<Resource> list) {
        if (list.size() < 2) {
            return; // many lists of children hold one resource
        }
        Keyed[] keyed = new Keyed[list.size()];
        for (int i = 0; i < keyed.length; i++) {
            Resource resource = list.get(i);
            String key = resource.key();
            for (int c = 0; c < key.length(); c++) {
                if (key.charAt(c) > 0xFF) {
                    list.sort(KEY_ORDER);
                    return;
                }
            }
            keyed[i] = new Keyed(key.getBytes(StandardCharsets.ISO_8859_1), resource);
        }
        // for Latin-1 text, String.compareTo is this unsigned comparison of the bytes
        Arrays.sort(keyed, (a, b) -> {
            int order = Arrays.compareUnsigned(a.key, b.key);
            return order != 0 ? order : a.resource.id().compareTo(b.resource.id());
        });
        for (int i = 0; i < keyed.length; i++) {
            list.set(i, keyed[i].resource);
        }
    }

    private record Keyed(byte[] key, Resource resource) {
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
        return new InMemoryInventory(resources, CoverageRule.typesSeen(typesSeen, resources)::coverage);
    }

    /** The inventory of what an input yielded, with the input's coverage. */
    public static InMemoryInventory of(Collected collected) {
        return new InMemoryInventory(collected.resources(), collected::coverage);
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
        return byParentAndType.getOrDefault(childKey(parent.id(), typeKey(childType)), List.of());
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

    private static String childKey(String parentId, String typeKey) {
        return ResourceIds.key(parentId) + "|" + typeKey;
    }
}
