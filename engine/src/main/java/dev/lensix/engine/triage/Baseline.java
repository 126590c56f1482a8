package dev.lensix.engine.triage;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Observation;
import dev.lensix.api.input.InputException;
import dev.lensix.api.report.AnalysisCategory;
import dev.lensix.engine.LensixVersion;

import java.io.FileNotFoundException;
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
    record Entry(String checkId, String resourceId, String status, String message, long evidence,
                 String fingerprint) {
    }

    /** Identity of a result across scans: the check and the ARM id, ignoring case. */
    static String key(String checkId, String resourceId) {
        return checkId + "\n" + resourceId.strip().toLowerCase(Locale.ROOT);
    }

    /** Evidence as the baseline compares it: a hash of its observations, in order. */
    static long evidenceHash(Evidence evidence) {
        EvidenceHash hash = new EvidenceHash();
        for (Observation observation : evidence.observations()) {
            hash.add(observation.resourceId(), observation.path(), observation.value(), observation.present());
        }
        return hash.value();
    }

    /**
     * The evidence of a result as one 64-bit FNV-1a hash of its observations, in order: all a comparison needs, at a
     * fraction of the memory of the text when a baseline holds tens of thousands of results.
     */
    static final class EvidenceHash {
        private long value = 0xcbf29ce484222325L;

        void add(String resourceId, String path, String observed, boolean present) {
            mix(resourceId);
            mix(path);
            mix(observed);
            mix(present ? "1" : "0");
        }

        private void mix(String text) {
            for (int i = 0; i < text.length(); i++) {
                value = (value ^ text.charAt(i)) * 0x100000001b3L;
            }
            value = (value ^ 0x1F) * 0x100000001b3L; // a separator no text ends with
        }

        long value() {
            return value;
        }
    }

    /**
     * Reads the baseline and refuses one that is not an earlier report of this lensix major version. The file is
     * streamed: each result is read on its own and dropped once its entry is kept, so a baseline of tens of thousands
     * of results costs their entries, not a tree of the whole file.
     */
    static Baseline read(Path path) throws InputException {
        String name = path.toString();
        String version = null;
        int runs = 0;
        JsonNode tool = MissingNode.getInstance();
        JsonNode invocations = MissingNode.getInstance();
        String category = "";
        Map<String, Entry> entries = new LinkedHashMap<>();
        try (JsonParser parser = MAPPER.createParser(path.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw notSarif(name);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("version") && value == JsonToken.VALUE_STRING) {
                    version = parser.getText();
                } else if (field.equals("runs") && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        runs++;
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String runField = parser.currentName();
                            JsonToken runValue = parser.nextToken();
                            if (runs > 1) {
                                parser.skipChildren();
                            } else if (runField.equals("tool")) {
                                tool = MAPPER.<JsonNode>readTree(parser);
                            } else if (runField.equals("invocations")) {
                                invocations = MAPPER.<JsonNode>readTree(parser);
                            } else if (runField.equals("automationDetails")) {
                                category = MAPPER.<JsonNode>readTree(parser).path("id").asText("");
                            } else if (runField.equals("results") && runValue == JsonToken.START_ARRAY) {
                                while (parser.nextToken() == JsonToken.START_OBJECT) {
                                    streamedResult(parser).ifPresent(entry -> entries.put(key(entry.checkId(), entry.resourceId()), entry));
                                }
                            } else {
                                parser.skipChildren();
                            }
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new InputException(name + ": no such file");
        } catch (JsonProcessingException e) {
            throw new InputException(name + ": the baseline is not valid JSON (line " + e.getLocation().getLineNr()
                    + "): give an earlier lensix SARIF report (--format sarif)");
        } catch (IOException e) {
            throw new InputException(name + ": cannot read the baseline: " + e.getMessage());
        }
        if (runs != 1 || !"2.1.0".equals(version)) {
            throw notSarif(name);
        }
        JsonNode driver = tool.path("driver");
        if (!driver.path("name").asText().equals("lensix")) {
            throw new InputException(name + ": a SARIF report of " + (driver.path("name").isTextual()
                    ? "'" + driver.path("name").asText() + "'" : "an unnamed tool") + ", not of lensix");
        }
        String written = driver.path("version").asText("");
        if (!major(written).equals(major(LensixVersion.version()))) {
            throw new InputException(name + ": written by lensix " + written + ", another major version than this "
                    + LensixVersion.version() + ": scan again without --baseline to make a new one");
        }
        Set<String> checks = new TreeSet<>();
        for (JsonNode rule : driver.path("rules")) {
            if (rule.path("id").isTextual()) {
                checks.add(rule.get("id").asText());
            }
        }
        for (JsonNode invocation : invocations) {
            for (JsonNode notification : invocation.path("toolExecutionNotifications")) {
                if (notification.path("properties").path("status").asText("").equals("ERROR")) {
                    entry(notification, notification.path("associatedRule").path("id").asText(""), "ERROR")
                            .ifPresent(entry -> entries.put(key(entry.checkId(), entry.resourceId()), entry));
                }
            }
        }
        List<String> scope = new ArrayList<>();
        invocations.path(0).path("properties").path("scope").forEach(item -> scope.add(item.asText()));
        return new Baseline(name, category, entries, checks, scope);
    }

    /**
     * One result, read token by token from its opening brace to its closing one: only the fields an entry needs,
     * everything else (locations, most properties) skipped unbuilt. Empty for an absent result (gone in that scan
     * already) and for one without rule or resource.
     */
    private static Optional<Entry> streamedResult(JsonParser parser) throws IOException {
        String ruleId = "";
        String message = "";
        String fingerprint = "";
        String state = "";
        String resourceId = "";
        List<JsonNode> observations = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "ruleId" -> ruleId = value == JsonToken.VALUE_STRING ? parser.getText() : "";
                case "baselineState" -> state = value == JsonToken.VALUE_STRING ? parser.getText() : "";
                case "message" -> message = textIn(parser, value, "text");
                case "partialFingerprints" -> fingerprint = textIn(parser, value, "primaryLocationLineHash");
                case "properties" -> {
                    if (value != JsonToken.START_OBJECT) {
                        parser.skipChildren();
                        break;
                    }
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String property = parser.currentName();
                        JsonToken propertyValue = parser.nextToken();
                        if (property.equals("resource")) {
                            resourceId = textIn(parser, propertyValue, "id");
                        } else if (property.equals("evidence") && propertyValue == JsonToken.START_ARRAY) {
                            while (parser.nextToken() == JsonToken.START_OBJECT) {
                                observations.add(MAPPER.<JsonNode>readTree(parser));
                            }
                        } else {
                            parser.skipChildren();
                        }
                    }
                }
                default -> parser.skipChildren();
            }
        }
        if (state.equals("absent") || ruleId.isEmpty() || resourceId.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Entry(ruleId, resourceId, "FAIL", message, evidenceHash(observations, resourceId),
                fingerprint));
    }

    /**
     * The hash of a SARIF result's {@code properties.evidence}, as {@link #evidenceHash(Evidence)} makes it: an
     * observation without {@code resourceId} is about the result's own resource, the SARIF reporter's short form.
     */
    private static long evidenceHash(Iterable<JsonNode> observations, String resourceId) {
        EvidenceHash hash = new EvidenceHash();
        for (JsonNode observation : observations) {
            JsonNode about = observation.get("resourceId");
            hash.add(about == null ? resourceId : about.asText(), observation.path("path").asText(),
                    observation.path("value").asText(), observation.path("present").asBoolean());
        }
        return hash.value();
    }

    /** The text field {@code name} of the object the parser is at, the rest skipped; empty when there is none. */
    private static String textIn(JsonParser parser, JsonToken at, String name) throws IOException {
        if (at != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return "";
        }
        String found = "";
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals(name) && value == JsonToken.VALUE_STRING) {
                found = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
        return found;
    }

    private static InputException notSarif(String name) {
        return new InputException(name + ": not a lensix SARIF report (SARIF 2.1.0 with one run): give the"
                + " lensix.sarif of an earlier scan");
    }

    private static Optional<Entry> entry(JsonNode result, String checkId, String status) {
        String resourceId = result.path("properties").path("resource").path("id").asText("");
        if (checkId.isEmpty() || resourceId.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Entry(checkId, resourceId, status, result.path("message").path("text").asText(""),
                evidenceHash(result.path("properties").path("evidence"), resourceId), result.path("partialFingerprints").path("primaryLocationLineHash").asText("")));
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
