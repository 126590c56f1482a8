package dev.lensix.engine.snapshot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lensix.api.resource.Resource;
import dev.lensix.api.resource.ResourceIds;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Reads snapshot files of ARM JSON: a top-level array of resources, an ARM list page
 * ({@code {"value": [...]}}), a Resource Graph result ({@code {"data": [...]}}) or one resource object.
 * Folders are read recursively, {@code *.json} files in name order. Arrays are streamed one element at
 * a time, and only resources whose type {@code keep} accepts are held; every type seen is remembered.
 */
public final class SnapshotReader {

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    private final Predicate<String> keep;

    /** @param keep which resource types to hold (given lower-cased); the rest are counted and dropped */
    public SnapshotReader(Predicate<String> keep) {
        this.keep = keep;
    }

    public static SnapshotReader keepingAll() {
        return new SnapshotReader(type -> true);
    }

    public Snapshot read(List<Path> inputs) throws InputException {
        Accumulator acc = new Accumulator();
        for (Path input : inputs) {
            for (Path file : filesOf(input)) {
                readFile(file, acc);
            }
        }
        return new Snapshot(acc.sources, acc.kept(), acc.typesSeen, acc.warnings);
    }

    /** Reads one snapshot document from a string; {@code name} is used in error messages. */
    public Snapshot readString(String name, String json) throws InputException {
        Accumulator acc = new Accumulator();
        // as for files: a byte order mark (kept by Files.readString) is not content
        String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
        try (JsonParser parser = MAPPER.createParser(text)) {
            readDocument(name, parser, acc);
        } catch (JsonProcessingException e) {
            throw new InputException(name + ": " + describe(e), e);
        } catch (IOException e) {
            throw new InputException(name + ": cannot read: " + e.getMessage(), e);
        }
        acc.sources.add(name);
        return new Snapshot(acc.sources, acc.kept(), acc.typesSeen, acc.warnings);
    }

