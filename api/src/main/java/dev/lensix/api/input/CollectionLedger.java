package dev.lensix.api.input;

import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Observation;
import dev.lensix.api.check.Status;
import dev.lensix.api.report.ResourceRef;
import dev.lensix.api.report.Result;
import dev.lensix.api.resource.Coverage;
import dev.lensix.api.resource.Inventory;
import dev.lensix.api.resource.Resource;
import dev.lensix.api.resource.ResourceIds;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which collections were made for which scope, and which could not be: "the Recovery Services vaults of
 * subscription S were listed", "the keys of vault V could not be read: HTTP 403 ...". A live scan records
 * one entry per listing it attempted; {@code lensix collect} writes them into its snapshot header, and the
 * snapshot reader reads them back, so a scan of the file sees exactly the coverage the live scan saw.
 *
 * <p>Coverage of a type for a resource is the entry for that type at the resource itself (children and
 * extension resources: keys, diagnostic settings, role assignments), else at the resource's subscription
 * (types listed per subscription). A type recorded for neither was not collected.
 *
 * <pre>{@code
 * CollectionLedger ledger = CollectionLedger.of(List.of(
 *         Entry.collected("Microsoft.KeyVault/vaults", CollectionLedger.subscriptionScope(subscriptionId)),
 *         Entry.notCollected("Microsoft.KeyVault/vaults/keys", vault.id(), "HTTP 403: the identity may not list keys")));
 * Coverage keys = ledger.coverage("Microsoft.KeyVault/vaults/keys", vault);   // not collected, with the reason
 * }</pre>
 */
public final class CollectionLedger {

    /** The scope of a tenant-wide collection. */
    public static final String TENANT = "/";
    /** What a subscription-scoped gap result names as its resource type. */
    public static final String SUBSCRIPTION_TYPE = "Microsoft.Resources/subscriptions";

    public static final CollectionLedger EMPTY = new CollectionLedger(List.of());

    private static final int MAX_REASON = 400;

    /**
     * One collection: resources of {@code type} under {@code scope} (a subscription as
     * {@code /subscriptions/ID}, or a resource id for its children and extension resources).
     */
    public record Entry(String type, String scope, Coverage coverage) {
        public Entry {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(coverage, "coverage");
        }

        public static Entry collected(String type, String scope) {
            return new Entry(type, scope, Coverage.COLLECTED);
        }

        public static Entry notCollected(String type, String scope, String reason) {
            return new Entry(type, scope, Coverage.notCollected(oneLine(reason)));
        }
    }

    private static final Comparator<Entry> ORDER = Comparator
            .comparing((Entry entry) -> typeKey(entry.type()))
            .thenComparing(entry -> ResourceIds.key(entry.scope()));

    private final List<Entry> entries;
    private final Map<String, Entry> byKey;

    private CollectionLedger(List<Entry> entries) {
        Map<String, Entry> keyed = new LinkedHashMap<>();
        for (Entry entry : entries) {
            // the same collection recorded twice (two snapshot files): one that succeeded is what counts
            keyed.merge(key(entry.type(), entry.scope()), entry,
                    (earlier, later) -> earlier.coverage().collected() ? earlier : later);
        }
        List<Entry> sorted = new ArrayList<>(keyed.values());
        sorted.sort(ORDER);
        this.entries = List.copyOf(sorted);
        this.byKey = Map.copyOf(keyed);
    }

    public static CollectionLedger of(Collection<Entry> entries) {
        return entries.isEmpty() ? EMPTY : new CollectionLedger(List.copyOf(entries));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Every entry, sorted by type and scope. */
    public List<Entry> entries() {
        return entries;
    }

    /** The entry for {@code type} at {@code scope} itself, else at its subscription; empty when neither was recorded. */
    public Optional<Coverage> find(String type, Resource scope) {
        Entry exact = byKey.get(key(type, scope.id()));
        if (exact != null) {
            return Optional.of(exact.coverage());
        }
        Optional<Entry> bySubscription = scope.subscriptionId()
                .map(subscription -> byKey.get(key(type, subscriptionScope(subscription))));
        if (bySubscription.isPresent()) {
            return Optional.of(bySubscription.get().coverage());
        }
        return Optional.ofNullable(byKey.get(key(type, TENANT))).map(Entry::coverage);
    }

    /** As {@link #find}, and not collected when nothing was recorded. */
    public Coverage coverage(String type, Resource scope) {
        return find(type, scope).orElseGet(() -> Coverage.notCollected(type + " was not collected for this scope"));
    }

    /**
     * ERROR results for what a check could not see at all: for every collection of its target type, or of
     * a parent type of it, that failed (the vaults of a subscription that answered 403 hide the vaults and their
     * keys), one result on the scope that was not read.
     * Without them a subscription that could not be listed would simply have no results.
     */
    public List<Result> gapResults(List<CheckDescriptor> checks, Inventory inventory) {
        List<Result> results = new ArrayList<>();
        for (CheckDescriptor check : checks) {
            for (Entry entry : entries) {
                if (entry.coverage().collected() || !covers(entry.type(), check.targetType())) {
                    continue;
                }
                ResourceRef scope = scopeRef(entry.scope(), inventory);
                String where = scope.type().equals(SUBSCRIPTION_TYPE) ? "subscription " + scope.name()
                        : entry.scope().equals(TENANT) ? "the tenant" : scope.id();
                String message = (typeKey(entry.type()).equals(typeKey(check.targetType())) ? check.targetType()
                        : check.targetType() + " (under " + entry.type() + ")") + " could not be collected in " + where
                        + ", so it was not checked: " + entry.coverage().reason();
                Evidence evidence = new Evidence(List.of(new Observation(entry.scope(), "collection of " + entry.type(),
                        "not collected (" + entry.coverage().reason() + ")", true)));
                results.add(new Result(check, scope, Status.ERROR, check.severity(), message, evidence));
            }
        }
        return results;
    }

    /** A failed collection of {@code collected} hides resources of {@code target}: the same type, or a child type of it. */
    private static boolean covers(String collected, String target) {
        String parent = typeKey(collected);
        String child = typeKey(target);
        return child.equals(parent) || child.startsWith(parent + "/");
    }

    private static ResourceRef scopeRef(String scope, Inventory inventory) {
        Optional<Resource> known = scope.equals(TENANT) ? Optional.empty() : inventory.byId(scope);
        if (known.isPresent()) {
            return ResourceRef.of(known.get());
        }
        Optional<String> subscription = ResourceIds.subscriptionId(scope);
        if (subscription.isPresent() && ResourceIds.key(scope).equals(ResourceIds.key(subscriptionScope(subscription.get())))) {
            return new ResourceRef(scope, SUBSCRIPTION_TYPE, subscription.get(), subscription.get(), "", "");
        }
        return new ResourceRef(scope, "", ResourceIds.lastSegment(scope), subscription.orElse(""),
                ResourceIds.resourceGroup(scope).orElse(""), "");
    }

    public static String subscriptionScope(String subscriptionId) {
        return "/subscriptions/" + subscriptionId;
    }

    /** A reason fit for one line of a report: no line breaks, at most a few hundred characters. */
    public static String oneLine(String reason) {
        String line = reason == null || reason.isBlank() ? "unknown reason" : reason.strip().replaceAll("\\s+", " ");
        return line.length() <= MAX_REASON ? line : line.substring(0, MAX_REASON - 3) + "...";
    }

    private static String key(String type, String scope) {
        return typeKey(type) + "|" + ResourceIds.key(scope);
    }

    private static String typeKey(String type) {
        return type.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CollectionLedger that && entries.equals(that.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "CollectionLedger" + entries;
    }
}
