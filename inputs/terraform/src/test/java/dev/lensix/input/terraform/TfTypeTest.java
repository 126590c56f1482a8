package dev.lensix.input.terraform;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TfTypeTest {

    @Test
    void typesAreDeclaredAsPathTypePairs() {
        assertThat(TfType.declared("""
                purge_protection_enabled bool, encryption list,
                encryption.*.key_id string"""))
                .isEqualTo(Map.of("purge_protection_enabled", TfType.BOOL, "encryption", TfType.LIST,
                        "encryption.*.key_id", TfType.STRING));
    }

    @Test
    void aPairThatIsNotPathAndTypeIsRefused() {
        assertThatThrownBy(() -> TfType.declared("purge_protection_enabled")).hasMessageContaining("not PATH TYPE");
        assertThatThrownBy(() -> TfType.declared("purge_protection_enabled boolean")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aValueFitsOnlyItsOwnJsonType() {
        assertThat(TfType.BOOL.fits(BooleanNode.TRUE)).isTrue();
        assertThat(TfType.BOOL.fits(TextNode.valueOf("true"))).isFalse();
        assertThat(TfType.STRING.fits(TextNode.valueOf("true"))).isTrue();
    }
}
