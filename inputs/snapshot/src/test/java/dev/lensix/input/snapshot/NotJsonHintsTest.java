package dev.lensix.input.snapshot;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class NotJsonHintsTest {

    @Test
    void colourCodesAreNamedOnlyWhenTheFileHoldsColourEscapes() {
        byte[] jsonc = "\u001B[1;37m{\u001B[0m\n  \u001B[94m\"id\"\u001B[0m: 1\n".getBytes(StandardCharsets.UTF_8);
        assertThat(NotJsonHints.of(jsonc)).hasValueSatisfying(hint -> assertThat(hint).contains("terminal colour codes"));
        byte[] binary = {0x13, 0x1B, 0x7F, 0x02, 0x1B, 0x41, 0x00, 0x55};
        assertThat(NotJsonHints.of(binary)).as("an ESC byte in binary data is no colour code")
                .isNotEqualTo(NotJsonHints.of(jsonc));
    }
}
