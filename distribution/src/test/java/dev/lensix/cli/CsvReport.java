package dev.lensix.cli;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads a lensix.csv back, as a spreadsheet or SIEM would, for the end-to-end tests. */
final class CsvReport {

    static final List<String> HEADER = List.of("check_id", "status", "severity", "resource_id", "resource_type",
            "resource_name", "subscription_id", "resource_group", "location", "message", "remediation", "evidence",
            "suppressed", "suppression_justification", "suppression_owner",
            "suppression_expires", "baseline_state", "remediation_url", "file", "line");

    private CsvReport() {
    }

    /** The data rows (the header is checked and left out), each as its cells in column order. */
    static List<List<String>> rows(Path file) throws IOException {
        try (CSVParser parser = CSVParser.parse(file, StandardCharsets.UTF_8, CSVFormat.RFC4180)) {
            List<List<String>> rows = parser.stream().map(CSVRecord::toList).toList();
            assertThat(rows).as("rows of " + file).isNotEmpty();
            assertThat(rows.get(0)).as("header of " + file).isEqualTo(HEADER);
            return rows.subList(1, rows.size());
        }
    }
}
