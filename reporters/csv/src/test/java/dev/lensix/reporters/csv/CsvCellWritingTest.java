package dev.lensix.reporters.csv;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The CSV writer's ASCII path writes exactly what commons-csv writes for every cell, after {@link CsvCells#safe}. */
class CsvCellWritingTest {

    private static List<String> cells() {
        List<String> cells = new ArrayList<>(List.of("", " ", "#", "#x", "$x", "x ", " x", "x\t", "a,b", "a\"b", "a\rb", "a\nb",
                "rsv_nobyok", "PASS", "/subscriptions/0b1f/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-1",
                "Microsoft.KeyVault/vaults", "'=1+2", "properties.x = \"y\"", "é", "kv-\uD83D\uDD11", "a;b", "a'b", "!x", "\"", ","));
        Random random = new Random(20261207);
        String alphabet = "ab#$ ,\"\r\n\t'=-+@é;:/\u0000\u001b\u007f\u0085\u2026\uFFFE\uD800\uDD11";
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
    void aCellTheAsciiPathTakesIsWrittenAsTheLibraryWritesIt() throws IOException {
        int taken = 0;
        for (String cell : cells()) {
            for (boolean first : new boolean[] {true, false}) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                CsvRow row = new CsvRow(out);
                if (!first) {
                    row.cell("x");
                }
                if (row.appendedAsAscii(cell)) {
                    taken++;
                    row.end();
                    List<String> cells = first ? List.of(cell) : List.of("x", cell);
                    assertThat(out.toByteArray()).as("[%s]", cell).isEqualTo(rowByTheLibrary(cells));
                }
            }
        }
        assertThat(taken).as("the ASCII path is taken at all").isGreaterThan(1000);
    }

    private static byte[] row(List<String> cells) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvRow row = new CsvRow(out);
        row.cells(cells);
        row.end();
        return out.toByteArray();
    }

    private static byte[] rowByTheLibrary(List<String> cells) throws IOException {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            CsvReporter.FORMAT.print(CsvCells.safe(cells.get(i)), out, i == 0);
        }
        return out.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyCellIsWrittenAsTheLibraryWritesItsSafeText() throws IOException {
        List<String> cells = cells();
        for (String cell : cells) {
            assertThat(row(List.of(cell))).as("first [%s]", cell).isEqualTo(rowByTheLibrary(List.of(cell)));
            assertThat(row(List.of("x", cell))).as("after another [%s]", cell).isEqualTo(rowByTheLibrary(List.of("x", cell)));
        }
        assertThat(row(cells)).as("all in one row").isEqualTo(rowByTheLibrary(cells));
    }

    @Test
    void aLongCellGrowsTheRow() throws IOException {
        String evidence = "properties.x = \"" + "y".repeat(100_000) + "\"\n=next";
        assertThat(row(List.of("=1", evidence, ""))).isEqualTo(rowByTheLibrary(List.of("=1", evidence, "")));
    }

    @Test
    void cellsTheLibraryQuotesAreWrittenAsItWritesThem() throws IOException {
        for (String cell : List.of("", " x", "x ", "#x", "a,b", "a\"b", "a\nb", "a\rb", "\tx")) {
            assertThat(row(List.of(cell))).as("[" + cell + "]").isEqualTo(rowByTheLibrary(List.of(cell)));
            assertThat(row(List.of("x", cell))).as("[" + cell + "]").isEqualTo(rowByTheLibrary(List.of("x", cell)));
        }
    }
}
