package dev.lensix.engine.run;

import dev.lensix.api.check.Check;
import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Severity;
import dev.lensix.api.check.Status;
import dev.lensix.api.check.Verdict;
import dev.lensix.api.report.Result;
import dev.lensix.api.resource.Origin;
import dev.lensix.api.resource.Resource;
import dev.lensix.api.resource.SourceLocation;
import dev.lensix.engine.inventory.InMemoryInventory;
import dev.lensix.engine.testing.LambdaCheck;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static dev.lensix.engine.testing.Resources.parse;
import static dev.lensix.engine.testing.Resources.resource;
import static org.assertj.core.api.Assertions.assertThat;

class CheckRunnerTest {

    private static final String RG = "/subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333/resourceGroups/rg1";
    private static final String VAULTS = "Microsoft.KeyVault/vaults";
    private static final String KV = RG + "/providers/Microsoft.KeyVault/vaults/";

    private final Resource kvB = resource(KV + "kv-B", VAULTS);
    private final Resource kva = resource(KV + "kv-a", VAULTS);
    private final Resource kvC = resource(KV.toUpperCase() + "KV-C", "MICROSOFT.KEYVAULT/VAULTS");
    private final Resource storage = resource(RG + "/providers/Microsoft.Storage/storageAccounts/sa", "Microsoft.Storage/storageAccounts");
    private final InMemoryInventory inventory = InMemoryInventory.of(List.of(kvB, storage, kvC, kva));

    private static LambdaCheck passing(String id) {
        return LambdaCheck.of(id, Severity.MEDIUM, VAULTS, (r, i) -> Verdict.pass("ok " + r.name(), Evidence.none()));
    }

    private static List<String> lines(List<Result> results) {
        return results.stream().map(r -> r.checkId() + " " + r.resource().name() + " " + r.status()).toList();
    }

    @Test
    void resultsAreOrderedByCheckIdThenResourceIdIgnoringCase() {
        List<Check> checks = List.of(passing("b_check"), passing("a_check"));
        List<Result> results = new CheckRunner().run(checks, inventory);
        assertThat(lines(results)).containsExactly(
                "a_check kv-a PASS", "a_check kv-B PASS", "a_check KV-C PASS",
                "b_check kv-a PASS", "b_check kv-B PASS", "b_check KV-C PASS");
        // and the same order however the inputs were ordered
        InMemoryInventory shuffled = InMemoryInventory.of(List.of(kva, kvC, storage, kvB));
        assertThat(new CheckRunner().run(List.of(checks.get(1), checks.get(0)), shuffled)).isEqualTo(results);
    }

    @Test
    void resultsOfOneCheckAreReorderedWhereLowerCasingAnIdOrdersItOtherwise() {
        // lower-cased, U+0130 becomes "i" and a combining dot, which sorts after "b": the inventory lists kvib first;
        // compared ignoring case it is "i", and then "a" comes before "b"
        Resource dotted = resource(KV + "kv\u0130a", VAULTS);
        Resource plain = resource(KV + "kvib", VAULTS);
        InMemoryInventory twoVaults = InMemoryInventory.of(List.of(plain, dotted));
        assertThat(twoVaults.ofType(VAULTS)).containsExactly(plain, dotted);

        List<Result> results = new CheckRunner().run(List.of(passing("b_check"), passing("a_check")), twoVaults);
        assertThat(lines(results)).containsExactly(
                "a_check kv\u0130a PASS", "a_check kvib PASS", "b_check kv\u0130a PASS", "b_check kvib PASS");
    }

    @Test
    void resultsOfTwoChecksWithOneIdAreMergedInResourceOrder() {
        LambdaCheck failing = LambdaCheck.of("a_check", Severity.MEDIUM, VAULTS, (r, i) -> Verdict.fail("no " + r.name(), Evidence.none()));
        List<Result> results = new CheckRunner().run(List.of(passing("b_check"), passing("a_check"), failing), inventory);
        assertThat(lines(results)).containsExactly(
                "a_check kv-a PASS", "a_check kv-a FAIL", "a_check kv-B PASS", "a_check kv-B FAIL",
                "a_check KV-C PASS", "a_check KV-C FAIL", "b_check kv-a PASS", "b_check kv-B PASS", "b_check KV-C PASS");
    }

