package dev.lensix.input.terraform;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lensix.api.input.InputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One Terraform plan as {@code terraform show -json PLANFILE} writes it: its resource changes (each with the line it
 * starts on in the file, the place to point at when no {@code .tf} source is found) and its configuration.
 *
 * <pre>{@code
 * PlanDocument plan = PlanDocument.read(Path.of("plan.json"));
 * plan.changes().get(0).path("address").asText(); // "module.backup.azurerm_recovery_services_vault.this[\"prod\"]"
 * }</pre>
 */
public final class PlanDocument {

    /** Top-level members only a Terraform plan has (state has {@code values}, no {@code planned_values}). */
    static final Set<String> PLAN_FIELDS = Set.of("planned_values", "resource_changes", "prior_state", "configuration",
            "resource_drift", "relevant_attributes", "output_changes");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        // a field twice in one object: Terraform never writes it, and which of the two counts is anyone's guess
        MAPPER.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(256).maxStringLength(10_000_000).maxNumberLength(100).build());
    }

    /** A resource change, the 1-based line and column its object starts on in the file and the line it ends on. */
    record Change(JsonNode json, int line, int column, int endLine) {
    }

    private final Path file;
    private final String formatVersion;
    private final List<Change> changes;
    private final JsonNode configuration;
    private final JsonNode variables;

    private PlanDocument(Path file, String formatVersion, List<Change> changes, JsonNode configuration, JsonNode variables) {
        this.file = file;
        this.formatVersion = formatVersion;
        this.changes = List.copyOf(changes);
        this.configuration = configuration;
        this.variables = variables;
    }

    /**
     * True for the top-level member names of a Terraform plan, lower-cased: what tells a plan from other JSON without
     * reading all of it.
     */
    public static boolean isPlanField(String lowerCaseName) {
        return PLAN_FIELDS.contains(lowerCaseName) || lowerCaseName.equals("terraform_version");
    }

    /** True for the start of a binary plan file ({@code terraform plan -out}): a zip archive. */
    public static boolean isBinaryPlan(byte[] head) {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    /** The one line for a binary plan given where its JSON is wanted. */
    public static String binaryPlanAdvice(Path file) {
        return file + ": a binary Terraform plan file: lensix reads its JSON; run terraform show -json "
                + file.getFileName() + " > " + file.getFileName() + ".json and scan that";
    }

    /**
     * Reads a plan.
     *
     * @throws InputException one line: the file cannot be read, is not JSON, is a Terraform state rather than a plan,
     *                        or is a plan without {@code resource_changes}
     */
    public static PlanDocument read(Path file) throws InputException {
        String name = file.toString();
        String formatVersion = "";
        List<Change> changes = null;
        JsonNode configuration = MissingNode.getInstance();
        JsonNode variables = MissingNode.getInstance();
        boolean values = false;
        try (InputStream in = Files.newInputStream(file); JsonParser parser = MAPPER.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InputException(name + ": a Terraform plan is a JSON object (terraform show -json PLANFILE)");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "format_version" -> formatVersion = parser.getValueAsString("");
                    case "resource_changes" -> changes = readChanges(name, parser, value);
                    case "configuration" -> configuration = MAPPER.readTree(parser);
                    case "variables" -> variables = MAPPER.readTree(parser);
                    case "values" -> {
                        values = true;
                        parser.skipChildren();
                    }
                    default -> parser.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw new InputException(name + ": not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + withoutParserDetail(e.getOriginalMessage()), e);
        } catch (NoSuchFileException e) {
            throw new InputException(name + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new InputException(name + ": permission denied", e);
        } catch (IOException e) {
            throw new InputException(name + ": cannot read: " + e.getMessage(), e);
        }
        if (changes == null) {
            throw new InputException(name + (values
                    ? ": a Terraform state, not a plan: run terraform plan -out PLANFILE, then terraform show -json PLANFILE"
                    : ": a Terraform plan without \"resource_changes\": written by terraform show -json PLANFILE?"));
        }
        if (!formatVersion.isEmpty() && !formatVersion.startsWith("1.")) {
            throw new InputException(name + ": Terraform plan format " + formatVersion + " is not one lensix reads (1.x)");
        }
        return new PlanDocument(file, formatVersion, changes, configuration, variables);
    }

    /** The parser's message without what names its own workings: {@code (start marker at [Source: ...])}. */
    static String withoutParserDetail(String message) {
        if (message == null) {
            return "";
        }
        String firstLine = message.lines().findFirst().orElse(message);
        int detail = firstLine.indexOf(" (start marker at");
        return (detail < 0 ? firstLine : firstLine.substring(0, detail)).strip();
    }

    private static List<Change> readChanges(String name, JsonParser parser, JsonToken value) throws IOException, InputException {
        if (value != JsonToken.START_ARRAY) {
            throw new InputException(name + ": \"resource_changes\" is not an array");
        }
        List<Change> changes = new ArrayList<>();
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            int line = Math.max(1, parser.currentTokenLocation().getLineNr());
            int column = Math.max(1, parser.currentTokenLocation().getColumnNr());
            JsonNode change = MAPPER.readTree(parser);
            changes.add(new Change(change, line, column, Math.max(line, parser.currentTokenLocation().getLineNr())));
        }
        if (parser.currentToken() != JsonToken.END_ARRAY) {
            throw new InputException(name + ": \"resource_changes\" holds " + parser.currentToken().name()
                    .toLowerCase(Locale.ROOT) + " where a resource change object belongs");
        }
        return changes;
    }

    public Path file() {
        return file;
    }

    public String formatVersion() {
        return formatVersion;
    }

    List<Change> changes() {
        return changes;
    }

    /** {@code configuration}: each module's resources with their expressions, and the module calls. */
    JsonNode configuration() {
        return configuration;
    }

    /** The root module's variables: {@code {"name": {"value": ...}}}. */
    JsonNode variables() {
        return variables;
    }

    /** An empty object, for absent parts. */
    static ObjectNode emptyObject() {
        return MAPPER.createObjectNode();
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }
}
