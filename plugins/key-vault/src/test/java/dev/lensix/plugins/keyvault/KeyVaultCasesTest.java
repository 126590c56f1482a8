package dev.lensix.plugins.keyvault;

import dev.lensix.testkit.CheckTester;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Every branch of the four Key Vault checks as data: each {@code cases/<check id>/NAME.json} snapshot is run through
 * its check and compared with {@code NAME.expected.json} beside it. The {@code ms-*} cases hold Microsoft's own
 * example bodies, unchanged (see {@link MicrosoftExamplesTest}).
 */
class KeyVaultCasesTest {

    private static final Path CASES = Path.of("src/test/resources/cases");

    @TestFactory
    Stream<DynamicTest> kvNoSoftDelete() {
        return CheckTester.of(new KvNoSoftDeleteCheck()).casesIn(CASES.resolve("kv_nosoftdelete"));
    }

    @TestFactory
    Stream<DynamicTest> kvNoPurgeProtect() {
        return CheckTester.of(new KvNoPurgeProtectCheck()).casesIn(CASES.resolve("kv_nopurgeprotect"));
    }

    @TestFactory
    Stream<DynamicTest> kvNoLogging() {
        return CheckTester.of(new KvNoLoggingCheck()).casesIn(CASES.resolve("kv_nologging"));
    }

    @TestFactory
    Stream<DynamicTest> kvKeyNoRotation() {
        return CheckTester.of(new KvKeyNoRotationCheck()).casesIn(CASES.resolve("kv_key_norotation"));
    }

    @TestFactory
    Stream<DynamicTest> notKnownRule() {
        return Stream.of(
                CheckTester.of(new KvNoSoftDeleteCheck()).mutationsIn(CASES.resolve("kv_nosoftdelete")),
                CheckTester.of(new KvNoPurgeProtectCheck()).mutationsIn(CASES.resolve("kv_nopurgeprotect")),
                CheckTester.of(new KvNoLoggingCheck()).mutationsIn(CASES.resolve("kv_nologging")),
                CheckTester.of(new KvKeyNoRotationCheck()).mutationsIn(CASES.resolve("kv_key_norotation")))
                .flatMap(tests -> tests);
    }
}
