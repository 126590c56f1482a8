package dev.lensix.input.terraform;

import dev.lensix.api.resource.DottedPaths;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the resource blocks of one {@code .tf} file are, and where each sets its arguments and nested blocks: enough
 * of HCL's native syntax to point at a line (strings with {@code ${...}} templates, heredocs, comments, nested and
 * {@code dynamic} blocks), not a parser of its expressions.
 *
 * <pre>{@code
 * HclOutline outline = HclOutline.of(Files.readString(Path.of("main.tf")));
 * HclOutline.Block vault = outline.resource("azurerm_recovery_services_vault", "legacy").orElseThrow();
 * vault.line();                          // the line of: resource "azurerm_recovery_services_vault" "legacy" {
 * vault.find("encryption.0.key_id");      // the line and column of key_id = ... in its first encryption block
 * }</pre>
 *
 * Paths are the plan's: an argument by its name, a nested block by its name and its 0-based index among blocks of
 * that name ({@code access_policy.1.object_id}).
 */
final class HclOutline {

    /** A place in the file: 1-based line and column. */
    record Place(int line, int column) {
    }

    /**
     * A {@code resource} block: where it starts and ends, and where its arguments and nested blocks are.
     *
     * @param line    the line of its header
     * @param column  the column of the word {@code resource}
     * @param endLine the line of its closing brace
     * @param inside  arguments and nested blocks by path
     */
    record Block(int line, int column, int endLine, Map<String, Place> inside) {

        /** The place of a path, or of the nearest enclosing path set in the block; empty when none is. */
        Optional<Place> find(String path) {
            return DottedPaths.nearest(inside, path);
        }
    }

    private final Map<String, Block> resources;

    private HclOutline(Map<String, Block> resources) {
        this.resources = Map.copyOf(resources);
    }

    Optional<Block> resource(String type, String name) {
        return Optional.ofNullable(resources.get(type + "." + name));
    }

    int size() {
        return resources.size();
    }

    /** The outline of a file's text. Text that is not valid HCL gives what could be told before it went wrong. */
    static HclOutline of(String text) {
        return new Scanner(text).scan();
    }

    /** One open brace, bracket or parenthesis. */
    private static final class Frame {
        final boolean block;
        final boolean dynamic;
        /** The path of the block inside its resource, "" for the resource itself; null outside any resource. */
        final String path;
        final Map<String, Integer> counts = new HashMap<>();
        final char closer;
        /** For a resource block: its key, header place and what it holds. */
        String resourceKey;
        Place header;
        Map<String, Place> inside;

        Frame(boolean block, boolean dynamic, String path, char closer) {
            this.block = block;
            this.dynamic = dynamic;
            this.path = path;
            this.closer = closer;
        }
    }

    private static final class Scanner {
        private final String text;
        private int at;
        private int line = 1;
        private int lineStart;
        private final Deque<Frame> frames = new ArrayDeque<>();
        private final Map<String, Block> resources = new LinkedHashMap<>();
        /** The innermost resource block's places, while inside one. */
        private final List<Frame> openResources = new ArrayList<>();

        Scanner(String text) {
            this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        }

