package dev.lensix.api.check;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one-line remediation a CSV row carries: the line given, else the first sentence, on one line, at most 200 characters. */
class RemediationOneLineTest {

    @Test
    void theFirstSentenceOnOneLine() {
        assertThat(Remediation.of("Turn purge protection on. It is irreversible: once on, it stays on.").oneLine())
                .isEqualTo("Turn purge protection on.");
        assertThat(Remediation.of("Encrypt the backups\nwith a customer-managed key in three steps:\n1. Create a key").oneLine())
                .isEqualTo("Encrypt the backups with a customer-managed key in three steps…");
        assertThat(Remediation.of("Point the vault at https://kv.vault.azure.net/keys/k (version-less).").oneLine())
                .isEqualTo("Point the vault at https://kv.vault.azure.net/keys/k (version-less).");
    }

    @Test
    void aLongSentenceIsCutBetweenWordsAndNeverSplitsACharacter() {
        String words = "word ".repeat(100);
        assertThat(Remediation.of(words).oneLine()).hasSizeLessThanOrEqualTo(Remediation.ONE_LINE_MAX).endsWith("word…");
        String emoji = "\uD83D\uDD11".repeat(150);
        String cut = Remediation.of(emoji).oneLine();
        assertThat(cut).hasSizeLessThanOrEqualTo(Remediation.ONE_LINE_MAX).endsWith("…");
        assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 2))).isFalse();
    }

    @Test
    void aLineGivenOutrightIsTheOneLineAndSurvivesTheOtherParts() {
        Remediation remediation = Remediation.of("Encrypt the backups in three steps:\n1. Create a key")
                .withOneLine("Encrypt the backups with a key from a Key Vault with purge protection.")
                .withAzureCli("az backup vault encryption update ...").withTerraform("key_id = ...").withAzurePolicy("2e94d99a");
        assertThat(remediation.oneLine()).isEqualTo("Encrypt the backups with a key from a Key Vault with purge protection.");
        assertThat(remediation.asPlainText()).startsWith("Encrypt the backups in three steps:").doesNotContain("purge protection.");
    }

    @Test
    void aLineGivenMustBeOneLineOfAtMostTwoHundredCharacters() {
        Remediation remediation = Remediation.of("Steps.");
        assertThatThrownBy(() -> remediation.withOneLine("two\nlines")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> remediation.withOneLine(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> remediation.withOneLine("x".repeat(Remediation.ONE_LINE_MAX + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 200 characters");
        assertThat(remediation.withOneLine("x".repeat(Remediation.ONE_LINE_MAX)).oneLine()).hasSize(Remediation.ONE_LINE_MAX);
    }
}
