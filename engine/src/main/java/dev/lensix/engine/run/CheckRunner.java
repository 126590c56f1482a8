package dev.lensix.engine.run;

import dev.lensix.api.check.Check;
import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Status;
import dev.lensix.api.check.Verdict;
import dev.lensix.api.report.ResourceRef;
import dev.lensix.api.report.Result;
import dev.lensix.api.resource.Inventory;
import dev.lensix.api.resource.Resource;
import dev.lensix.engine.inventory.InMemoryInventory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates every check on every resource of its target type. Each evaluation is isolated: whatever a
 * check throws becomes an ERROR result for that check and resource, and the scan goes on. Results come
 * sorted by check id, then resource id, so reports diff cleanly between runs.
 */
public final class CheckRunner {

    public static final Comparator<Result> RESULT_ORDER = Comparator
            .comparing((Result result) -> result.check().id())
            .thenComparing(result -> result.resource().id(), InMemoryInventory.ID_ORDER);

    public List<Result> run(List<Check> checks, Inventory inventory) {
        List<Result> results = new ArrayList<>();
        for (Check check : checks) {
            CheckDescriptor descriptor = check.descriptor();
            for (Resource resource : inventory.ofType(descriptor.targetType())) {
                evaluate(check, descriptor, resource, inventory).ifPresent(results::add);
            }
        }
        results.sort(RESULT_ORDER);
        return results;
    }

    private static Optional<Result> evaluate(Check check, CheckDescriptor descriptor, Resource resource,
                                                       Inventory inventory) {
        Verdict verdict;
        try {
            if (!check.appliesTo(resource, inventory)) {
                return Optional.empty();
            }
            verdict = check.evaluate(resource, inventory);
            if (verdict == null) {
                verdict = Verdict.error("check " + descriptor.id() + " returned no verdict", Evidence.none());
            }
        } catch (Exception | LinkageError | StackOverflowError | AssertionError e) {
            // Exception: checked ones arrive too (sneaky throws, other JVM languages); AssertionError: "unreachable" code
            verdict = Verdict.error("check " + descriptor.id() + " failed: " + describe(e), Evidence.none());
        }
        return Optional.of(toResult(descriptor, resource, verdict));
    }

    static Result toResult(CheckDescriptor descriptor, Resource resource, Verdict verdict) {
        return new Result(descriptor, ResourceRef.of(resource), verdict.status(),
                verdict.severity().orElse(descriptor.severity()), verdict.message(), verdict.evidence());
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        String name = e.getClass().getName();
        return message == null || message.isBlank() ? name : name + ": " + message.lines().findFirst().orElse("");
    }

    /** True when any result is of {@code status}. */
    public static boolean any(List<Result> results, Status status) {
        return results.stream().anyMatch(result -> result.status() == status);
    }
}
