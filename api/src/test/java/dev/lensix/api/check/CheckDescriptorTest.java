package dev.lensix.api.check;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckDescriptorTest {

    private static CheckDescriptor.Builder complete(String id) {
        return CheckDescriptor.builder(id).title("t").severity(Severity.HIGH).service("key-vault")
                .targetType("Microsoft.KeyVault/vaults").description("d").rationale("r")
                .remediation(Remediation.of("fix"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsv_nobyok", "kv_nopurgeprotect", "a1"})
    void acceptsLowerCaseIds(String id) {
        assertThat(complete(id).build().id()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSV_NOBYOK", "kv-nologging", "1abc", "a", "_x", "kv nologging", ""})
    void rejectsOtherIds(String id) {
        assertThatThrownBy(() -> complete(id).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + id + "'");
    }

    @Test
    void requiredFieldsAreNamed() {
        assertThatThrownBy(() -> complete("kv_x").title(" ").build()).hasMessage("check kv_x: title is required");
        assertThatThrownBy(() -> complete("kv_x").targetType(null).build()).hasMessage("check kv_x: targetType is required");
        assertThatThrownBy(() -> complete("kv_x").severity(null).build()).isInstanceOf(NullPointerException.class);
    }

    @Test
    void listsAreCopied() {
        CheckDescriptor descriptor = complete("kv_x").reference("https://a").complianceId("CIS 1")
                .relatedType("Microsoft.KeyVault/vaults/keys").build();
        assertThat(descriptor.references()).containsExactly("https://a");
        assertThatThrownBy(() -> descriptor.relatedTypes().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void severityParsesLabelsAndOrders() {
        assertThat(Severity.parse(" High ")).contains(Severity.HIGH);
        assertThat(Severity.parse("none")).isEmpty();
        assertThat(Severity.CRITICAL.isAtLeast(Severity.LOW)).isTrue();
        assertThat(Severity.LOW.isAtLeast(Severity.LOW)).isTrue();
        assertThat(Severity.INFO.isAtLeast(Severity.LOW)).isFalse();
        assertThat(Severity.MEDIUM.label()).isEqualTo("medium");
    }

    @Test
    void verdictSeverityOverride() {
        Verdict verdict = Verdict.fail("m", Evidence.none());
        assertThat(verdict.severity()).isEmpty();
        assertThat(verdict.withSeverity(Severity.CRITICAL).severity()).contains(Severity.CRITICAL);
        assertThat(verdict.withSeverity(Severity.CRITICAL).message()).isEqualTo("m");
    }
}
