package dev.lensix.input.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lensix.api.input.Collected;
import dev.lensix.api.input.CollectionLedger;
import dev.lensix.api.report.ScanProblem;
import dev.lensix.api.resource.Resource;
import dev.lensix.api.resource.ResourceIds;
import dev.lensix.input.azure.ArmClient.ArmException;
import dev.lensix.input.azure.ArmTypes.ArmType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One collection run: lists every planned type in every subscription, following {@code nextLink}, and for
 * each resource listed reads the children and extension resources the plan asks for, all as tasks on the
 * {@link FairScheduler}. Every collection (a type at a scope) ends in the ledger as collected, or as not
 * collected with the reason; what was read before a failure is kept.
 */
final class LiveCollection {

    private final ArmClient client;
    private final CollectionPlan plan;
    private final FairScheduler scheduler;
    private final LiveStats stats;

    private final Map<String, Resource> resources = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<CollectionLedger.Entry> ledger = new ConcurrentLinkedQueue<>();
    private final Map<String, Misplaced> misplaced = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> openPerSubscription = new ConcurrentHashMap<>();
    private final AtomicReference<ArmException> signInFailure = new AtomicReference<>();

    LiveCollection(ArmClient client, CollectionPlan plan, FairScheduler scheduler, LiveStats stats) {
        this.client = client;
        this.plan = plan;
        this.scheduler = scheduler;
        this.stats = stats;
    }

    /** Collects the plan in {@code subscriptions}; a sign-in failure is rethrown, any other failure is recorded. */
    Collected run(List<String> subscriptions) throws ArmException, InterruptedException {
        stats.subscriptions.set(subscriptions.size());
        for (String subscription : subscriptions) {
            String scope = CollectionLedger.subscriptionScope(subscription);
            for (Map.Entry<String, String> unsupported : plan.unsupported().entrySet()) {
                ledger.add(CollectionLedger.Entry.notCollected(unsupported.getKey(), scope, unsupported.getValue()));
            }
            AtomicInteger open = openPerSubscription.computeIfAbsent(key(subscription), k -> new AtomicInteger());
            open.incrementAndGet(); // held until every listing of the subscription is queued
            for (ArmType type : plan.subscriptionTypes()) {
                Job job = new Job(type, scope, subscription);
                submitPage(job, client.url(type.path(subscription)));
            }
            release(subscription);
        }
        scheduler.awaitIdle();
        if (signInFailure.get() != null) {
            throw signInFailure.get();
        }
        List<ScanProblem> problems = new ArrayList<>();
        misplaced.forEach((type, found) -> problems.add(new ScanProblem("azure", found.count.get() + " " + type
                + " returned by ARM have an id that does not name the resource they were read from (first: "
                + found.example + "), so checks may not find them")));
        return new Collected(subscriptions.stream().map(CollectionLedger::subscriptionScope).toList(),
                List.copyOf(resources.values()), CollectionLedger.of(List.copyOf(ledger)), problems);
    }

    /** One collection: resources of a type at a scope, made of one or more requests. */
    private final class Job {
        final ArmType type;
        final String scope;
        final String subscription;
        final AtomicInteger outstanding = new AtomicInteger();
        final AtomicReference<String> failure = new AtomicReference<>();

        Job(ArmType type, String scope, String subscription) {
            this.type = type;
            this.scope = scope;
            this.subscription = subscription;
            openPerSubscription.computeIfAbsent(key(subscription), k -> new AtomicInteger()).incrementAndGet();
        }

        void fail(String reason) {
            failure.compareAndSet(null, reason);
        }

        /** One request of the job is done; the last one records the job in the ledger. */
        void done() {
            if (outstanding.decrementAndGet() == 0) {
                String reason = failure.get();
                if (reason == null) {
                    ledger.add(CollectionLedger.Entry.collected(type.type(), scope));
                } else {
                    stats.failedCollections.incrementAndGet();
                    ledger.add(CollectionLedger.Entry.notCollected(type.type(), scope, reason));
                }
                release(subscription);
            }
        }
    }

    private void release(String subscription) {
        if (openPerSubscription.get(key(subscription)).decrementAndGet() == 0) {
            stats.subscriptionsDone.incrementAndGet();
        }
    }

