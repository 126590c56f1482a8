package dev.lensix.input.azure;

import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Severity;
import dev.lensix.api.input.Collected;
import dev.lensix.engine.testing.LambdaCheck;
import dev.lensix.input.azure.emulator.ArmEmulator;
import dev.lensix.input.azure.emulator.EmulatedTenant;
import dev.lensix.input.azure.emulator.EmulatorAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static dev.lensix.input.azure.emulator.EmulatedTenant.CONFIG_TYPE;
import static dev.lensix.input.azure.emulator.EmulatedTenant.DIAG_TYPE;
import static dev.lensix.input.azure.emulator.EmulatedTenant.KEY_TYPE;
import static dev.lensix.input.azure.emulator.EmulatedTenant.KV_TYPE;
import static dev.lensix.input.azure.emulator.EmulatedTenant.RSV_TYPE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live-collection benchmark: an emulated tenant of 20 subscriptions, each with 100 Recovery Services
 * vaults (and their backup encryption configs) and 100 Key Vaults holding 5 keys and a diagnostic setting
 * each, 50 ms of latency on every request and ARM's read throttling (250 per subscription, refilled at 25 per
 * second). Not a timed test: it runs only when asked for, prints its figures and writes them to
 * {@code target/live-benchmark.md}.
 *
 * <pre>mvn -B -pl inputs/azure -am test -Dtest=LiveCollectorBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dlensix.benchmark=true</pre>
 *
 * Sizes can be changed with {@code -Dlensix.benchmark.subscriptions=}, {@code .vaults=}, {@code .latencyMs=} and
 * {@code .concurrency=}.
 */
@EnabledIfSystemProperty(named = "lensix.benchmark", matches = "true")
class LiveCollectorBenchmark {

    @Test
    void collectTheEmulatedTenant() throws Exception {
        int subscriptions = Integer.getInteger("lensix.benchmark.subscriptions", 20);
        int vaults = Integer.getInteger("lensix.benchmark.vaults", 100);
        int latencyMs = Integer.getInteger("lensix.benchmark.latencyMs", 50);
        int concurrency = Integer.getInteger("lensix.benchmark.concurrency", LiveSettings.DEFAULT_CONCURRENCY);
        EmulatedTenant tenant = EmulatedTenant.generated(subscriptions, vaults, vaults, 5, true, true);
        List<CheckDescriptor> checks = List.of(
                LambdaCheck.descriptor("rsv_bench", Severity.HIGH, RSV_TYPE, CONFIG_TYPE),
                LambdaCheck.descriptor("kv_bench", Severity.MEDIUM, KV_TYPE, KEY_TYPE, DIAG_TYPE));

        try (ArmEmulator emulator = ArmEmulator.builder(tenant).latency(Duration.ofMillis(latencyMs))
                .armThrottling(true).pageSize(50).start();
             AutoCloseable access = EmulatorAccess.install(emulator)) {
            LiveSettings settings = LiveSettings.parse(List.of(), null, "default", "AzureCloud",
                    emulator.endpoint().toString(), concurrency);
            long started = System.nanoTime();
            Collected collected;
            LiveStats.Snapshot stats;
            try (AzureCollector collector = AzureCollector.connect(settings, "lensix/test")) {
                collected = collector.collect(checks);
                stats = collector.stats().snapshot();
            }
            double wall = (System.nanoTime() - started) / 1e9;
            long requests = emulator.requests();
            double lowerBound = requests * (latencyMs / 1000.0) / concurrency;
            // ARM's quota: after the first 250 reads a subscription gets 25 a second
            long busiest = emulator.log().stream().filter(r -> r.path().startsWith("/subscriptions/"))
                    .collect(java.util.stream.Collectors.groupingBy(r -> r.path().split("/")[2],
                            java.util.stream.Collectors.counting()))
                    .values().stream().mapToLong(Long::longValue).max().orElse(0);
            double quotaBound = Math.max(0, (busiest - 250) / 25.0);
            long notCollected = collected.ledger().entries().stream().filter(e -> !e.coverage().collected()).count();
            // what the checks need: the subscription list, 2 pages of each listing per subscription, and per vault
            // its config, its key listing and its diagnostic settings
            long needed = 1 + (long) subscriptions * (2 * pages(vaults, 50) + 3L * vaults);
            String report = String.format(Locale.ROOT, """
                    | figure | value |
                    |---|---|
                    | tenant | %d subscriptions x (%d Recovery Services vaults + %d Key Vaults with 5 keys and a diagnostic setting each) |
                    | latency per request, concurrency | %d ms, %d |
                    | resources collected | %d |
                    | requests made (the emulator's count) | %d (lensix counted %d; the checks need %d) |
                    | requests per resource | %.3f |
                    | TLS connections opened | %d |
                    | 429s received | %d |
                    | failed requests, collections not collected | %d, %d |
                    | lensix's own throttle waits (summed over requests) | %.1f s |
                    | wall time | %.1f s |
                    | lower bound (requests x latency / concurrency) | %.1f s |
                    | wall time / lower bound | %.2f |
                    | ARM quota bound (busiest subscription: %d reads, 250 at once then 25/s) | %.1f s |
                    """, subscriptions, vaults, vaults, latencyMs, concurrency, collected.resources().size(), requests,
                    stats.requests(), needed, (double) requests / collected.resources().size(), emulator.connections(),
                    emulator.throttled(),
                    stats.connectionErrors() + stats.serverErrors(), notCollected, stats.throttleWaitMillis() / 1000.0,
                    wall, lowerBound, wall / lowerBound, busiest, quotaBound);
            System.out.println(report);
            Files.writeString(Path.of("target", "live-benchmark.md"), report);
            assertThat(notCollected).isZero();
            assertThat(collected.resources()).hasSize(subscriptions * (2 * vaults + 7 * vaults));
            assertThat(requests).isEqualTo(needed);
        }
    }

    private static int pages(int items, int pageSize) {
        return Math.max(1, (items + pageSize - 1) / pageSize);
    }
}
