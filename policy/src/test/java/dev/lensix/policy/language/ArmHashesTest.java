package dev.lensix.policy.language;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ArmHashes} against values published by others: Azure's own output, or implementations tested against it. */
class ArmHashesTest {

    static Stream<Arguments> uniqueStrings() {
        return Stream.of(
                // github.com/KingslandConsulting/Kingsland.ArmLinter src/Kingsland.ArmLinter/Functions/ArmFunctions_UniqueString.cs (output of a real ARM deployment)
                Arguments.of(List.of("aaa"), "zavj67f3en4hc"),
                // same file as above
                Arguments.of(List.of("bbb"), "w5eragfxe33cy"),
                // same file as above
                Arguments.of(List.of("zzz"), "cryksdzzzawae"),
                // same file as above
                Arguments.of(List.of("xxx", "yyy", "zzz"), "lghi7k5js7itq"),
                // github.com/takekazuomi/arm-uniquestring README.md (Microsoft's Azure.Deployments.Expression package)
                Arguments.of(List.of("test"), "rbgf3xv4ufgzg"),
                // github.com/cloud-maker-ai/terraform-provider-arm2tf internal/provider/resource_unique_string_test.go
                Arguments.of(List.of("test", "test2", "test3"), "bqgd334z2uj64"),
                // github.com/Azure/terraform-provider-azapi internal/services/functions/unique_string_function_test.go
                Arguments.of(List.of("/subscriptions/00000000-0000-0000-0000-000000000000", "resource-id"), "cwvxuqg24sifi"),
                // github.com/microsoft/commercial-marketplace-offer-deploy, Modm.Tests.UnitTests.ArmFunctionsTests ("valueFromArmTemplate")
                Arguments.of(List.of("/subscriptions/31e9f9a0-9fd2-4294-a0a3-0101246d9700/resourceGroups/rg-modm201-20230913120256"
                        + "/providers/Microsoft.Compute/virtualMachines/bobjacmodm201"), "yvjxno3je5on2"));
    }

    @ParameterizedTest
    @MethodSource("uniqueStrings")
    void uniqueStringMatchesPublishedValues(List<String> parts, String expected) {
        assertThat(ArmHashes.uniqueString(parts)).isEqualTo(expected);
    }

    @Test
    void guidMatchesPublishedValue() {
        // github.com/cloud-maker-ai/terraform-provider-arm2tf internal/provider/resource_guid_test.go
        assertThat(ArmHashes.guid(List.of("test"))).isEqualTo("d6a5baf1-8b9b-542a-8525-2982f1f98a0c");
    }

    @Test
    void uniqueStringIsThirteenBase32Characters() {
        for (String input : List.of("", "a", "abcdefgh", "abcdefghijklm", "ünïcödé", "/subscriptions/x/resourceGroups/y")) {
            assertThat(ArmHashes.uniqueString(List.of(input))).matches("[a-z2-7]{13}");
        }
    }

    @Test
    void guidIsLowerCaseVersionFiveRfc4122() {
        for (String input : List.of("", "a", "ünïcödé", "/subscriptions/x/resourceGroups/y")) {
            assertThat(ArmHashes.guid(List.of(input)))
                    .matches("[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        }
    }

    @Test
    void sameInputSameOutput() {
        List<String> parts = List.of("/subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333", "rg");
        assertThat(ArmHashes.uniqueString(parts)).isEqualTo(ArmHashes.uniqueString(List.copyOf(parts)));
        assertThat(ArmHashes.guid(parts)).isEqualTo(ArmHashes.guid(List.copyOf(parts)));
    }

    @Test
    void partBoundariesMatter() {
        assertThat(ArmHashes.uniqueString(List.of("ab", "c"))).isNotEqualTo(ArmHashes.uniqueString(List.of("a", "bc")));
        assertThat(ArmHashes.guid(List.of("ab", "c"))).isNotEqualTo(ArmHashes.guid(List.of("a", "bc")));
    }

    @Test
    void partsAreJoinedWithADash() {
        // ARM hashes the parts joined with '-', so a dash inside one part cannot be told from a boundary.
        assertThat(ArmHashes.uniqueString(List.of("a", "b"))).isEqualTo(ArmHashes.uniqueString(List.of("a-b")));
        assertThat(ArmHashes.guid(List.of("a", "b"))).isEqualTo(ArmHashes.guid(List.of("a-b")));
    }

    @Test
    void caseMatters() {
        assertThat(ArmHashes.uniqueString(List.of("ABC"))).isNotEqualTo(ArmHashes.uniqueString(List.of("abc")));
        assertThat(ArmHashes.guid(List.of("ABC"))).isNotEqualTo(ArmHashes.guid(List.of("abc")));
    }

    @Test
    void noPartsIsAnError() {
        assertThatThrownBy(() -> ArmHashes.uniqueString(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArmHashes.guid(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
