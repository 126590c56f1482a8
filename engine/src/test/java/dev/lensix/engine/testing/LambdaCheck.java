package dev.lensix.engine.testing;

import dev.lensix.api.check.Check;
import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Remediation;
import dev.lensix.api.check.Severity;
import dev.lensix.api.check.Verdict;
import dev.lensix.api.resource.Inventory;
import dev.lensix.api.resource.Resource;
import dev.lensix.engine.plugin.LoadedCheck;

import java.util.function.BiFunction;
import java.util.function.BiPredicate;

/** A check made of lambdas, for engine tests that need no plug-in jar. */
public final class LambdaCheck implements Check {

    private final CheckDescriptor descriptor;
    private final BiPredicate<Resource, Inventory> appliesTo;
    private final BiFunction<Resource, Inventory, Verdict> evaluate;

    private LambdaCheck(CheckDescriptor descriptor, BiPredicate<Resource, Inventory> appliesTo,
                        BiFunction<Resource, Inventory, Verdict> evaluate) {
        this.descriptor = descriptor;
        this.appliesTo = appliesTo;
        this.evaluate = evaluate;
    }

    public static CheckDescriptor descriptor(String id, Severity severity, String targetType, String... relatedTypes) {
        CheckDescriptor.Builder builder = CheckDescriptor.builder(id).title("check " + id).severity(severity)
                .service("test").targetType(targetType).description("d").rationale("r")
                .remediation(Remediation.of("fix it"));
        for (String related : relatedTypes) {
            builder.relatedType(related);
        }
        return builder.build();
    }

    public static LambdaCheck of(String id, Severity severity, String targetType,
                                 BiFunction<Resource, Inventory, Verdict> evaluate) {
        return new LambdaCheck(descriptor(id, severity, targetType), (r, i) -> true, evaluate);
    }

    public static LambdaCheck of(CheckDescriptor descriptor, BiPredicate<Resource, Inventory> appliesTo,
                                 BiFunction<Resource, Inventory, Verdict> evaluate) {
        return new LambdaCheck(descriptor, appliesTo, evaluate);
    }

    public LoadedCheck loaded() {
        return new LoadedCheck(this, descriptor, "test-plugin");
    }

    @Override
    public CheckDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public boolean appliesTo(Resource resource, Inventory inventory) {
        return appliesTo.test(resource, inventory);
    }

    @Override
    public Verdict evaluate(Resource resource, Inventory inventory) {
        return evaluate.apply(resource, inventory);
    }
}
