package dev.lensix.testkit;

import dev.lensix.api.check.Check;
import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Severity;
import dev.lensix.api.check.Verdict;
import dev.lensix.api.resource.Inventory;
import dev.lensix.api.resource.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The mutation test catches a check that decides from data it did not read, and passes one that keeps the rule. */
class MissingDataMutationsTest {

    private static final String VAULT = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/";
    private static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("test_purge")
            .title("purge protection").severity(Severity.MEDIUM).service("key-vault")
            .targetType("Microsoft.KeyVault/vaults").description("d").rationale("r")
            .remediation(dev.lensix.api.check.Remediation.of("turn it on")).build();

    /** Reads the property raw and records it as a note: a vault exported without properties FAILs. */
    private static final class CarelessCheck implements Check {
        public CheckDescriptor descriptor() {
            return DESCRIPTOR;
        }

        public Verdict evaluate(Resource vault, Inventory inventory) {
            boolean on = vault.at("/properties/enablePurgeProtection").asBoolean(false);
            Evidence evidence = Evidence.builder().note(vault, "properties.enablePurgeProtection", String.valueOf(on)).build();
            return on ? Verdict.pass("on", evidence) : Verdict.fail("off", evidence);
        }
    }

    /** Reads through the typed accessor: what is not known becomes ERROR. */
    private static final class CarefulCheck implements Check {
        public CheckDescriptor descriptor() {
            return DESCRIPTOR;
        }

        public Verdict evaluate(Resource vault, Inventory inventory) {
            Evidence.Builder evidence = Evidence.builder();
            boolean on = evidence.bool(vault, "/properties/enablePurgeProtection").orElse(false);
            return on ? Verdict.pass("on", evidence.build()) : Verdict.fail("off", evidence.build());
        }
    }

    @Test
    void aCheckThatDecidesFromWhatIsNotThereIsCaught(@TempDir Path folder) throws Exception {
        Path snapshot = writeCase(folder);
        List<String> problems = new MissingDataMutations(CheckTester.of(new CarelessCheck())).problems(snapshot);
        assertThat(problems).anySatisfy(problem -> assertThat(problem)
                .contains("kv-on: with properties of " + VAULT + "kv-on removed, PASS became FAIL"));
        assertThat(problems).anySatisfy(problem -> assertThat(problem)
                .contains("properties.enablePurgeProtection of " + VAULT + "kv-on replaced by a string, PASS became FAIL"));
    }

    @Test
    void aCheckThatKeepsTheRulePasses(@TempDir Path folder) throws Exception {
        Path snapshot = writeCase(folder);
        MissingDataMutations mutations = new MissingDataMutations(CheckTester.of(new CarefulCheck()));
        assertThat(mutations.problems(snapshot)).isEmpty();
        assertThat(mutations.applied()).isGreaterThan(4);
    }

    private static Path writeCase(Path folder) throws Exception {
        Path snapshot = folder.resolve("vaults.json");
        Files.writeString(snapshot, """
                [{"id": "%1$skv-on", "type": "Microsoft.KeyVault/vaults", "properties": {"enablePurgeProtection": true}},
                 {"id": "%1$skv-off", "type": "Microsoft.KeyVault/vaults", "properties": {"enablePurgeProtection": false}}]
                """.formatted(VAULT));
        return snapshot;
    }
}
