package dev.lensix.engine.triage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Observation;
import dev.lensix.api.report.AnalysisCategory;
import dev.lensix.engine.LensixVersion;
import dev.lensix.engine.snapshot.InputException;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An earlier lensix SARIF report, as the results a new scan is compared with: its FAIL results and ERROR
 * notifications by identity (check id and lower-cased ARM id, what the SARIF fingerprint is made of), each with the
 * message and evidence it had.
 *
 * @param file     the file, as given
 * @param category its run's analysis category ({@code automationDetails.id})
 * @param entries  by {@link #key}
 * @param checks   the check ids its rules name
 * @param scope    what it scanned (its invocation's {@code properties.scope})
 */
record Baseline(String file, String category, Map<String, Entry> entries, Set<String> checks, List<String> scope) {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(256).build());
    }

    /** One result of the baseline. */
    record Entry(String checkId, String resourceId, String status, String message, List<String> evidence,
                 String fingerprint) {
    }

    /** Identity of a result across scans: the check and the ARM id, ignoring case. */
    static String key(String checkId, String resourceId) {
        return checkId + "\n" + resourceId.strip().toLowerCase(Locale.ROOT);
    }

    /** Evidence as the baseline compares it: one line per observation. */
    static List<String> evidenceLines(Evidence evidence) {
        List<String> lines = new ArrayList<>();
        for (Observation observation : evidence.observations()) {
            lines.add(observation.resourceId() + " " + observation.path() + " = " + observation.value() + " " + observation.present());
        }
        return lines;
    }

    /** Reads the baseline and refuses one that is not an earlier report of this lensix major version. */
    static Baseline read(Path path) throws InputException {
        String name = path.toString();
        JsonNode root;
        try {
            root = MAPPER.readTree(path.toFile());
        } catch (NoSuchFileException e) {
            throw new InputException(name + ": no such file");
        } catch (JsonProcessingException e) {
            throw new InputException(name + ": the baseline is not valid JSON (line " + e.getLocation().getLineNr()
                    + "): give an earlier lensix SARIF report (--format sarif)");
        } catch (IOException e) {
            if (e.getCause() instanceof NoSuchFileException || !path.toFile().exists()) {
                throw new InputException(name + ": no such file");
            }
            throw new InputException(name + ": cannot read the baseline: " + e.getMessage());
        }
        JsonNode runs = root == null ? null : root.get("runs");
        if (runs == null || !runs.isArray() || runs.size() != 1 || !root.path("version").asText().equals("2.1.0")) {
            throw new InputException(name + ": not a lensix SARIF report (SARIF 2.1.0 with one run): give the"
                    + " lensix.sarif of an earlier scan");
        }
        JsonNode run = runs.get(0);
        JsonNode driver = run.path("tool").path("driver");
        if (!driver.path("name").asText().equals("lensix")) {
            throw new InputException(name + ": a SARIF report of " + (driver.path("name").isTextual()
                    ? "'" + driver.path("name").asText() + "'" : "an unnamed tool") + ", not of lensix");
        }
        String version = driver.path("version").asText("");
        if (!major(version).equals(major(LensixVersion.version()))) {
            throw new InputException(name + ": written by lensix " + version + ", another major version than this "
                    + LensixVersion.version() + ": scan again without --baseline to make a new one");
        }
        String theirs = run.path("automationDetails").path("id").asText("");
        Set<String> checks = new TreeSet<>();
        for (JsonNode rule : driver.path("rules")) {
            if (rule.path("id").isTextual()) {
                checks.add(rule.get("id").asText());
            }
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (JsonNode result : run.path("results")) {
            if (result.path("baselineState").asText("").equals("absent")) {
                continue; // already gone in that scan
            }
            entry(result, result.path("ruleId").asText(""), "FAIL").ifPresent(entry -> entries.put(key(entry.checkId(), entry.resourceId()), entry));
        }
        for (JsonNode invocation : run.path("invocations")) {
            for (JsonNode notification : invocation.path("toolExecutionNotifications")) {
                if (notification.path("properties").path("status").asText("").equals("ERROR")) {
                    entry(notification, notification.path("associatedRule").path("id").asText(""), "ERROR")
                            .ifPresent(entry -> entries.put(key(entry.checkId(), entry.resourceId()), entry));
                }
            }
        }
        List<String> scope = new ArrayList<>();
        run.path("invocations").path(0).path("properties").path("scope").forEach(item -> scope.add(item.asText()));
        return new Baseline(name, theirs, entries, checks, scope);
    }

    private static Optional<Entry> entry(JsonNode result, String checkId, String status) {
        String resourceId = result.path("properties").path("resource").path("id").asText("");
        if (checkId.isEmpty() || resourceId.isEmpty()) {
            return Optional.empty();
        }
        List<String> evidence = new ArrayList<>();
        for (JsonNode observation : result.path("properties").path("evidence")) {
            evidence.add(observation.path("resourceId").asText() + " " + observation.path("path").asText() + " = "
                    + observation.path("value").asText() + " " + observation.path("present").asBoolean());
        }
        return Optional.of(new Entry(checkId, resourceId, status, result.path("message").path("text").asText(""),
                evidence, result.path("partialFingerprints").path("primaryLocationLineHash").asText("")));
    }

    private static String major(String version) {
        int dot = version.indexOf('.');
        return dot < 0 ? version : version.substring(0, dot);
    }

    /** Refuses a baseline of another analysis category than this scan's (of {@code scope}, or {@code --sarif-category}). */
    void requireCategoryOf(List<String> scanScope, Optional<String> override) throws InputException {
        String ours = AnalysisCategory.of(scanScope, override);
        if (!category.equals(ours)) {
            throw new InputException(file + ": a baseline of category '" + category + "', not this scan's '" + ours
                    + "' (--sarif-category, or derived from the inputs scanned): compare scans of the same thing");
        }
    }
}
