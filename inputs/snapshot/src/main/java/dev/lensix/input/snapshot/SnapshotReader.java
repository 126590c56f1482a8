package dev.lensix.input.snapshot;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lensix.api.input.CollectionLedger;
import dev.lensix.api.input.InputException;
import dev.lensix.api.resource.CutShort;
import dev.lensix.api.resource.Resource;
import dev.lensix.api.resource.ResourceIds;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads snapshot files of ARM JSON: a top-level array of resources, an ARM list page
 * ({@code {"value": [...]}}), a Resource Graph result ({@code {"data": [...]}}) or one resource object.
 * Folders are read recursively, {@code *.json} files in name order. Arrays are streamed one element at
 * a time, and only resources whose type {@code keep} accepts are held; every type seen is remembered.
 * A list page with a {@code "lensix"} member is lensix's own snapshot format ({@link SnapshotHeader}): its
 * record of which collections were made decides coverage for the resources it holds.
 */
public final class SnapshotReader {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SnapshotReader.class);

    /**
     * The most arrays and objects one value may nest: ARM resources nest a dozen levels, Azure Policy rules a few
     * dozen; deeper input is rejected before any recursive code (a check's, a reporter's) can overflow its stack.
     */
    public static final int MAX_NESTING_DEPTH = 256;
    /**
     * The longest string value read (characters): far beyond any ARM property (a whole ARM template is capped
     * at 4 MB), yet small enough that one hostile value cannot exhaust memory. Strings of resources that are
     * dropped by type after their {@code type} field are skipped unread, so they are not limited.
     */
    public static final int MAX_STRING_LENGTH = 10_000_000;
    /** The longest number (digits): ARM numbers are 64-bit integers and doubles; longer ones cost quadratic time. */
    public static final int MAX_NUMBER_LENGTH = 100;
    /** The longest field name (characters): ARM names are short; tag names are at most 512 characters. */
    public static final int MAX_NAME_LENGTH = 10_000;

    /** Every tree the reader builds: a scan keeps the resources it reads until its checks are done. */
    private static final CompactNodes NODES = CompactNodes.INSTANCE;
    private static final ObjectMapper MAPPER = new ObjectMapper(factory(true)).setNodeFactory(NODES);

    /**
     * The mapper for the elements the parallel read parses one by one. Each parser of a factory that canonicalizes
     * field names copies the factory's whole table of names the first time an element holds a name it has not seen
     * (an identity's resource id, a tag), and ARM resources hold many: names are shared by {@link CompactNodes}
     * instead.
     */
    private static final ObjectMapper ELEMENT_MAPPER = new ObjectMapper(factory(false)).setNodeFactory(NODES);

    /**
     * The reader's JSON settings. Whether names are canonicalized is fixed when the factory is made: its table of
     * names keeps the features of that moment, and disabling the feature on a copy afterwards changes nothing.
     */
    static JsonFactory factory(boolean canonicalizeNames) {
        return JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .configure(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES, canonicalizeNames)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxNameLength(MAX_NAME_LENGTH)
                        .build())
                // error messages quote no input text: a broken export may hold secrets, and errors end up in CI logs
                .errorReportConfiguration(ErrorReportConfiguration.builder().maxErrorTokenLength(0).maxRawContentLength(0).build())
                .build();
    }

    /** Files this large that are a top-level array are read by several threads ({@link ParallelArrayReader}). */
    public static final long PARALLEL_MIN_BYTES = 64L << 20;

    private final Predicate<String> keep;
    private final long parallelMinBytes;
    private final int threads;

    /** @param keep which resource types to hold (given lower-cased); the rest are counted and dropped */
    public SnapshotReader(Predicate<String> keep) {
        this(keep, PARALLEL_MIN_BYTES, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * @param parallelMinBytes the size from which a file is read by several threads
     * @param threads          how many; 1 reads every file sequentially. The result is the same either way.
     */
    public SnapshotReader(Predicate<String> keep, long parallelMinBytes, int threads) {
        this.keep = keep;
        this.parallelMinBytes = parallelMinBytes;
        this.threads = threads;
    }

    public static SnapshotReader keepingAll() {
        return new SnapshotReader(type -> true);
    }

    public Snapshot read(List<Path> inputs) throws InputException {
        Accumulator acc = new Accumulator();
        for (Path input : inputs) {
            for (Path file : jsonFilesOf(input)) {
                readFile(file, acc);
            }
        }
        return acc.snapshot();
    }

    /** Reads one snapshot document from a string; {@code name} is used in error messages. */
    public Snapshot readString(String name, String json) throws InputException {
        Accumulator acc = new Accumulator();
        // as for files: a byte order mark (kept by Files.readString) is not content
        String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
        try (JsonParser parser = MAPPER.createParser(text)) {
            readDocument(name, parser, acc);
        } catch (ParseFailure e) {
            throw e.toInputException(name);
        } catch (IOException e) {
            throw new InputException(name + ": cannot read: " + e.getMessage(), e);
        }
        acc.sources.add(name);
        endOfFile(name, acc);
        return acc.snapshot();
    }

    /**
     * The files an input names: the file itself, or a folder's {@code *.json} files, recursively, in name order; a
     * missing input, an empty folder, a loop of links or an entry that is no regular file is an error.
     */
    public static List<Path> jsonFilesOf(Path input) throws InputException {
        return filesOf(input, List.of(".json"));
    }

    /**
     * As {@link #jsonFilesOf}, for files whose names end with any of {@code suffixes} (lower case): {@code .json} and
     * {@code .bicep} for a repository of templates.
     */
    public static List<Path> filesOf(Path input, List<String> suffixes) throws InputException {
        if (!Files.exists(input)) {
            throw new InputException(input + ": " + (Files.isSymbolicLink(input) ? unresolvableLink(input) : "no such file or folder"));
        }
        if (!Files.isDirectory(input)) {
            return List.of(input);
        }
        List<Path> files;
        // linked folders are followed (a loop is an error below); folders named *.json are walked, not read
        try (Stream<Path> walk = Files.walk(input, FileVisitOption.FOLLOW_LINKS)) {
            files = walk.filter(path -> {
                        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
                        return suffixes.stream().anyMatch(name::endsWith);
                    })
                    .filter(path -> !Files.isDirectory(path))
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
            throw new InputException(input + ": folder holds no " + String.join(" or ", suffixes.stream().map(x -> "*" + x).toList())
                    + " files");
        }
        for (Path file : files) {
            // a *.json entry that cannot be read is part of the export gone missing: never skipped silently
            if (!Files.isRegularFile(file)) {
                throw new InputException(file + ": " + (Files.isSymbolicLink(file) ? unresolvableLink(file)
                        : "not a regular file (a pipe, socket or device)"));
            }
        }
        return files;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Adds what a parallel read found as the sequential read would; false, adding nothing, when a resource appears
     * twice with different contents (the sequential read then names both places). The resources go straight into
     * {@code acc}; those this file added are taken out again when it fails.
     */
    private boolean merged(String name, List<ParallelArrayReader.Stretch> stretches, Accumulator acc) {
        List<String> ids = new ArrayList<>();
        List<String> added = new ArrayList<>();
        for (ParallelArrayReader.Stretch stretch : stretches) {
            for (Resource resource : stretch.kept()) {
                String key = resource.key();
                ids.add(key);
                Located previous = acc.resources.putIfAbsent(key, new Located(resource, name));
                if (previous == null) {
                    added.add(key);
                } else if (!previous.resource.equals(resource) && !sameButForIdCase(previous.resource, resource)) {
                    added.forEach(acc.resources::remove);
                    return false;
                }
            }
        }
        acc.documentIds.clear();
        acc.documentIds.addAll(ids);
        stretches.forEach(stretch -> acc.typesSeen.addAll(stretch.typesSeen()));
        return true;
    }

    /** What a regular file that is not JSON most likely is (another output format of the CLI, say), from its start. */
    private static Optional<String> hintFor(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty(); // a pipe cannot be read twice
        }
        try (InputStream in = Files.newInputStream(file)) {
            return NotJsonHints.of(in.readNBytes(NotJsonHints.HEAD_BYTES));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Why a symbolic link leads nowhere: a loop, or a target that does not exist. */
    private static String unresolvableLink(Path link) {
        try {
            link.toRealPath();
            return "cannot be read";
        } catch (NoSuchFileException e) {
            return "broken symbolic link: its target does not exist";
        } catch (FileSystemException e) {
            String reason = e.getReason() == null ? "" : e.getReason();
            return reason.toLowerCase(Locale.ROOT).contains("symbolic links") ? "symbolic link loop"
                    : "cannot follow the symbolic link: " + reason;
        } catch (IOException e) {
            return "cannot follow the symbolic link: " + e.getMessage();
        }
    }

    private void readFile(Path file, Accumulator acc) throws InputException {
        String name = file.toString();
        if (threads > 1 && sizeOf(file) >= parallelMinBytes) {
            Optional<List<ParallelArrayReader.Stretch>> stretches = new ParallelArrayReader(ELEMENT_MAPPER, keep, (parser, index, types) ->
                    keptShape(readElement(name, new Element("top-level array", index, 0, 0), parser, types), types),
                    threads).read(file);
            if (stretches.isPresent() && merged(name, stretches.get(), acc)) {
                acc.sources.add(name);
                if (stretches.get().stream().anyMatch(ParallelArrayReader.Stretch::powerShellText)) {
                    acc.warnings.add(cutShortWarning(name));
                }
                LOG.debug("{}: read by {} threads in {} stretches", name, threads, stretches.get().size());
                return;
            }
            LOG.debug("{}: read sequentially: not laid out for several threads, or a problem the sequential read reports", name);
            // not laid out for it, or something is wrong: the sequential read below says what, and where
        }
        try (InputStream in = Files.newInputStream(file); JsonParser parser = MAPPER.createParser(in)) {
            readDocument(name, parser, acc);
        } catch (ParseFailure e) {
            InputException failure = e.toInputException(name);
            Optional<String> hint = e.nearStart() ? hintFor(file) : Optional.empty();
            throw hint.isEmpty() ? failure : new InputException(failure.getMessage() + "; " + hint.get(), e);
        } catch (NoSuchFileException e) {
            throw new InputException(name + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new InputException(name + ": permission denied", e);
        } catch (IOException e) {
            throw new InputException(name + ": cannot read: " + e.getMessage(), e);
        }
        acc.sources.add(name);
        endOfFile(name, acc);
    }

    /** Once a file is read: the one warning for it when PowerShell cut values of the resources kept short. */
    private static void endOfFile(String name, Accumulator acc) {
        if (acc.cutShort) {
            acc.warnings.add(cutShortWarning(name));
            acc.cutShort = false;
        }
    }

    private static String cutShortWarning(String name) {
        return name + ": the export was cut short: PowerShell's ConvertTo-Json wrote values nested deeper than its -Depth"
                + " (2 unless given) as text such as \"@{keyUri=...}\", so the checks cannot know them; "
                + CutShort.POWERSHELL_ADVICE;
    }

    /**
     * An element the parallel read had Jackson parse, as {@link #addResource} would take it: in ARM's shape, or null
     * (its type added to {@code typesSeen}) when it is of a type not kept once in that shape.
     */
    private ObjectNode keptShape(ObjectNode fields, Set<String> typesSeen) {
        if (fields == null) {
            return null;
        }
        ObjectNode json = ExportShapes.armShaped(fields);
        JsonNode type = json.get("type");
        if (type != null && type.isTextual() && !type.asText().isBlank()) {
            String lower = type.asText().strip().toLowerCase(Locale.ROOT);
            if (!keep.test(lower)) {
                typesSeen.add(lower);
                return null;
            }
        }
        return json;
    }

    /**
     * Malformed JSON or a value past {@link #MAX_NESTING_DEPTH} and the other limits, with the position the parser
     * had reached (limit errors carry none of their own).
     */
    private static final class ParseFailure extends IOException {
        private final transient JsonLocation where;

        ParseFailure(JsonProcessingException cause, JsonLocation where) {
            super(cause);
            this.where = where;
        }

        /** True when the parser gave up in the first lines: the file may be no JSON at all. */
        boolean nearStart() {
            return where != null && where.getLineNr() <= 3;
        }

        InputException toInputException(String name) {
            JsonProcessingException e = (JsonProcessingException) getCause();
            String position = where == null ? "" : "line " + where.getLineNr() + ", column " + where.getColumnNr() + ": ";
            if (e instanceof StreamConstraintsException) {
                return new InputException(name + ": " + position + limitExceeded(e.getOriginalMessage()), e);
            }
            return new InputException(name + ": not valid JSON: " + position + withoutSource(firstLine(e.getOriginalMessage())), e);
        }
    }

    /** Jackson names positions inside its messages as {@code [Source: REDACTED (...); line: 1, column: 2]}. */
    private static String withoutSource(String message) {
        return SOURCE_POSITION.matcher(message).replaceAll("line $1, column $2");
    }

    private static final Pattern SOURCE_POSITION =
            Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

    /** Jackson's words for its limits name its own API; say what the input did instead. */
    private static String limitExceeded(String message) {
        String text = message == null ? "" : message;
        if (text.startsWith("Document nesting depth")) {
            return "arrays and objects nested more than " + MAX_NESTING_DEPTH + " levels deep (lensix's limit)";
        }
        if (text.startsWith("String value length")) {
            return "a string longer than " + MAX_STRING_LENGTH + " characters (lensix's limit)";
        }
        if (text.startsWith("Number value length")) {
            return "a number longer than " + MAX_NUMBER_LENGTH + " digits (lensix's limit)";
        }
        if (text.startsWith("Name length")) {
            return "a field name longer than " + MAX_NAME_LENGTH + " characters (lensix's limit)";
        }
        return "input exceeds lensix's limits: " + firstLine(text);
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
        try {
            readDocumentContent(name, parser, acc);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation() != null && e.getLocation().getLineNr() > 0 ? e.getLocation()
                    : parser.currentLocation();
            throw new ParseFailure(e, where);
        }
    }

    private void readDocumentContent(String name, JsonParser parser, Accumulator acc) throws IOException, InputException {
        acc.documentIds.clear();
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
        int rows = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (listField == null && (field.equalsIgnoreCase("value") || field.equalsIgnoreCase("data"))
                    && value == JsonToken.START_ARRAY) {
                listField = field;
                rows = readResourceArray(name, "\"" + field + "\" array", parser, acc);
            } else {
                rest.set(field, MAPPER.readTree(parser));
            }
        }
        if (listField == null) {
            JsonNode table = ExportShapes.field(rest, "data");
            if (table != null && table.isObject() && table.has("rows")) {
                rows = readTable(name, table, acc);
                partialSignals(name, rest, rows, acc);
                return;
            }
            if (ExportShapes.isRestMethodResponse(rest)) {
                readResponseContent(name, rest, acc);
                return;
            }
            String dataPlane = ExportShapes.dataPlaneKey(rest);
            if (dataPlane != null && !(rest.has("id") && rest.has("type"))) {
                throw new InputException(name + ": " + dataPlane);
            }
            ObjectNode resource = ExportShapes.armShaped(rest);
            if (!resource.has("id") && !resource.has("type")) {
                throw new InputException(name + ": object is neither an ARM resource (no \"id\" and \"type\") "
                        + "nor a list (\"value\" or \"data\" array)");
            }
            addResource(name, "the resource object", resource, acc);
            return;
        }
        if (rest.has("id") && rest.has("type")) {
            throw new InputException(name + ": object has both resource fields (\"id\", \"type\") and a \""
                    + listField + "\" list; cannot tell which it is");
        }
        if (rest.has(SnapshotHeader.FIELD)) {
            SnapshotHeader.Contents header = SnapshotHeader.read(name, rest.get(SnapshotHeader.FIELD));
            acc.ledgerEntries.addAll(header.ledger().entries());
            acc.recordedIds.addAll(acc.documentIds);
            header.problems().forEach(problem -> acc.warnings.add(name + ": " + problem.message()));
        }
        partialSignals(name, rest, rows, acc);
    }

    /**
     * Warns, once for the file, when a list says it holds only part of the data, whatever its exporter calls it: a
     * next link ({@code nextLink}, {@code @odata.nextLink}, {@code NextLink}), a continuation token ({@code $skipToken},
     * {@code skipToken}, {@code skip_token}, {@code SkipToken}), {@code resultTruncated}, or a total
     * ({@code totalRecords}, {@code total_records}, {@code TotalRecords}) larger than the rows it holds. Field names
     * compare case-insensitively and without punctuation; a null or empty link or token is a complete export.
     */
    private static void partialSignals(String name, ObjectNode list, int rows, Accumulator acc) {
        List<String> signs = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = list.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            switch (ExportShapes.plainName(field.getKey())) {
                case "nextlink", "odatanextlink", "skiptoken" -> {
                    if (value.isTextual() && !value.asText().isBlank()) {
                        signs.add("a " + field.getKey());
                    }
                }
                case "resulttruncated" -> {
                    if (value.asText().strip().equalsIgnoreCase("true")) {
                        signs.add(field.getKey() + " true");
                    }
                }
                case "totalrecords" -> {
                    if ((value.isIntegralNumber() || value.isTextual()) && value.asLong(-1) > rows) {
                        signs.add(field.getKey() + " " + value.asLong() + " but " + rows + " rows");
                    }
                }
                default -> {
                    // not a sign of partial data
                }
            }
        }
        if (!signs.isEmpty()) {
            acc.warnings.add(name + ": the export holds only part of the data (" + String.join(", ", signs)
                    + "): resources are missing; export every page (az graph query --first 1000 with --skip-token, "
                    + "Search-AzGraph -SkipToken, or follow the nextLink)");
        }
    }

    /**
     * A Resource Graph result in the table format ({@code "data": {"columns": [{"name", "type"}], "rows": [[...]]}}):
     * each row is made into an object by column name, as the objectArray format would have given it.
     */
    private int readTable(String name, JsonNode table, Accumulator acc) throws InputException {
        JsonNode columns = table.get("columns");
        JsonNode rows = table.get("rows");
        if (columns == null || !columns.isArray() || !rows.isArray()) {
            throw new InputException(name + ": Resource Graph table result without a \"columns\" and a \"rows\" array");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode column : columns) {
            JsonNode columnName = column.get("name");
            if (columnName == null || !columnName.isTextual()) {
                throw new InputException(name + ": Resource Graph table column " + names.size() + " has no \"name\" string");
            }
            names.add(columnName.asText());
        }
        int index = 0;
        for (JsonNode row : rows) {
            String where = "\"data\" table row " + index;
            if (!row.isArray() || row.size() != names.size()) {
                throw new InputException(name + ": " + where + ": expected an array of " + names.size()
                        + " values, one per column, found " + (row.isArray() ? row.size() + " values" : describe(row.asToken())));
            }
            ObjectNode resource = MAPPER.createObjectNode();
            for (int i = 0; i < names.size(); i++) {
                if (resource.has(names.get(i))) {
                    throw new InputException(name + ": Resource Graph table names column \"" + names.get(i) + "\" twice");
                }
                resource.set(names.get(i), row.get(i));
            }
            addResource(name, where, resource, acc);
            index++;
        }
        return index;
    }

    /**
     * The response object {@code Invoke-AzRestMethod | ConvertTo-Json} writes ({@code StatusCode}, {@code Content}
     * as a JSON string, {@code Headers}, {@code Method}, {@code Version}): its Content is read as the document.
     */
    private void readResponseContent(String name, ObjectNode response, Accumulator acc) throws IOException, InputException {
        JsonNode status = ExportShapes.field(response, "statuscode");
        int code = status.isNumber() ? status.asInt() : status.asText().strip().equalsIgnoreCase("OK") ? 200 : status.asInt(-1);
        if (code < 200 || code > 299) {
            throw new InputException(name + ": holds an Invoke-AzRestMethod response with status "
                    + (code < 0 ? "\"" + status.asText() + "\"" : String.valueOf(code)) + ", not resources; "
                    + "export again once the request succeeds");
        }
        String content = ExportShapes.field(response, "content").asText();
        String what = name + ": the response's Content";
        try (JsonParser inner = MAPPER.createParser(content)) {
            readDocument(what, inner, acc);
        } catch (ParseFailure e) {
            throw e.toInputException(what);
        }
    }

    /** Reads the resources of an array, the parser on its {@code START_ARRAY}; returns how many elements it had. */
    private int readResourceArray(String name, String what, JsonParser parser, Accumulator acc)
            throws IOException, InputException {
        int index = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new InputException(name + ": " + at(parser) + "the " + what + " is not closed");
            }
            JsonLocation start = parser.currentTokenLocation();
            Element where = new Element(what, index, start.getLineNr(), start.getColumnNr());
            if (token != JsonToken.START_OBJECT) {
                throw new InputException(name + ": " + where + ": expected a resource object, found " + describe(token));
            }
            ObjectNode kept = readElement(name, where, parser, acc.typesSeen);
            if (kept != null) {
                addResource(name, where.toString(), kept, acc);
            }
            index++;
        }
        return index;
    }

    /** Where a resource sits in its file, for error messages; made into text only when one is needed. */
    private record Element(String what, int index, int line, int column) {
        @Override
        public String toString() {
            return what + " element " + index + " (line " + line + ", column " + column + ")";
        }
    }

    /**
     * Reads one resource object of an array, the parser on its {@code START_OBJECT}: its fields when its type is kept,
     * else null, having added the type to {@code typesSeen}. Fields are kept as read until
     * {@code type} says whether the resource is wanted; once it says no, the rest is skipped unbuilt and unchecked for
     * duplicate names (only {@code id} is still read, to be validated), so a dropped resource costs little more than
     * tokenizing it. ARM and Resource Graph put {@code type} among the first fields; when it comes last, the whole
     * object is built and then dropped.
     */
    private ObjectNode readElement(String name, Element where, JsonParser parser, Set<String> typesSeen)
            throws IOException, InputException {
        // the fields before "type" (id and name, as ARM orders them), made into an object only for a resource kept
        String[] names = new String[4];
        // a string among them is kept as its characters until the resource is known to be kept: most are dropped
        Object[] values = new Object[4];
        int count = 0;
        ObjectNode fields = null;
        Object id = null;
        String droppedType = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            if (droppedType != null) {
                if (field.equals("id")) {
                    id = readValue(parser, token);
                } else {
                    parser.skipChildren();
                }
                continue;
            }
            if (fields == null && token == JsonToken.VALUE_STRING && !field.equals("type")
                    && parser.getTextLength() <= MAX_STRING_LENGTH) { // a longer one is refused by getText below
                int start = parser.getTextOffset();
                char[] text = Arrays.copyOfRange(parser.getTextCharacters(), start, start + parser.getTextLength());
                if (count == names.length) {
                    names = Arrays.copyOf(names, count * 2);
                    values = Arrays.copyOf(values, count * 2);
                }
                names[count] = field;
                values[count++] = text;
                if (field.equals("id")) {
                    id = text;
                }
                continue;
            }
            JsonNode value = readValue(parser, token);
            if (fields != null) {
                fields.set(field, value);
            } else {
                if (count == names.length) {
                    names = Arrays.copyOf(names, count * 2);
                    values = Arrays.copyOf(values, count * 2);
                }
                names[count] = field;
                values[count++] = value;
            }
            if (field.equals("id")) {
                id = value;
            } else if (field.equals("type") && value.isTextual() && !value.asText().isBlank()) {
                String type = value.asText().strip().toLowerCase(Locale.ROOT);
                if (keep.test(type)) {
                    fields = objectOf(names, values, count);
                } else {
                    droppedType = type;
                    parser.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
                }
            }
        }
        if (droppedType == null) {
            return fields != null ? fields : objectOf(names, values, count);
        }
        parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        if (!isNonBlankText(id)) {
            throw new InputException(name + ": " + where + ": resource has no \"id\" string");
        }
        typesSeen.add(droppedType);
        return null;
    }

    /** True for a string (a text node, or the characters of one not made yet) that is not blank. */
    private static boolean isNonBlankText(Object value) {
        if (value instanceof char[] chars) {
            // as String.isBlank: every whitespace character is in the BMP
            for (char c : chars) {
                if (!Character.isWhitespace(c)) {
                    return true;
                }
            }
            return false;
        }
        return value instanceof JsonNode node && node.isTextual() && !node.asText().isBlank();
    }

    private static ObjectNode objectOf(String[] names, Object[] values, int count) {
        ObjectNode object = MAPPER.createObjectNode();
        for (int i = 0; i < count; i++) {
            // a name read twice was refused by the parser's duplicate detection
            object.set(names[i], values[i] instanceof char[] chars ? NODES.textNode(new String(chars))
                    : (JsonNode) values[i]);
        }
        return object;
    }

    /** One field value as a tree: strings (most fields) directly, the rest through the mapper. */
    private static JsonNode readValue(JsonParser parser, JsonToken token) throws IOException {
        return token == JsonToken.VALUE_STRING ? NODES.textNode(parser.getText()) : MAPPER.readTree(parser);
    }

    private void addResource(String name, String where, ObjectNode fields, Accumulator acc) throws InputException {
        ObjectNode json = ExportShapes.armShaped(fields);
        Resource resource;
        try {
            resource = Resource.of(json);
        } catch (IllegalArgumentException e) {
            throw new InputException(name + ": " + where + ": " + notAResource(json, e.getMessage()));
        }
        String type = resource.type().strip().toLowerCase(Locale.ROOT);
        acc.typesSeen.add(type);
        if (!keep.test(type)) {
            return;
        }
        if (!acc.cutShort && ExportShapes.hasPowerShellText(json)) {
            acc.cutShort = true;
        }
        String key = resource.key();
        acc.documentIds.add(key);
        Located previous = acc.resources.get(key);
        if (previous != null) {
            if (previous.resource.equals(resource) || sameButForIdCase(previous.resource, resource)) {
                return;
            }
            throw new InputException(name + ": " + where + ": resource " + resource.id()
                    + " appears again with different content (first in " + previous.source + ")");
        }
        acc.resources.put(key, new Located(resource, name));
    }

    /** Why an object is no resource: what Resource.of says, or what the object is when it is a known other shape. */
    private static String notAResource(JsonNode json, String why) {
        String dataPlane = ExportShapes.dataPlaneKey(json);
        if (dataPlane != null) {
            return dataPlane;
        }
        if (ExportShapes.isRestMethodResponse(json)) {
            return "an Invoke-AzRestMethod response, not a resource; write each response's .Content to a file of its own";
        }
        return why;
    }

    /** Ids compare case-insensitively: the same resource spelt {@code resourceGroups} and {@code resourcegroups}. */
    private static boolean sameButForIdCase(Resource first, Resource second) {
        ObjectNode a = (ObjectNode) first.json();
        ObjectNode b = (ObjectNode) second.json();
        a.remove("id");
        b.remove("id");
        return a.equals(b);
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
        /** Whether a resource kept from the file being read holds text PowerShell wrote for a value it cut short. */
        boolean cutShort;
        final List<CollectionLedger.Entry> ledgerEntries = new ArrayList<>();
        final Set<String> recordedIds = new HashSet<>();
        /** The ids read from the document being read, for its header to claim. */
        final List<String> documentIds = new ArrayList<>();

        List<Resource> kept() {
            return resources.values().stream().map(Located::resource).toList();
        }

        Snapshot snapshot() {
            return new Snapshot(sources, kept(), typesSeen, warnings, CollectionLedger.of(ledgerEntries), recordedIds);
        }
    }
}
