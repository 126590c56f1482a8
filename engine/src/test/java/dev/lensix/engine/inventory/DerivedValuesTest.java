package dev.lensix.engine.inventory;

import dev.lensix.api.resource.Inventory;
import dev.lensix.api.resource.Resource;
import dev.lensix.engine.testing.Resources;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/** {@link Inventory#derived}: an index a check builds once per scan instead of once per resource. */
class DerivedValuesTest {

    private static final Object COUNT = new Object();
    private static final Object OTHER = new Object();

    @Test
    void aDerivedValueIsComputedOncePerInventoryAndKeyed() {
        List<Resource> resources = List.of(Resources.named("Microsoft.KeyVault/vaults", "kv1"),
                Resources.named("Microsoft.KeyVault/vaults", "kv2"));
        InMemoryInventory inventory = InMemoryInventory.of(resources);
        AtomicInteger computed = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            int size = inventory.derived(COUNT, inv -> {
                computed.incrementAndGet();
                return inv.ofType("Microsoft.KeyVault/vaults").size();
            });
            assertThat(size).isEqualTo(2);
        }
        assertThat(computed).hasValue(1);
        assertThat(inventory.<String>derived(OTHER, inv -> "other")).isEqualTo("other");
        // another scan's inventory computes its own
        assertThat(InMemoryInventory.of(resources.subList(0, 1)).<Integer>derived(COUNT,
                inv -> inv.ofType("Microsoft.KeyVault/vaults").size())).isEqualTo(1);
    }

    @Test
    void aNullDerivedValueIsRefused() {
        assertThatNullPointerException().isThrownBy(() -> InMemoryInventory.of(List.of()).derived(COUNT, inv -> null));
    }
}
