package dev.lensix.api.resource;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lensix.api.report.ResourceRef;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SharedStringsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void anEqualStringComesBackAsTheOneKept() {
        SharedStrings table = new SharedStrings(10, 100);
        String first = new String("rg-prod");
        String second = new String("rg-prod");
        assertThat(table.shared(first)).isSameAs(first);
        assertThat(table.shared(second)).isSameAs(first);
    }

    @Test
    void pastItsLimitATableHandsBackWhatItIsGiven() {
        SharedStrings table = new SharedStrings(2, 100);
        table.shared("a");
        table.shared("b");
        String third = new String("c");
        assertThat(table.shared(third)).isSameAs(third);
        assertThat(table.shared(new String("c"))).as("not kept").isNotSameAs(third).isEqualTo("c");
        assertThat(table.shared(new String("a"))).isSameAs(table.shared("a"));
    }

    @Test
    void aStringLongerThanTheTablesLongestIsNotKept() {
        SharedStrings table = new SharedStrings(10, 5);
        String longer = new String("abcdef");
        assertThat(table.shared(longer)).isSameAs(longer);
        assertThat(table.shared(new String("abcdef"))).isNotSameAs(longer);
        String fits = new String("abcde");
        assertThat(table.shared(new String("abcde"))).isEqualTo(fits);
        assertThat(table.shared(fits)).isNotSameAs(fits).isEqualTo("abcde");
    }

    @Test
    void resultsOfOneGroupNameItOnce() throws Exception {
        String group = "/subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333/resourceGroups/rg-shared/providers/";
        ResourceRef one = ResourceRef.of(Resource.of(MAPPER.readTree("""
                {"id": "%sMicrosoft.KeyVault/vaults/kv-1", "type": "Microsoft.KeyVault/vaults", "name": "kv-1", "location": "westeurope"}"""
                .formatted(group))));
        ResourceRef two = ResourceRef.of(Resource.of(MAPPER.readTree("""
                {"id": "%sMicrosoft.KeyVault/vaults/kv-2", "type": "Microsoft.KeyVault/vaults", "name": "kv-2", "location": "westeurope"}"""
                .formatted(group))));
        assertThat(one.resourceGroup()).isEqualTo("rg-shared").isSameAs(two.resourceGroup());
        assertThat(one.subscriptionId()).isEqualTo("0b1f6471-1bf0-4dda-aec3-111122223333").isSameAs(two.subscriptionId());
        assertThat(one.location()).isSameAs(two.location());
    }
}
