package dev.lensix.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What the pre-deployment tests read from reports: verdicts with their source lines, SARIF results, example copies. */
final class IacReports {

    private static final ObjectMapper JSON = new ObjectMapper();

    private IacReports() {
    }

    static int column(String name) {
        return CsvReport.HEADER.indexOf(name);
    }

    /** Each CSV row as {@code check_id,resource_name,status,file,line}, the form of the verdict files beside the tests. */
    static List<String> locatedVerdicts(Path csv) throws IOException {
        List<String> verdicts = new ArrayList<>();
        for (List<String> row : CsvReport.rows(csv)) {
            verdicts.add(String.join(",", row.get(column("check_id")), row.get(column("resource_name")),
                    row.get(column("status")), row.get(column("file")), row.get(column("line"))));
        }
        return verdicts;
    }

    /** The rows of a verdict file, without its header. */
    static List<String> expectedVerdicts(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return lines.subList(1, lines.size());
    }

    /** Check and resource to status and severity. */
    static Map<String, String> verdicts(Path csv) throws IOException {
        Map<String, String> verdicts = new TreeMap<>();
        for (List<String> row : CsvReport.rows(csv)) {
            verdicts.put(row.get(column("check_id")) + " " + row.get(column("resource_id")).toLowerCase(Locale.ROOT),
                    row.get(column("status")) + " " + row.get(column("severity")));
        }
        return verdicts;
    }

    /** The first result of a rule in a SARIF file. */
    static JsonNode resultOn(Path sarif, String ruleId) throws IOException {
        for (JsonNode result : JSON.readTree(sarif.toFile()).path("runs").get(0).path("results")) {
            if (result.path("ruleId").asText().equals(ruleId)) {
                return result;
            }
        }
        throw new AssertionError("no " + ruleId + " result in " + sarif);
    }

    /** A copy of {@code folder} as {@code repository/as}, the repository a test scans from. */
    static Path copyInto(Path folder, Path repository, String as) throws IOException {
        Files.createDirectories(repository);
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.toList()) {
                Path target = repository.resolve(as).resolve(folder.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return repository;
    }
}
