package dev.lensix.reporters.csv;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The CSV writer's shortcut for plain cells writes exactly what commons-csv writes for them. */
class CsvCellWritingTest {

    private static String byTheLibrary(String cell, boolean first) throws IOException {
        StringBuilder out = new StringBuilder();
        CsvReporter.FORMAT.print(cell, out, first);
        return out.toString();
    }

    private static List<String> cells() {
        List<String> cells = new ArrayList<>(List.of("", " ", "#", "#x", "$x", "x ", " x", "x\t", "a,b", "a\"b", "a\rb", "a\nb",
                "rsv_nobyok", "PASS", "/subscriptions/0b1f/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-1",
                "Microsoft.KeyVault/vaults", "'=1+2", "properties.x = \"y\"", "é", "kv-\uD83D\uDD11", "a;b", "a'b", "!x", "\"", ","));
        Random random = new Random(20261207);
        String alphabet = "ab#$ ,\"\r\n\t'=-+@é;:/";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder cell = new StringBuilder();
            for (int length = random.nextInt(6); length > 0; length--) {
                cell.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            cells.add(cell.toString());
        }
        return cells;
    }

    @Test
    void aCellTheShortcutTakesIsOneTheLibraryWritesAsItIs() throws IOException {
        int taken = 0;
        for (String cell : cells()) {
            if (CsvReporter.writtenAsIs(cell)) {
                taken++;
                assertThat(byTheLibrary(cell, true)).as(cell).isEqualTo(cell);
                assertThat(byTheLibrary(cell, false)).as(cell).isEqualTo("," + cell);
            }
        }
        assertThat(taken).as("the shortcut is taken at all").isGreaterThan(1000);
    }

    @Test
    void cellsTheLibraryQuotesAreLeftToIt() {
        for (String cell : List.of("", " x", "x ", "#x", "a,b", "a\"b", "a\nb", "a\rb", "\tx")) {
            assertThat(CsvReporter.writtenAsIs(cell)).as("[" + cell + "]").isFalse();
        }
    }
}
