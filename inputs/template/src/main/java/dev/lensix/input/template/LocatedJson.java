package dev.lensix.input.template;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lensix.api.input.InputException;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON document with the place of every value in it: for an object member, the line and column of its name; for an
 * array element, where it starts; and the line each object or array ends on. Templates may hold comments, as Resource
 * Manager accepts them.
 *
 * <pre>{@code
 * LocatedJson template = LocatedJson.parse(text, "main.json");
 * template.placeOf("/resources/0").orElseThrow().line(); // the line of the vault's opening brace
 * }</pre>
 */
final class LocatedJson {

    /** Where a value is: 1-based line and column, and the line its object or array closes on. */
    record Place(int line, int column, int endLine) {
    }

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            // a field twice in one object: which of the two Resource Manager takes is not for lensix to guess
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(256).maxStringLength(10_000_000).maxNumberLength(100).build())
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonNode root;
    private final Map<String, Place> places;

    private LocatedJson(JsonNode root, Map<String, Place> places) {
        this.root = root;
        this.places = places;
    }

    static LocatedJson parse(String text, String name) throws InputException {
        try (Reader reader = new StringReader(text); JsonParser parser = JSON.createParser(reader)) {
            Map<String, Place> places = new HashMap<>();
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InputException(name + ": the file is empty");
            }
            JsonNode root = read(parser, "", places, parser.currentTokenLocation());
            if (parser.nextToken() != null) {
                throw new InputException(name + ":" + parser.currentTokenLocation().getLineNr()
                        + ": more JSON after the end of the template");
            }
            return new LocatedJson(root, places);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new InputException(name + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                    + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InputException(name + ": cannot read: " + e.getMessage());
        }
    }

    private static JsonNode read(JsonParser parser, String pointer, Map<String, Place> places, JsonLocation start)
            throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonLocation name = parser.currentTokenLocation();
                    parser.nextToken();
                    String child = pointer + "/" + field.replace("~", "~0").replace("/", "~1");
                    object.set(field, read(parser, child, places, name));
                }
                places.put(pointer, new Place(start.getLineNr(), start.getColumnNr(), parser.currentTokenLocation().getLineNr()));
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(parser, pointer + "/" + index++, places, parser.currentTokenLocation()));
                }
                places.put(pointer, new Place(start.getLineNr(), start.getColumnNr(), parser.currentTokenLocation().getLineNr()));
                return array;
            }
            default -> {
                places.put(pointer, new Place(start.getLineNr(), start.getColumnNr(), start.getLineNr()));
                return switch (token) {
                    case VALUE_STRING -> NODES.textNode(parser.getText());
                    case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                        case INT -> NODES.numberNode(parser.getIntValue());
                        case LONG -> NODES.numberNode(parser.getLongValue());
                        default -> NODES.numberNode(parser.getBigIntegerValue());
                    };
                    case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
                    case VALUE_TRUE -> NODES.booleanNode(true);
                    case VALUE_FALSE -> NODES.booleanNode(false);
                    default -> NODES.nullNode();
                };
            }
        }
    }

    JsonNode root() {
        return root;
    }

    /** Where the value at a JSON pointer ({@code /resources/0/properties}) is written. */
    Optional<Place> placeOf(String pointer) {
        return Optional.ofNullable(places.get(pointer));
    }
}
