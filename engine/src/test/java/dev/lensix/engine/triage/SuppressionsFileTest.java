package dev.lensix.engine.triage;

import dev.lensix.api.input.InputException;
import dev.lensix.api.report.Suppression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Reading suppressions files: the documented format, and every way a file can be wrong, each refused in one line. */
class SuppressionsFileTest {

    static final LocalDate TODAY = LocalDate.parse("2026-12-06");
    static final Set<String> CHECKS = Set.of("rsv_nobyok", "kv_nosoftdelete", "kv_nopurgeprotect", "kv_nologging");

    @TempDir
    Path dir;

    static final String VALID = """
            # accepted risks of the backup platform
            version: 1
            suppressions:
              - name: dr-vaults-mmk            # required, unique in the file
                checks: [rsv_nobyok]
                resources: ["/subscriptions/*/resourceGroups/rg-dr/**"]
                justification: DR vaults move to CMK with the 2027 platform rebuild
                owner: backup-team@example.com
                expires: 2027-03-31
                category: accepted-risk
                ticket: SEC-1234
              - name: sandbox
                checks: ["kv_*"]
                tags: {Environment: sandbox}
                justification: >
                  Sandbox vaults hold no data and are
                  deleted every night.
                owner: platform team
                expires: "2026-12-31"
                category: mitigated
            """;

    private List<SuppressionEntry> load(String yaml) throws Exception {
        return SuppressionsFile.load(Files.writeString(dir.resolve("s.yaml"), yaml), CHECKS, TODAY, 365);
    }

    @Test
    void theDocumentedFormatReads() throws Exception {
        List<SuppressionEntry> entries = load(VALID);
        assertThat(entries).hasSize(2);
        SuppressionEntry first = entries.get(0);
        assertThat(first.suppression()).isEqualTo(new Suppression("dr-vaults-mmk",
                "DR vaults move to CMK with the 2027 platform rebuild", "backup-team@example.com",
                LocalDate.parse("2027-03-31"), Suppression.Category.ACCEPTED_RISK, java.util.Optional.of("SEC-1234"),
                dir.resolve("s.yaml").toString()));
        assertThat(first.checks()).containsExactly("rsv_nobyok");
        assertThat(first.resources()).singleElement().satisfies(glob -> assertThat(glob.segments())
                .containsExactly("subscriptions", "*", "resourcegroups", "rg-dr", "**"));
        assertThat(first.line()).isEqualTo(4);
        SuppressionEntry second = entries.get(1);
        assertThat(second.tags()).containsExactly(java.util.Map.entry("environment", "sandbox"));
        assertThat(second.suppression().justification()).isEqualTo("Sandbox vaults hold no data and are deleted every night.");
        assertThat(second.suppression().category()).isEqualTo(Suppression.Category.MITIGATED);
        assertThat(second.suppression().ticket()).isEmpty();
    }

