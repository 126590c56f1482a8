package dev.lensix.reporters.csv;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One CSV row at a time: each cell made {@linkplain CsvCells#safe safe}, quoted as commons-csv quotes it with
 * {@link CsvReporter#FORMAT}, and encoded as UTF-8 into a reused buffer that is written whole at the row's end.
 *
 * <p>A cell of ASCII text without control characters other than TAB, LF and CR (nearly every cell) is neutralised,
 * quoted and encoded in one pass over its characters, without a String or a builder; any other cell goes through
 * {@link CsvCells#safe} and commons-csv. {@code CsvCellWritingTest} holds the two to the same bytes.
 *
 * <pre>{@code
 * CsvRow row = new CsvRow(out);
 * row.cell("rsv_nobyok");
 * row.cell("a \"quoted\" message, with a comma");
 * row.end();   // rsv_nobyok,"a ""quoted"" message, with a comma"\r\n
 * }</pre>
 */
final class CsvRow {

    private final OutputStream file;
    private byte[] bytes = new byte[4096];
    private int length;
    private boolean first = true;

    CsvRow(OutputStream file) {
        this.file = file;
    }

    void cell(String value) throws IOException {
        if (!appendedAsAscii(value)) {
            StringBuilder text = new StringBuilder(value.length() + 8);
            CsvReporter.FORMAT.print(CsvCells.safe(value), text, first);
            append(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        first = false;
    }

    void cells(List<String> values) throws IOException {
        for (String value : values) {
            cell(value);
        }
    }

    /** Cells already made safe, quoted and encoded, each with the comma before it. */
    void raw(byte[] cells) {
        append(cells);
        first = false;
    }

    void end() throws IOException {
        room(2);
        bytes[length++] = '\r';
        bytes[length++] = '\n';
        file.write(bytes, 0, length);
        length = 0;
        first = true;
    }

    /**
     * Appends {@code value} as commons-csv's minimal quoting writes it (after {@link CsvCells#safe}), when it is ASCII
     * with no control character but TAB, LF and CR; returns false, having appended nothing, for any other text. The
     * rules, the library's: an empty cell is quoted when it starts the record; any other when its first character (the
     * neutraliser's, when one is put in front) is up to {@code #}, its last up to a space, or it holds a comma, a quote,
     * CR or LF; a quote inside is doubled.
     */
    boolean appendedAsAscii(String value) {
        int count = value.length();
        room(2 * count + 4);
        int at = length;
        if (!first) {
            bytes[at++] = ',';
        }
        int open = at++; // where the opening quote goes, if there is one
        boolean quoted;
        if (count == 0) {
            quoted = first;
        } else {
            char lead = value.charAt(0);
            boolean neutralised = lead == '=' || lead == '+' || lead == '-' || lead == '@' || lead == '\t'
                    || lead == '\r' || lead == '\n';
            if (neutralised) {
                bytes[at++] = (byte) CsvCells.NEUTRALISER;
            }
            quoted = !neutralised && lead <= '#';
            char c = 0;
            for (int i = 0; i < count; i++) {
                c = value.charAt(i);
                if (c >= 0x20 && c < 0x7F) {
                    if (c == '"') {
                        bytes[at++] = '"';
                        quoted = true;
                    } else if (c == ',') {
                        quoted = true;
                    }
                } else if (c == '\n' || c == '\r') {
                    quoted = true;
                } else if (c != '\t') {
                    return false;
                }
                bytes[at++] = (byte) c;
            }
            quoted |= c <= ' ';
        }
        if (quoted) {
            bytes[open] = '"';
            bytes[at++] = '"';
        } else {
            System.arraycopy(bytes, open + 1, bytes, open, at - open - 1);
            at--;
        }
        length = at;
        return true;
    }

    private void append(byte[] cells) {
        room(cells.length);
        System.arraycopy(cells, 0, bytes, length, cells.length);
        length += cells.length;
    }

    private void room(int more) {
        if (bytes.length - length < more) {
            bytes = java.util.Arrays.copyOf(bytes, Math.max(length + more, 2 * bytes.length));
        }
    }
}
