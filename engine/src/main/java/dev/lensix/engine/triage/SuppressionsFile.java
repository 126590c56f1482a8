package dev.lensix.engine.triage;

import dev.lensix.api.input.InputException;
import dev.lensix.api.report.Suppression;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Reads and validates one suppressions file ({@code lensix-suppressions.yaml}, schema in
 * {@code docs/lensix-suppressions.schema.json}). Anything not exactly as documented stops the scan with one line naming
 * the file, the line and the problem, before anything is scanned.
 *
 * <p>The YAML parser is configured for untrusted text: YAML 1.2 core schema (no language-specific types, nothing is
 * instantiated), duplicate keys refused, at most {@value #MAX_ALIASES} aliases, at most {@value #MAX_BYTES} bytes,
 * and parsing on a thread of its own so that nesting too deep for its stack is an error, not a crash.
 */
final class SuppressionsFile {

    static final int MAX_BYTES = 1024 * 1024;
    static final int MAX_ALIASES = 50;
    static final int MAX_TEXT = 4096;
    static final int FORMAT_VERSION = 1;

    private static final List<String> ROOT_KEYS = List.of("version", "suppressions");
    private static final List<String> ENTRY_KEYS = List.of("name", "checks", "resources", "tags", "justification",
            "owner", "expires", "category", "ticket");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final long PARSER_STACK_BYTES = 1024 * 1024;

    private final Path path;
    private final String name;
    private final CompletableFuture<Set<String>> checkIds;
    private final LocalDate today;
    private final int maxDaysAhead;

    private SuppressionsFile(Path path, CompletableFuture<Set<String>> checkIds, LocalDate today, int maxDaysAhead) {
        this.path = path;
        this.name = path.toString();
        this.checkIds = checkIds;
        this.today = today;
        this.maxDaysAhead = maxDaysAhead;
    }

    /**
     * The file's entries, in file order.
     *
     * @param checkIds     every check id this scan knows (an entry naming another is an error)
     * @param today        the day expiry is judged against
     * @param maxDaysAhead how far ahead an expiry may be
     */
    static List<SuppressionEntry> load(Path path, Set<String> checkIds, LocalDate today, int maxDaysAhead)
            throws InputException {
        return load(path, CompletableFuture.completedFuture(checkIds), today, maxDaysAhead);
    }

    /** As {@link #load(Path, Set, LocalDate, int)}, waiting for the check ids only when the first entry names one. */
    static List<SuppressionEntry> load(Path path, CompletableFuture<Set<String>> checkIds, LocalDate today,
                                       int maxDaysAhead) throws InputException {
        return new SuppressionsFile(path, checkIds, today, maxDaysAhead).entries();
    }

    private InputException error(String message) {
        return new InputException(name + ": " + message);
    }

    private InputException error(Node node, String message) {
        return new InputException(name + ":" + line(node) + ": " + message);
    }

    private static int line(Node node) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(1);
    }

    private List<SuppressionEntry> entries() throws InputException {
        Node root = compose(text());
        if (!(root instanceof MappingNode mapping)) {
            throw error(root, "a suppressions file is a mapping with version and suppressions, not " + kind(root));
        }
        Map<String, Node> fields = fields(mapping, ROOT_KEYS, "the file");
        Node version = fields.get("version");
        if (version == null) {
            throw error(root, "version is missing: the file starts with 'version: " + FORMAT_VERSION + "'");
        }
        if (!scalarText(version).equals(String.valueOf(FORMAT_VERSION))) {
            throw error(version, "version " + scalarText(version) + " is not supported: this lensix reads version "
                    + FORMAT_VERSION);
        }
        Node list = fields.get("suppressions");
        if (list == null || isNull(list)) {
            throw error(root, "suppressions is missing: give a list of entries (an empty list, [], for none)");
        }
        if (!(list instanceof SequenceNode sequence)) {
            throw error(list, "suppressions is a list of entries, not " + kind(list));
        }
        List<SuppressionEntry> entries = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        for (Node item : sequence.getValue()) {
            SuppressionEntry entry = entry(item);
            Integer earlier = names.putIfAbsent(entry.name(), entry.line());
            if (earlier != null) {
                throw error(item, "entry name '" + entry.name() + "' is already used on line " + earlier
                        + ": names are unique in a file");
            }
            entries.add(entry);
        }
        return entries;
    }

    private String text() throws InputException {
        byte[] bytes;
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw error("larger than " + MAX_BYTES / 1024 + " KiB, which no list of accepted risks needs");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw error("no such file");
        } catch (IOException e) {
            throw error("cannot read: " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            throw error("larger than " + MAX_BYTES / 1024 + " KiB, which no list of accepted risks needs");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw error("not UTF-8 text: save it as UTF-8");
        }
    }

    /** The one YAML document of the file, parsed on a thread whose stack bounds how deep it may nest. */
    private Node compose(String text) throws InputException {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(path.getFileName() == null ? name : path.getFileName().toString())
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setCodePointLimit(MAX_BYTES)
                .setUseMarks(true)
                .build();
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread parser = new Thread(null, () -> {
            try {
                List<Node> documents = new ArrayList<>();
                for (Node document : new Compose(settings).composeAllFromString(text)) {
                    documents.add(document);
                    if (documents.size() > 1) {
                        break;
                    }
                }
                outcome.set(documents);
            } catch (StackOverflowError e) {
                outcome.set(error("nested too deeply to be a suppressions file"));
            } catch (MarkedYamlEngineException e) {
                int at = e.getProblemMark().or(e::getContextMark).map(mark -> mark.getLine() + 1).orElse(1);
                outcome.set(new InputException(name + ":" + at + ": not valid YAML: " + oneLine(problem(e))));
            } catch (YamlEngineException e) {
                outcome.set(error("not valid YAML: " + oneLine(e.getMessage())));
            } catch (RuntimeException e) {
                outcome.set(error("not valid YAML: " + oneLine(String.valueOf(e.getMessage()))));
            }
        }, "lensix-suppressions-parser", PARSER_STACK_BYTES);
        parser.start();
        try {
            parser.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw error("interrupted while reading");
        }
        Object result = outcome.get();
        if (result instanceof InputException failure) {
            throw failure;
        }
        @SuppressWarnings("unchecked")
        List<Node> documents = (List<Node>) result;
        if (documents.isEmpty()) {
            throw error("file is empty: it starts with 'version: " + FORMAT_VERSION + "' and lists suppressions");
        }
        if (documents.size() > 1) {
            throw error(documents.get(1), "holds more than one YAML document (---): keep one per file");
        }
        return documents.get(0);
    }

    private static String problem(MarkedYamlEngineException e) {
        String problem = e.getProblem();
        if (problem == null || problem.isBlank()) {
            problem = e.getContext();
        }
        return problem == null ? "cannot be parsed" : problem;
    }

    private SuppressionEntry entry(Node item) throws InputException {
        if (!(item instanceof MappingNode mapping)) {
            throw error(item, "an entry is a mapping (name, checks, resources or tags, justification, owner, expires),"
                    + " not " + kind(item));
        }
        Map<String, Node> fields = fields(mapping, ENTRY_KEYS, "an entry");
        String entryName = requiredText(fields, "name", item, "an entry needs a name, unique in the file");
        String label = "entry '" + entryName + "'";
        List<String> checks = checks(fields.get("checks"), item, label);
        List<ResourceGlob> resources = new ArrayList<>();
        Node resourceNode = fields.get("resources");
        if (resourceNode != null) {
            for (Node glob : list(resourceNode, label + ": resources")) {
                try {
                    resources.add(ResourceGlob.parse(text(glob, label + ": a resource")));
                } catch (IllegalArgumentException e) {
                    throw error(glob, label + ": resources: " + e.getMessage());
                }
            }
        }
        Map<String, String> tags = tags(fields.get("tags"), label);
        if (resources.isEmpty() && tags.isEmpty()) {
            throw error(item, label + ": say what it matches: resources (ARM id patterns), tags, or both");
        }
        String justification = requiredText(fields, "justification", item, label + ": justification is required: why is"
                + " this risk accepted?");
        String owner = requiredText(fields, "owner", item, label + ": owner is required: who accepted this risk"
                + " (an email or a team)?");
        LocalDate expires = expires(fields.get("expires"), item, label);
        Suppression.Category category = Suppression.Category.ACCEPTED_RISK;
        Node categoryNode = fields.get("category");
        if (categoryNode != null) {
            String spelled = text(categoryNode, label + ": category");
            category = Suppression.Category.parse(spelled).orElseThrow(() -> error(categoryNode, label + ": category '"
                    + spelled + "' is not accepted-risk or mitigated"));
        }
        Optional<String> ticket = Optional.empty();
        Node ticketNode = fields.get("ticket");
        if (ticketNode != null) {
            ticket = Optional.of(text(ticketNode, label + ": ticket"));
        }
        return new SuppressionEntry(new Suppression(entryName, justification, owner, expires, category, ticket, name),
                checks, resources, tags, line(item));
    }

    private List<String> checks(Node node, Node item, String label) throws InputException {
        if (node == null || isNull(node)) {
            throw error(item, label + ": checks is required: the check ids it covers, such as [rsv_nobyok]");
        }
        List<Node> items = node instanceof ScalarNode ? List.of(node) : list(node, label + ": checks");
        if (items.isEmpty()) {
            throw error(node, label + ": checks is empty: name at least one check id");
        }
        List<String> ids = new ArrayList<>();
        for (Node idNode : items) {
            String id = text(idNode, label + ": a check id");
            if (id.contains("*")) {
                Pattern glob = Globs.star(id);
                if (checkIds.join().stream().noneMatch(known -> glob.matcher(known).matches())) {
                    throw error(idNode, label + ": checks: '" + id + "' matches no check id ('lensix checks list' lists them)");
                }
            } else if (!checkIds.join().contains(id)) {
                throw error(idNode, label + ": checks: unknown check id '" + id + "' ('lensix checks list' lists them)");
            }
            ids.add(id);
        }
        return ids;
    }

    private Map<String, String> tags(Node node, String label) throws InputException {
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, label + ": tags is a mapping of tag name to value, not " + kind(node));
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = text(tuple.getKeyNode(), label + ": a tag name");
            String value = text(tuple.getValueNode(), label + ": tag " + key);
            if (tags.put(key.toLowerCase(Locale.ROOT), value) != null) {
                throw error(tuple.getKeyNode(), label + ": tag " + key + " is given twice (tag names ignore case)");
            }
        }
        return tags;
    }

    private LocalDate expires(Node node, Node item, String label) throws InputException {
        if (node == null || isNull(node)) {
            throw error(item, label + ": expires is required: the last day the risk is accepted (YYYY-MM-DD)");
        }
        String text = text(node, label + ": expires");
        LocalDate date;
        try {
            if (!DATE.matcher(text).matches()) {
                throw new DateTimeParseException("not YYYY-MM-DD", text, 0);
            }
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw error(node, label + ": expires '" + text + "' is not a date (YYYY-MM-DD)");
        }
        if (date.isAfter(today.plusDays(maxDaysAhead))) {
            throw error(node, label + ": expires " + date + " is more than " + maxDaysAhead + " days ahead: accept a"
                    + " risk for at most that long, then review it (--suppression-max-days sets the limit)");
        }
        return date;
    }

    private String requiredText(Map<String, Node> fields, String key, Node item, String missing) throws InputException {
        Node node = fields.get(key);
        if (node == null || isNull(node)) {
            throw error(item, missing);
        }
        String text = text(node, key);
        if (text.isBlank()) {
            throw error(node, missing);
        }
        return text.strip();
    }

    /** A mapping's keys, each one of {@code allowed}. */
    private Map<String, Node> fields(MappingNode mapping, List<String> allowed, String what) throws InputException {
        Map<String, Node> fields = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            String key = keyNode instanceof ScalarNode scalar ? scalar.getValue() : null;
            if (key == null || !allowed.contains(key)) {
                throw error(keyNode, "unknown key " + (key == null ? kind(keyNode) : "'" + key + "'") + " in " + what
                        + " (" + String.join(", ", allowed) + ")");
            }
            if (fields.put(key, tuple.getValueNode()) != null) {
                throw error(keyNode, "key '" + key + "' is given twice in " + what);
            }
        }
        return fields;
    }

    private List<Node> list(Node node, String what) throws InputException {
        if (!(node instanceof SequenceNode sequence)) {
            throw error(node, what + " is a list, not " + kind(node));
        }
        return sequence.getValue();
    }

    private String text(Node node, String what) throws InputException {
        if (!(node instanceof ScalarNode scalar) || isNull(node)) {
            throw error(node, what + " is a text, not " + kind(node));
        }
        if (scalar.getValue().length() > MAX_TEXT) {
            throw error(node, what + " is longer than " + MAX_TEXT + " characters");
        }
        return scalar.getValue();
    }

    private static String scalarText(Node node) {
        return node instanceof ScalarNode scalar ? scalar.getValue() : kind(node);
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    private static String kind(Node node) {
        if (node == null || isNull(node)) {
            return "empty";
        }
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return "the text '" + abbreviate(((ScalarNode) node).getValue()) + "'";
    }

    private static String abbreviate(String text) {
        String line = oneLine(text);
        return line.length() > 60 ? line.substring(0, 60) + "..." : line;
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\t]+", " ").strip();
    }
}
