package dev.lensix.engine.run;

import dev.lensix.api.check.Check;
import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Severity;
import dev.lensix.api.check.Verdict;
import dev.lensix.api.report.Result;
import dev.lensix.api.resource.Resource;
import dev.lensix.engine.inventory.InMemoryInventory;
import dev.lensix.engine.testing.LambdaCheck;
import dev.lensix.engine.testing.Resources;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.lensix.engine.testing.TestPlugins.TYPE;

/**
 * Run by {@link ContainmentTest} in a JVM with a small heap: a check that keeps every array it allocates, on one
 * resource, between two well-behaved checks. Prints one line per result.
 */
public final class OutOfMemoryMain {

    private OutOfMemoryMain() {
    }

    public static void main(String[] args) {
        List<Resource> widgets = List.of(Resources.named(TYPE, "w1"), Resources.named(TYPE, "w2"), Resources.named(TYPE, "w3"));
        Check hog = LambdaCheck.of("hog", Severity.LOW, TYPE, (resource, inventory) -> {
            if (resource.name().equals("w2")) {
                List<long[]> kept = new ArrayList<>();
                while (true) {
                    kept.add(new long[1 << 16]);
                }
            }
            return Verdict.pass("fine", Evidence.none());
        });
        Check before = LambdaCheck.of("a_after", Severity.LOW, TYPE, (r, i) -> Verdict.pass("fine", Evidence.none()));
        Check after = LambdaCheck.of("z_after", Severity.LOW, TYPE, (r, i) -> Verdict.pass("fine", Evidence.none()));
        List<Result> results = new CheckRunner(Duration.ofSeconds(30)).run(List.of(before, hog, after), InMemoryInventory.of(widgets));
        for (Result result : results) {
            System.out.println(result.checkId() + " " + result.resource().name() + " " + result.status() + " " + result.message());
        }
    }
}
