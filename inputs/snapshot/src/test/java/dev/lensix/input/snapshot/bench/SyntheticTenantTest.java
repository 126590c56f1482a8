package dev.lensix.input.snapshot.bench;

import dev.lensix.api.resource.Resource;
import dev.lensix.input.snapshot.Snapshot;
import dev.lensix.input.snapshot.SnapshotReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's tenant generator: deterministic, the size asked for, a realistic mix, and valid lensix input. */
class SyntheticTenantTest {

    private static byte[] tenant(long resources, long seed) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SyntheticTenant.write(resources, seed, out);
        return out.toByteArray();
    }

    @Test
    void theSameSizeAndSeedGiveTheSameBytes() throws Exception {
        assertThat(tenant(3_000, 7)).isEqualTo(tenant(3_000, 7));
        assertThat(tenant(3_000, 7)).isNotEqualTo(tenant(3_000, 8));
    }

    @Test
    void mostResourcesAreOfTypesNoCheckReadsAndEveryReadTypeIsThere(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tenant.json");
        Map<String, Long> mix = SyntheticTenant.write(20_000, 7, file);

        assertThat(mix.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(20_000);
        long read = mix.entrySet().stream().filter(e -> SyntheticTenant.isRead(e.getKey())).mapToLong(Map.Entry::getValue).sum();
        assertThat(read).isBetween(20_000L * 3 / 100, 20_000L * 10 / 100);
        assertThat(mix).containsKeys(SyntheticTenant.RSV, SyntheticTenant.RSV_CONFIG, SyntheticTenant.KV, SyntheticTenant.KEY,
                SyntheticTenant.DIAG, SyntheticTenant.ROLE_ASSIGNMENT, SyntheticTenant.ROLE_DEFINITION,
                "Microsoft.Compute/virtualMachines", "Microsoft.Compute/disks", "Microsoft.Network/networkInterfaces",
                "Microsoft.Storage/storageAccounts");
        assertThat(mix.get("Microsoft.Compute/disks")).isGreaterThan(mix.get(SyntheticTenant.RSV) * 10);

        // lensix reads it, keeps exactly the types the checks read, and sees every type
        Snapshot snapshot = new SnapshotReader(type -> SyntheticTenant.isRead(canonical(type, mix))).read(List.of(file));
        assertThat((long) snapshot.resources().size()).isEqualTo(read);
        assertThat(snapshot.typesSeen()).hasSize(mix.size());
        Map<String, Long> kept = snapshot.resources().stream().collect(Collectors.groupingBy(Resource::type, Collectors.counting()));
        kept.forEach((type, count) -> assertThat(count).as(type).isEqualTo(mix.get(type)));
    }

    @Test
    void theDenseMixIsAboutAThirdWhatTheChecksRead() throws Exception {
        Map<String, Long> mix = SyntheticTenant.write(20_000, 7, SyntheticTenant.Mix.DENSE, new ByteArrayOutputStream());
        assertThat(mix.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(20_000);
        long read = mix.entrySet().stream().filter(e -> SyntheticTenant.isRead(e.getKey())).mapToLong(Map.Entry::getValue).sum();
        assertThat(read).isBetween(20_000L * 25 / 100, 20_000L * 40 / 100);
        assertThat(mix.get(SyntheticTenant.KV)).isGreaterThan(mix.get("Microsoft.Compute/virtualMachines") / 4);
    }

    /** The generator's spelling of a lower-cased type. */
    private static String canonical(String lowerCased, Map<String, Long> mix) {
        return mix.keySet().stream().filter(type -> type.toLowerCase(Locale.ROOT).equals(lowerCased)).findFirst().orElse(lowerCased);
    }
}
