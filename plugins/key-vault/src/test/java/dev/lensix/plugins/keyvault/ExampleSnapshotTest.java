package dev.lensix.plugins.keyvault;

import dev.lensix.api.check.Check;
import dev.lensix.testkit.CheckTester;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The example tenant in {@code examples/} is what the README's first command scans and what the end-to-end tests
 * run on: every Key Vault check must give exactly the verdicts the examples README lists.
 */
class ExampleSnapshotTest {

    private static final Path EXAMPLES = Path.of("../../examples");
    private static final Path EXPECTED = Path.of("src/test/resources/examples");

    static Stream<Arguments> checks() {
        return Stream.of(new KvNoSoftDeleteCheck(), new KvNoPurgeProtectCheck(), new KvNoLoggingCheck(),
                new KvKeyNoRotationCheck()).map(check -> Arguments.of(check.descriptor().id(), check));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checks")
    void givesTheDocumentedVerdictForEveryResource(String id, Check check) {
        CheckTester.assertVerdicts(CheckTester.of(check).runOnFiles(EXAMPLES), EXPECTED.resolve(id + ".expected.json"));
    }
}
