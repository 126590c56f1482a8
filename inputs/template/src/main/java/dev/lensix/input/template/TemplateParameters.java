package dev.lensix.input.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lensix.api.input.InputException;
import dev.lensix.policy.language.Values;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parameter values a template is deployed with: a parameters file ({@code {"parameters": {"p": {"value": ...}}}},
 * where a {@code reference} to a Key Vault secret is known only at deployment), then {@code --parameter NAME=VALUE}
 * on top, its text read as the declared type (a number, a boolean, JSON for arrays and objects).
 *
 * <pre>{@code
 * Map<String, TemplateDeployment.Given> given = TemplateParameters.fromFile(Path.of("main.parameters.json"), text);
 * given = TemplateParameters.withOverrides(given, List.of("env=prod"), template.path("parameters"));
 * }</pre>
 */
final class TemplateParameters {

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // the same parameter, or its value, twice: which one Resource Manager takes is not for lensix to guess
        JSON.getFactory().enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    private TemplateParameters() {
    }

    /** The values of a parameters file's text. */
    static Map<String, TemplateDeployment.Given> fromFile(Path file, String text) throws InputException {
        JsonNode root;
        try {
            root = JSON.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (JsonProcessingException e) {
            throw new InputException(file + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InputException(file + ": a parameters file holds an object, {\"parameters\": {\"NAME\": {\"value\": ...}}}");
        }
        JsonNode parameters = root.has("parameters") && root.get("parameters").isObject() ? root.get("parameters") : root;
        Map<String, TemplateDeployment.Given> given = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = parameters.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().startsWith("$") || entry.getKey().equals("contentVersion")) {
                continue;
            }
            JsonNode parameter = entry.getValue();
            if (parameter.has("reference")) {
                given.put(entry.getKey(), TemplateDeployment.Given.NotKnown.keyVaultSecret(entry.getKey(),
                        " (reference in " + file.getFileName() + ")"));
            } else if (parameter.has("value")) {
                given.put(entry.getKey(), new TemplateDeployment.Given.Value(parameter.get("value")));
            } else {
                throw new InputException(file + ": parameter '" + entry.getKey() + "' has neither a value nor a reference");
            }
        }
        return given;
    }

    /** {@code given} with {@code NAME=VALUE} overrides, each read as the type the template declares. */
    static Map<String, TemplateDeployment.Given> withOverrides(Map<String, TemplateDeployment.Given> given,
                                                               List<String> overrides, JsonNode declared) throws InputException {
        Map<String, TemplateDeployment.Given> values = new LinkedHashMap<>(given);
        for (String override : overrides) {
            int equals = override.indexOf('=');
            if (equals <= 0) {
                throw new InputException("--parameter " + override + ": give NAME=VALUE");
            }
            String name = override.substring(0, equals).strip();
            String text = override.substring(equals + 1);
            String type = "";
            for (Iterator<Map.Entry<String, JsonNode>> it = declared.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (entry.getKey().equalsIgnoreCase(name)) {
                    type = entry.getValue().path("type").asText("").toLowerCase(Locale.ROOT);
                }
            }
            values.keySet().removeIf(key -> key.equalsIgnoreCase(name));
            values.put(name, new TemplateDeployment.Given.Value(typed(name, text, type)));
        }
        return values;
    }

    private static JsonNode typed(String name, String text, String type) throws InputException {
        try {
            return switch (type) {
                case "int" -> Values.integer(Long.parseLong(text.strip()));
                case "bool" -> {
                    if (!text.strip().equalsIgnoreCase("true") && !text.strip().equalsIgnoreCase("false")) {
                        throw new InputException("--parameter " + name + ": '" + text + "' is not true or false");
                    }
                    yield Values.NODES.booleanNode(Boolean.parseBoolean(text.strip().toLowerCase(Locale.ROOT)));
                }
                case "array", "object", "secureobject" -> JSON.readTree(text);
                default -> Values.NODES.textNode(text);
            };
        } catch (NumberFormatException e) {
            throw new InputException("--parameter " + name + ": '" + text + "' is not an integer");
        } catch (JsonProcessingException e) {
            throw new InputException("--parameter " + name + ": not JSON, which an " + type + " parameter takes: "
                    + e.getOriginalMessage());
        }
    }
}