    private void submitPage(Job job, String url) {
        job.outstanding.incrementAndGet();
        scheduler.submit(key(job.subscription), () -> {
            try {
                if (signInFailure.get() != null) {
                    job.fail("not read: sign-in failed");
                    return;
                }
                readPage(job, url);
            } catch (ArmException e) {
                if (e.signIn()) {
                    signInFailure.compareAndSet(null, e);
                }
                job.fail(notFoundMeansEmpty(job, e) ? null : e.getMessage());
            } catch (RuntimeException e) {
                job.fail("lensix could not read the answer: " + e);
            } finally {
                job.done();
            }
        });
    }

    /** A provider namespace not registered in a subscription holds no resources of it: the listing is empty. */
    private static boolean notFoundMeansEmpty(Job job, ArmException e) {
        return job.type.kind() == ArmTypes.Kind.SUBSCRIPTION && e.code().equals("missingsubscriptionregistration");
    }

    private void readPage(Job job, String url) throws ArmException {
        JsonNode body = client.get(url);
        if (job.type.kind() == ArmTypes.Kind.SINGLETON) {
            accept(job, body);
            return;
        }
        JsonNode items = body.get("value");
        if (items == null || !items.isArray()) {
            throw new ArmException(200, "ARM answered the listing without a \"value\" array", false);
        }
        for (JsonNode item : items) {
            accept(job, item);
        }
        JsonNode nextLink = body.get("nextLink");
        if (nextLink != null && nextLink.isTextual() && !nextLink.asText().isBlank()) {
            submitPage(job, nextLink.asText());
        }
    }

    /** Keeps one item as ARM returned it, then queues what the plan reads per resource of its type. */
    private void accept(Job job, JsonNode item) throws ArmException {
        if (!item.isObject() || !item.path("id").isTextual() || item.path("id").asText().isBlank()) {
            throw new ArmException(200, "ARM returned a " + job.type.type() + " without an id", false);
        }
        ObjectNode json = (ObjectNode) item;
        JsonNode type = json.get("type");
        if (type == null || !type.isTextual() || type.asText().isBlank()) {
            // ARM leaves "type" empty on some diagnostic settings: the listing says what they are
            json.put("type", job.type.type());
        }
        Resource resource = Resource.of(json);
        if (job.type.underScope() && job.type.kind() != ArmTypes.Kind.SUBSCRIPTION) {
            Optional<String> parent = resource.parentId();
            if (parent.isEmpty() || !ResourceIds.key(parent.get()).equals(ResourceIds.key(job.scope))) {
                misplaced.computeIfAbsent(job.type.type(), k -> new Misplaced(resource.id() + " read from " + job.scope))
                        .count.incrementAndGet();
            }
        }
        if (resources.putIfAbsent(resource.key(), resource) == null) {
            stats.resources.incrementAndGet();
        }
        if (!job.type.detailPointer().isEmpty() && json.at(job.type.detailPointer()).isMissingNode()) {
            submitDetail(job, resource);
        }
        for (ArmType child : plan.childrenOf(job.type.type())) {
            Job childJob = new Job(child, resource.id(), job.subscription);
            submitPage(childJob, client.url(child.path(resource.id())));
        }
    }

    /** GETs one item that its listing gave without a property a GET has ({@code rotationPolicy} of a key). */
    private void submitDetail(Job job, Resource listed) {
        job.outstanding.incrementAndGet();
        scheduler.submit(key(job.subscription), () -> {
            try {
                JsonNode full = client.get(client.url(listed.id() + "?api-version=" + job.type.apiVersion()));
                if (!full.isObject() || !full.path("id").isTextual()) {
                    throw new ArmException(200, "ARM answered the GET of " + listed.id() + " without a resource", false);
                }
                ObjectNode json = (ObjectNode) full;
                if (!json.path("type").isTextual() || json.path("type").asText().isBlank()) {
                    json.put("type", job.type.type());
                }
                resources.put(listed.key(), Resource.of(json));
            } catch (ArmException e) {
                if (e.signIn()) {
                    signInFailure.compareAndSet(null, e);
                }
                job.fail("the GET of " + listed.name() + " failed: " + e.getMessage());
            } catch (RuntimeException e) {
                job.fail("the GET of " + listed.name() + " gave no usable resource: " + e.getMessage());
            } finally {
                job.done();
            }
        });
    }

    private static String key(String subscription) {
        return subscription.toLowerCase(Locale.ROOT);
    }

    private static final class Misplaced {
        final String example;
        final AtomicInteger count = new AtomicInteger();

        Misplaced(String example) {
            this.example = example;
        }
    }
}
