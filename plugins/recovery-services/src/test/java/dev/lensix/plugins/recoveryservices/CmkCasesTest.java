package dev.lensix.plugins.recoveryservices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lensix.testkit.CheckTester;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every branch of the three customer-managed-key checks as data: each {@code cases/<check id>/NAME.json} snapshot is
 * run through its check and compared with {@code NAME.expected.json} beside it. Key expiry is judged at a fixed
 * instant, 2026-06-01T00:00:00Z.
 */
class CmkCasesTest {

    static final Clock FIXED = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    private static final Path CASES = Path.of("src/test/resources/cases");
    private static final Path ARM_EXAMPLES = Path.of("src/test/resources/arm-examples");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> rsvCmkUnusable() {
        return CheckTester.of(new RsvCmkUnusableCheck(FIXED)).casesIn(CASES.resolve("rsv_cmk_unusable"));
    }

    @TestFactory
    Stream<DynamicTest> rsvCmkNoAccess() {
        return CheckTester.of(new RsvCmkNoAccessCheck()).casesIn(CASES.resolve("rsv_cmk_noaccess"));
    }

    @TestFactory
    Stream<DynamicTest> rsvCmkPinned() {
        return CheckTester.of(new RsvCmkPinnedCheck()).casesIn(CASES.resolve("rsv_cmk_pinned"));
    }

    @TestFactory
    Stream<DynamicTest> notKnownRule() {
        return Stream.of(
                CheckTester.of(new RsvCmkUnusableCheck(FIXED)).mutationsIn(CASES.resolve("rsv_cmk_unusable")),
                CheckTester.of(new RsvCmkNoAccessCheck()).mutationsIn(CASES.resolve("rsv_cmk_noaccess")),
                CheckTester.of(new RsvCmkPinnedCheck()).mutationsIn(CASES.resolve("rsv_cmk_pinned")))
                .flatMap(tests -> tests);
    }

    /**
     * The ms-* cases must test Microsoft's published bodies, not an edited copy of them. A list page is one input
     * form of its own, so where a case needs more resources beside a listed one it holds the listed element
     * ({@code /value/0}) unchanged.
     */
    @ParameterizedTest
    @CsvSource({
            "rsv_cmk_unusable/ms-patch-key-vault-outside-scope.json, Microsoft.RecoveryServices_vaults.PATCH-200_cmk-system-assigned-kek.2025-02-01.json, ''",
            "rsv_cmk_unusable/ms-patch-key-vault-outside-scope.json, Microsoft.RecoveryServices_vaults.GET_no-cmk.2025-02-01.json, ''",
            "rsv_cmk_unusable/key-vaults-not-collected.json, Microsoft.RecoveryServices_vaults.PUT-200_cmk-user-assigned-identity.2025-02-01.json, ''",
            "rsv_cmk_unusable/ms-key-usable.json, Microsoft.KeyVault_vaults_keys.GET_no-rotationPolicy.2026-02-01.json, ''",
            "rsv_cmk_unusable/ms-vault-props-absent.json, Microsoft.KeyVault_vaults.GET_props-absent.2026-02-01.json, ''",
            "rsv_cmk_unusable/ms-vault-listed-without-properties.json, Microsoft.KeyVault_vaults.LIST-generic-resources_no-properties.api2015-11-01.json, /value/0",
            "rsv_cmk_noaccess/ms-patch-kek-identity-mismatch.json, Microsoft.RecoveryServices_vaults.PATCH-200_cmk-system-assigned-kek.2025-02-01.json, ''",
            "rsv_cmk_noaccess/ms-put-key-vault-outside-scope.json, Microsoft.RecoveryServices_vaults.PUT-200_cmk-user-assigned-identity.2025-02-01.json, ''",
            "rsv_cmk_noaccess/ms-put-with-its-key-vault.json, Microsoft.RecoveryServices_vaults.PUT-200_cmk-user-assigned-identity.2025-02-01.json, ''",
            "rsv_cmk_pinned/ms-bodies.json, Microsoft.RecoveryServices_vaults.PATCH-200_cmk-system-assigned-kek.2025-02-01.json, ''",
            "rsv_cmk_pinned/ms-bodies.json, Microsoft.RecoveryServices_vaults.GET_no-cmk.2025-02-01.json, ''"
    })
    void microsoftCasesHoldTheExampleBodiesUnchanged(String caseFile, String example, String element) throws IOException {
        JsonNode snapshot = MAPPER.readTree(CASES.resolve(caseFile).toFile());
        JsonNode body = MAPPER.readTree(ARM_EXAMPLES.resolve(example).toFile()).at(element);

        assertThat(body.isMissingNode()).isFalse();
        assertThat(contains(snapshot, body)).as("%s holds %s unchanged", caseFile, example).isTrue();
    }

    @Test
    void everyCopiedExampleHasItsProvenanceLine() throws IOException {
        String sources = Files.readString(ARM_EXAMPLES.resolve("SOURCES.txt"));
        try (Stream<Path> files = Files.list(ARM_EXAMPLES)) {
            assertThat(files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".json")))
                    .isNotEmpty()
                    .allSatisfy(name -> assertThat(sources).contains(name + "\n  <- "));
        }
    }

    private static boolean contains(JsonNode tree, JsonNode body) {
        if (tree.equals(body)) {
            return true;
        }
        for (JsonNode child : tree) {
            if (contains(child, body)) {
                return true;
            }
        }
        return false;
    }
}