        HclOutline scan() {
            frames.push(new Frame(true, false, null, '\0'));
            boolean statementStart = true;
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c == '\n') {
                    newline();
                    at++;
                    statementStart = frames.peek().block;
                    continue;
                }
                if (c == ' ' || c == '\t' || c == '\r') {
                    at++;
                    continue;
                }
                if (c == '#' || (c == '/' && peek(1) == '/')) {
                    skipToEndOfLine();
                    continue;
                }
                if (c == '/' && peek(1) == '*') {
                    skipBlockComment();
                    continue;
                }
                if (statementStart && frames.peek().block && isIdentifierStart(c)) {
                    // after a block's opening brace, an argument may follow on the same line
                    statementStart = statement();
                    continue;
                }
                statementStart = false;
                expressionCharacter(c);
            }
            return new HclOutline(resources);
        }

        /**
         * An argument ({@code name = ...}) or a block header ({@code name "label" ... {}) at the start of a statement;
         * true when it opened a block.
         */
        private boolean statement() {
            int column = at - lineStart + 1;
            int startLine = line;
            String name = identifier();
            skipSpaces();
            if (peek(0) == '=' && peek(1) != '=') {
                at++;
                record(name, new Place(startLine, column));
                return false; // the value is read as expression characters
            }
            List<String> labels = new ArrayList<>();
            while (at < text.length()) {
                skipSpaces();
                char c = peek(0);
                if (c == '"') {
                    int from = at + 1;
                    skipString();
                    labels.add(text.substring(from, Math.max(from, at - 1)));
                } else if (isIdentifierStart(c)) {
                    labels.add(identifier());
                } else {
                    break;
                }
            }
            if (peek(0) != '{') {
                return false; // not a block header after all: read on as expression characters
            }
            at++;
            openBlock(name, labels, new Place(startLine, column));
            return true;
        }

        private void openBlock(String name, List<String> labels, Place header) {
            Frame parent = frames.peek();
            if (parent.path == null) {
                boolean resource = name.equals("resource") && labels.size() == 2;
                Frame frame = new Frame(true, false, resource ? "" : null, '}');
                if (resource) {
                    frame.resourceKey = labels.get(0) + "." + labels.get(1);
                    frame.header = header;
                    frame.inside = new LinkedHashMap<>();
                    openResources.add(frame);
                }
                frames.push(frame);
                return;
            }
            boolean dynamic = name.equals("dynamic") && labels.size() == 1;
            String blockName = dynamic ? labels.get(0) : name;
            if (parent.dynamic && name.equals("content")) {
                frames.push(new Frame(true, false, parent.path, '}')); // a dynamic block's content is the block itself
                return;
            }
            int index = parent.counts.merge(blockName, 1, Integer::sum) - 1;
            String path = join(parent.path, blockName + "." + index);
            if (index == 0) {
                record(blockName, header); // the first block of a name stands for all of them
            }
            recordPath(path, header);
            frames.push(new Frame(true, dynamic, path, '}'));
        }

        private void record(String name, Place place) {
            Frame parent = frames.peek();
            if (parent.path != null) {
                recordPath(join(parent.path, name), place);
            }
        }

        private void recordPath(String path, Place place) {
            if (!openResources.isEmpty()) {
                openResources.get(openResources.size() - 1).inside.putIfAbsent(path, place);
            }
        }

        private void expressionCharacter(char c) {
            switch (c) {
                case '"' -> skipString();
                case '<' -> {
                    if (peek(1) == '<' && (isIdentifierStart(peek(2)) || (peek(2) == '-' && isIdentifierStart(peek(3))))) {
                        skipHeredoc();
                    } else {
                        at++;
                    }
                }
                case '{' -> {
                    frames.push(new Frame(false, false, frames.peek().path, '}'));
                    at++;
                }
                case '[' -> {
                    frames.push(new Frame(false, false, frames.peek().path, ']'));
                    at++;
                }
                case '(' -> {
                    frames.push(new Frame(false, false, frames.peek().path, ')'));
                    at++;
                }
                case '}', ']', ')' -> {
                    close();
                    at++;
                }
                default -> at++;
            }
        }

        private void close() {
            if (frames.size() <= 1) {
                return; // an unbalanced closer: ignored
            }
            Frame closed = frames.pop();
            if (closed.resourceKey != null) {
                openResources.remove(closed);
                resources.putIfAbsent(closed.resourceKey,
                        new Block(closed.header.line(), closed.header.column(), line, closed.inside));
            }
        }

        /** From an opening quote past its closing quote, templates and escapes included. */
        private void skipString() {
            at++; // the opening quote
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c == '\\') {
                    at += 2;
                } else if (c == '"') {
                    at++;
                    return;
                } else if (c == '\n') {
                    return; // a quoted string does not span lines: stop here rather than lose the file
                } else if ((c == '$' || c == '%') && peek(1) == '{') {
                    at += 2;
                    skipTemplate();
                } else {
                    at++;
                }
            }
        }

        /** The inside of {@code ${ ... }} up to its closing brace. */
        private void skipTemplate() {
            int depth = 1;
            while (at < text.length() && depth > 0) {
                char c = text.charAt(at);
                if (c == '"') {
                    skipString();
                    continue;
                }
                if (c == '\n') {
                    newline();
                }
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    depth--;
                }
                at++;
            }
        }

        private void skipHeredoc() {
            at += 2;
            if (peek(0) == '-') {
                at++;
            }
            String marker = identifier();
            skipToEndOfLine();
            while (at < text.length()) {
                newline();
                at++; // the line feed
                int end = text.indexOf('\n', at);
                String content = text.substring(at, end < 0 ? text.length() : end).strip();
                if (content.equals(marker)) {
                    at = end < 0 ? text.length() : end;
                    return;
                }
                if (end < 0) {
                    at = text.length();
                    return;
                }
                at = end;
            }
        }

        private void skipBlockComment() {
            at += 2;
            while (at < text.length() && !(text.charAt(at) == '*' && peek(1) == '/')) {
                if (text.charAt(at) == '\n') {
                    newline();
                }
                at++;
            }
            at = Math.min(text.length(), at + 2);
        }

        private void skipToEndOfLine() {
            while (at < text.length() && text.charAt(at) != '\n') {
                at++;
            }
        }

        private void skipSpaces() {
            while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
                at++;
            }
        }

        private String identifier() {
            int from = at;
            while (at < text.length() && isIdentifierPart(text.charAt(at))) {
                at++;
            }
            return text.substring(from, at);
        }

        private void newline() {
            line++;
            lineStart = at + 1;
        }

        private char peek(int ahead) {
            int index = at + ahead;
            return index < text.length() ? text.charAt(index) : '\0';
        }

        private static boolean isIdentifierStart(char c) {
            return Character.isLetter(c) || c == '_';
        }

        private static boolean isIdentifierPart(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '-';
        }

        private static String join(String path, String name) {
            return path.isEmpty() ? name : path + "." + name;
        }
    }
}