    @Test
    void eachCheckIsTimedOverAllItsResourcesAndACheckWithNoneIsNot() {
        LambdaCheck slow = LambdaCheck.of("slow_check", Severity.LOW, VAULTS, (r, i) -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Verdict.pass("ok", Evidence.none());
        });
        LambdaCheck nothingToDo = LambdaCheck.of("vm_check", Severity.LOW, "Microsoft.Compute/virtualMachines",
                (r, i) -> Verdict.pass("ok", Evidence.none()));
        CheckRunner.Timed timed = new CheckRunner().runTimed(List.of(slow, passing("quick_check"), nothingToDo), inventory);
        assertThat(timed.durations()).containsOnlyKeys("slow_check", "quick_check");
        assertThat(timed.durations().get("slow_check")).as("three vaults, 20 ms each").isGreaterThanOrEqualTo(Duration.ofMillis(60));
        assertThat(timed.results()).isEqualTo(new CheckRunner().run(List.of(slow, passing("quick_check"), nothingToDo), inventory));
    }

    @Test
    void aResourceThatMayNotBeDeployedAtAllGetsErrorWhateverTheCheckMakesOfIt() {
        String reason = "not known: the resource is deployed only if its condition holds, which is known only at deployment";
        Resource maybe = Resource.declared(parse("""
                {"id": "%s", "type": "Microsoft.KeyVault/vaults", "name": "kv-maybe", "properties": {"enableSoftDelete": true}}"""
                        .formatted(KV + "kv-maybe")).json(),
                new Origin("main.json", "kv-maybe", new SourceLocation("main.json", 3, 5, 9), Map.of()),
                Map.of("", reason, "/properties", reason));
        LambdaCheck noLogging = LambdaCheck.of("kv_nologging", Severity.MEDIUM, VAULTS,
                (r, i) -> Verdict.fail("no diagnostic setting", Evidence.none()));
        List<Result> results = new CheckRunner().run(List.of(noLogging, passing("kv_other")), InMemoryInventory.of(List.of(maybe)));
        assertThat(results).hasSize(2).allSatisfy(result -> {
            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.message()).isEqualTo("Microsoft.KeyVault/vaults kv-maybe cannot be evaluated: whether it is"
                    + " deployed at all is " + reason);
            assertThat(result.evidence().observations()).singleElement()
                    .satisfies(observation -> assertThat(observation.value()).contains(reason));
        });
    }

    @Test
    void evaluatesOnlyTheTargetTypeCaseInsensitively() {
        LambdaCheck storageCheck = LambdaCheck.of("sa_check", Severity.LOW, "microsoft.storage/STORAGEACCOUNTS",
                (r, i) -> Verdict.fail("public", Evidence.none()));
        assertThat(lines(new CheckRunner().run(List.of(storageCheck), inventory))).containsExactly("sa_check sa FAIL");
    }

    @Test
    void resultCarriesCheckResourceAndVerdict() {
        Resource vault = parse("""
                {"id": "%s", "type": "Microsoft.KeyVault/vaults", "name": "kv-named", "location": "northeurope",
                 "properties": {"enablePurgeProtection": false}}""".formatted(KV + "kv-named"));
        LambdaCheck check = LambdaCheck.of("kv_purge", Severity.HIGH, VAULTS, (r, i) -> {
            Evidence.Builder evidence = Evidence.builder();
            evidence.read(r, "/properties/enablePurgeProtection");
            return Verdict.fail("purge protection is off", evidence.build());
        });
        Result result = new CheckRunner().run(List.of(check), InMemoryInventory.of(List.of(vault))).get(0);
        assertThat(result.check()).isSameAs(check.descriptor());
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.severity()).isEqualTo(Severity.HIGH);
        assertThat(result.message()).isEqualTo("purge protection is off");
        assertThat(result.evidence().summary()).isEqualTo("properties.enablePurgeProtection = false");
        assertThat(result.resource().id()).isEqualTo(vault.id());
        assertThat(result.resource().type()).isEqualTo(VAULTS);
        assertThat(result.resource().name()).isEqualTo("kv-named");
        assertThat(result.resource().subscriptionId()).isEqualTo("0b1f6471-1bf0-4dda-aec3-111122223333");
        assertThat(result.resource().resourceGroup()).isEqualTo("rg1");
        assertThat(result.resource().location()).isEqualTo("northeurope");
    }

    @Test
    void resourceTheCheckDoesNotApplyToGetsNoResultAtAll() {
        LambdaCheck check = LambdaCheck.of(LambdaCheck.descriptor("picky", Severity.LOW, VAULTS),
                (r, i) -> !r.name().equalsIgnoreCase("kv-b"),
                (r, i) -> Verdict.fail("bad", Evidence.none()));
        assertThat(lines(new CheckRunner().run(List.of(check), inventory)))
                .containsExactly("picky kv-a FAIL", "picky KV-C FAIL");
    }

    @Test
    void nullVerdictIsAnError() {
        LambdaCheck check = LambdaCheck.of("silent", Severity.LOW, VAULTS, (r, i) -> null);
        assertThat(new CheckRunner().run(List.of(check), inventory)).hasSize(3).allSatisfy(result -> {
            assertThat(result.status()).isEqualTo(Status.ERROR);
            assertThat(result.message()).isEqualTo("check silent returned no verdict");
            assertThat(result.severity()).isEqualTo(Severity.LOW);
        });
    }

    @Test
    void severityOverrideFromTheVerdictIsApplied() {
        LambdaCheck check = LambdaCheck.of("ctx", Severity.MEDIUM, VAULTS, (r, i) -> r.name().equals("kv-a")
                ? Verdict.fail("worse here", Evidence.none()).withSeverity(Severity.CRITICAL)
                : Verdict.fail("normal", Evidence.none()));
        assertThat(new CheckRunner().run(List.of(check), inventory)).extracting(Result::severity)
                .containsExactly(Severity.CRITICAL, Severity.MEDIUM, Severity.MEDIUM);
    }

    @Test
    void anythingACheckThrowsIsAnErrorForThatResourceOnly() {
        List<Supplier<Throwable>> throwables = List.of(
                () -> new IllegalStateException("broken state\nsecond line of detail"),
                () -> new NullPointerException(),
                () -> new AssertionError("unreachable branch"),
                () -> new IOException("checked, thrown sneakily"),
                () -> new NoClassDefFoundError("com/example/Missing"),
                () -> new StackOverflowError());
        for (Supplier<Throwable> supplier : throwables) {
            Throwable thrown = supplier.get();
            LambdaCheck check = LambdaCheck.of("thrower", Severity.LOW, VAULTS, (r, i) -> {
                if (r.name().equals("kv-B")) {
                    throw CheckRunnerTest.<RuntimeException>sneaky(thrown);
                }
                return Verdict.pass("ok", Evidence.none());
            });
            List<Result> results = new CheckRunner().run(List.of(check, passing("zz_after")), inventory);
            assertThat(lines(results)).as("for %s", thrown).containsExactly(
                    "thrower kv-a PASS", "thrower kv-B ERROR", "thrower KV-C PASS",
                    "zz_after kv-a PASS", "zz_after kv-B PASS", "zz_after KV-C PASS");
            Result error = results.get(1);
            assertThat(error.message()).startsWith("check thrower failed: " + thrown.getClass().getName())
                    .doesNotContain("\n");
            if (thrown.getMessage() != null) {
                assertThat(error.message()).contains(thrown.getMessage().lines().findFirst().orElseThrow());
            }
            assertThat(error.evidence().isEmpty()).isTrue();
        }
    }

    @Test
    void appliesToThatThrowsIsAnErrorToo() {
        LambdaCheck check = LambdaCheck.of(LambdaCheck.descriptor("fussy", Severity.LOW, VAULTS),
                (r, i) -> {
                    throw new IllegalArgumentException("cannot decide");
                },
                (r, i) -> Verdict.pass("ok", Evidence.none()));
        assertThat(new CheckRunner().run(List.of(check), inventory)).hasSize(3)
                .allSatisfy(result -> assertThat(result.message()).contains("cannot decide"))
                .extracting(Result::status).containsOnly(Status.ERROR);
    }

    @Test
    void eachResourceIsEvaluatedOnce() {
        AtomicInteger calls = new AtomicInteger();
        LambdaCheck check = LambdaCheck.of("counter", Severity.LOW, VAULTS, (r, i) -> {
            calls.incrementAndGet();
            return Verdict.pass("ok", Evidence.none());
        });
        new CheckRunner().run(List.of(check), inventory);
        assertThat(calls).hasValue(3);
    }

    @Test
    void noChecksOrNoResourcesMeansNoResults() {
        assertThat(new CheckRunner().run(List.of(), inventory)).isEmpty();
        assertThat(new CheckRunner().run(List.of(passing("a_check")), InMemoryInventory.of(List.of()))).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable e) throws E {
        throw (E) e;
    }
}