    @Test
    void anExpiryInThePastIsAllowedAndAnEmptyListIsNoEntries() throws Exception {
        assertThat(load(VALID.replace("2027-03-31", "2020-01-01")).get(0).activeOn(TODAY)).isFalse();
        assertThat(load("version: 1\nsuppressions: []\n")).isEmpty();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(VALID.replace("    ticket: SEC-1234", "    tiket: SEC-1234"), ":11: unknown key 'tiket' in an entry"),
                Arguments.of(VALID.replace("    justification: DR vaults move to CMK with the 2027 platform rebuild\n", ""),
                        ":4: entry 'dr-vaults-mmk': justification is required"),
                Arguments.of(VALID.replace("justification: DR vaults move to CMK with the 2027 platform rebuild", "justification: \"  \""),
                        ":7: entry 'dr-vaults-mmk': justification is required"),
                Arguments.of(VALID.replace("    expires: 2027-03-31\n", ""), ":4: entry 'dr-vaults-mmk': expires is required"),
                Arguments.of(VALID.replace("    owner: backup-team@example.com\n", ""), ":4: entry 'dr-vaults-mmk': owner is required"),
                Arguments.of(VALID.replace("2027-03-31", "31/03/2027"), ":9: entry 'dr-vaults-mmk': expires '31/03/2027' is not a date"),
                Arguments.of(VALID.replace("2027-03-31", "2027-02-30"), "expires '2027-02-30' is not a date"),
                Arguments.of(VALID.replace("2027-03-31", "2028-01-01"), ":9: entry 'dr-vaults-mmk': expires 2028-01-01 is more than 365 days ahead"),
                Arguments.of(VALID.replace("[rsv_nobyok]", "[rsv_nobyk]"), ":5: entry 'dr-vaults-mmk': checks: unknown check id 'rsv_nobyk'"),
                Arguments.of(VALID.replace("[\"kv_*\"]", "[\"storage_*\"]"), "checks: 'storage_*' matches no check id"),
                Arguments.of(VALID.replace("rg-dr/**", "rg-dr/x**"), ":6: entry 'dr-vaults-mmk': resources: '/subscriptions/*/resourceGroups/rg-dr/x**': ** must be a whole segment"),
                Arguments.of(VALID.replace("\"/subscriptions/*/", "\"subscriptions/*/"), "is not an ARM id pattern: it must start with /"),
                Arguments.of(VALID.replace("rg-dr/**", "rg-[dr]"), "only * and ** are wildcards"),
                Arguments.of(VALID.replace("name: sandbox", "name: dr-vaults-mmk"), ":12: entry name 'dr-vaults-mmk' is already used on line 4"),
                Arguments.of(VALID.replace("category: mitigated", "category: waiver"), "category 'waiver' is not accepted-risk or mitigated"),
                Arguments.of(VALID.replace("    resources: [\"/subscriptions/*/resourceGroups/rg-dr/**\"]\n", ""),
                        "entry 'dr-vaults-mmk': say what it matches: resources (ARM id patterns), tags, or both"),
                Arguments.of(VALID.replace("version: 1", "version: 2"), ":2: version 2 is not supported"),
                Arguments.of(VALID.replace("version: 1\n", ""), "version is missing"),
                Arguments.of(VALID.replace("    owner: platform team\n", "    owner: platform team\n    owner: someone\n"),
                        ":19: key 'owner' is given twice in an entry"),
                Arguments.of("version: 1\nsuppressions:\n  - name: [unclosed\n", ":4: not valid YAML: expected ',' or ']'"),
                Arguments.of("", "file is empty"),
                Arguments.of("- a\n- b\n", "a suppressions file is a mapping with version and suppressions, not a list"),
                Arguments.of("version: 1\nsuppressions: {}\n", "suppressions is a list of entries, not a mapping"),
                Arguments.of(VALID + "---\nversion: 1\n", "holds more than one YAML document"),
                Arguments.of("version: 1\nsuppressions:\n  - !!java.lang.ProcessBuilder [calc]\n", "an entry is a mapping"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalid")
    void anInvalidFileIsOneLineNamingTheFileTheLineAndTheProblem(String yaml, String message) {
        Path file = dir.resolve("s.yaml");
        assertThatThrownBy(() -> load(yaml)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void hostileFilesAreRefusedQuicklyAndInOneLine() throws Exception {
        // a billion laughs: aliases of aliases
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'z'; c++) {
            bomb.append(c).append(": &").append(c).append(" [").append(("*" + (char) (c - 1) + ", ").repeat(9)).append("x]\n");
        }
        byte[] deep = ("version: 1\nsuppressions: " + "[".repeat(200_000) + "]".repeat(200_000) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] huge = ("version: 1\nsuppressions:\n  - name: \"" + "x".repeat(10_000_000) + "\"\n").getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = "version: 1\nsuppressions:\n  - name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        for (byte[] content : List.of(bomb.toString().getBytes(StandardCharsets.UTF_8), deep, huge, latin1)) {
            Path file = Files.write(dir.resolve("hostile.yaml"), content);
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(
                    () -> SuppressionsFile.load(file, CHECKS, TODAY, 365))
                    .isInstanceOf(InputException.class)
                    .hasMessageStartingWith(file.toString())
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(400)));
        }
        assertThatThrownBy(() -> SuppressionsFile.load(Files.write(dir.resolve("h.yaml"), huge), CHECKS, TODAY, 365))
                .hasMessageContaining("larger than 1024 KiB");
        assertThatThrownBy(() -> SuppressionsFile.load(Files.write(dir.resolve("l.yaml"), latin1), CHECKS, TODAY, 365))
                .hasMessageContaining("not UTF-8 text");
        assertThatThrownBy(() -> SuppressionsFile.load(Files.write(dir.resolve("d.yaml"), deep), CHECKS, TODAY, 365))
                .hasMessageContaining("nested too deeply");
    }
}