    private static List<Path> filesOf(Path input) throws InputException {
        if (!Files.exists(input)) {
            throw new InputException(input + ": no such file or folder");
        }
        if (!Files.isDirectory(input)) {
            return List.of(input);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(input)) {
            files = walk.filter(path -> path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            String why = cause instanceof FileSystemLoopException ? "symbolic link loop at " + cause.getMessage()
                    : cause instanceof AccessDeniedException ? "permission denied: " + cause.getMessage()
                    : cause.getMessage();
            throw new InputException(input + ": cannot list folder: " + why, e);
        }
        if (files.isEmpty()) {
            throw new InputException(input + ": folder holds no *.json files");
        }
        return files;
    }

    private void readFile(Path file, Accumulator acc) throws InputException {
        String name = file.toString();
        try (InputStream in = Files.newInputStream(file); JsonParser parser = MAPPER.createParser(in)) {
            readDocument(name, parser, acc);
        } catch (NoSuchFileException e) {
            throw new InputException(name + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new InputException(name + ": permission denied", e);
        } catch (JsonProcessingException e) {
            throw new InputException(name + ": " + describe(e), e);
        } catch (IOException e) {
            throw new InputException(name + ": cannot read: " + e.getMessage(), e);
        }
        acc.sources.add(name);
    }

    private static String describe(JsonProcessingException e) {
        JsonLocation where = e.getLocation();
        String position = where == null ? "" : "line " + where.getLineNr() + ", column " + where.getColumnNr() + ": ";
        return "not valid JSON: " + position + firstLine(e.getOriginalMessage());
    }

    /** What a value token is, in words: {@code asString()} is null for strings and numbers. */
    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name().toLowerCase(Locale.ROOT);
        };
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private void readDocument(String name, JsonParser parser, Accumulator acc) throws IOException, InputException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new InputException(name + ": file is empty");
        }
        if (first == JsonToken.START_ARRAY) {
            readResourceArray(name, "top-level array", parser, acc);
        } else if (first == JsonToken.START_OBJECT) {
            readObjectDocument(name, parser, acc);
        } else {
            throw new InputException(name + ": top level must be an array or an object of ARM resources, found "
                    + describe(first));
        }
        if (parser.nextToken() != null) {
            throw new InputException(name + ": " + at(parser) + "unexpected content after the JSON document");
        }
    }

    private void readObjectDocument(String name, JsonParser parser, Accumulator acc) throws IOException, InputException {
        ObjectNode rest = MAPPER.createObjectNode();
        String listField = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (listField == null && (field.equals("value") || field.equals("data")) && value == JsonToken.START_ARRAY) {
                listField = field;
                readResourceArray(name, "\"" + field + "\" array", parser, acc);
            } else {
                rest.set(field, MAPPER.readTree(parser));
            }
        }
        if (listField == null) {
            if (rest.path("data").isObject() && rest.path("data").has("rows")) {
                throw new InputException(name + ": Resource Graph table format is not supported; "
                        + "export with resultFormat objectArray");
            }
            if (!rest.has("id") && !rest.has("type")) {
                throw new InputException(name + ": object is neither an ARM resource (no \"id\" and \"type\") "
                        + "nor a list (\"value\" or \"data\" array)");
            }
            addResource(name, "the resource object", rest, acc);
            return;
        }
        if (rest.has("id") && rest.has("type")) {
            throw new InputException(name + ": object has both resource fields (\"id\", \"type\") and a \""
                    + listField + "\" list; cannot tell which it is");
        }
        JsonNode nextLink = rest.path("nextLink");
        if (nextLink.isTextual() && !nextLink.asText().isBlank()) {
            acc.warnings.add(name + ": the list page has a nextLink, so the export holds only its first page");
        }
        JsonNode truncated = rest.path("resultTruncated");
        if (truncated.asText().equalsIgnoreCase("true")) {
            acc.warnings.add(name + ": the Resource Graph result says resultTruncated, so resources are missing");
        }
        JsonNode skipToken = rest.path("$skipToken");
        if (skipToken.isTextual() && !skipToken.asText().isBlank()) {
            acc.warnings.add(name + ": the Resource Graph result has a $skipToken, so it holds only its first page");
        }
    }

    private void readResourceArray(String name, String what, JsonParser parser, Accumulator acc)
            throws IOException, InputException {
        int index = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new InputException(name + ": " + at(parser) + "the " + what + " is not closed");
            }
            JsonLocation start = parser.currentTokenLocation();
            String where = what + " element " + index + " (line " + start.getLineNr() + ", column " + start.getColumnNr() + ")";
            if (token != JsonToken.START_OBJECT) {
                throw new InputException(name + ": " + where + ": expected a resource object, found " + describe(token));
            }
            addResource(name, where, MAPPER.readTree(parser), acc);
            index++;
        }
    }

    private void addResource(String name, String where, JsonNode json, Accumulator acc) throws InputException {
        Resource resource;
        try {
            resource = Resource.of(json);
        } catch (IllegalArgumentException e) {
            throw new InputException(name + ": " + where + ": " + e.getMessage());
        }
        String type = resource.type().strip().toLowerCase(Locale.ROOT);
        acc.typesSeen.add(type);
        if (!keep.test(type)) {
            return;
        }
        String key = ResourceIds.key(resource.id());
        Located previous = acc.resources.get(key);
        if (previous != null) {
            if (previous.resource.equals(resource)) {
                return;
            }
            throw new InputException(name + ": " + where + ": resource " + resource.id()
                    + " appears again with different content (first in " + previous.source + ")");
        }
        acc.resources.put(key, new Located(resource, name));
    }

    private static String at(JsonParser parser) {
        JsonLocation location = parser.currentLocation();
        return "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
    }

    private record Located(Resource resource, String source) {
    }

    private static final class Accumulator {
        final List<String> sources = new ArrayList<>();
        final Map<String, Located> resources = new LinkedHashMap<>();
        final Set<String> typesSeen = new HashSet<>();
        final List<String> warnings = new ArrayList<>();

        List<Resource> kept() {
            return resources.values().stream().map(Located::resource).toList();
        }
    }
}
