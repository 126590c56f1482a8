package dev.lensix.input.template;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The declarations of a {@code .bicep} file, found without a Bicep parser: each {@code resource} and {@code module}
 * with its symbolic name, full type (a nested child's type joined to its parent's), the lines it spans and the lines
 * of the properties written one per line inside it. Comments and string contents are read past, not into.
 *
 * <pre>{@code
 * BicepOutline outline = BicepOutline.parse(Files.readString(Path.of("main.bicep")));
 * BicepOutline.Declaration vault = outline.bySymbol("vault").orElseThrow();
 * vault.line();                                                      // 12
 * vault.properties().get("properties.encryption.keyVaultProperties"); // [20, 7]
 * }</pre>
 */
final class BicepOutline {

    /** A line and column, 1-based. */
    record Place(int line, int column) {
    }

    /** One {@code resource} or {@code module} declaration. */
    record Declaration(String symbol, String type, boolean existing, boolean module, String modulePath, int line,
                       int column, int[] endLine, Map<String, Place> properties) {
        int end() {
            return Math.max(line, endLine[0]);
        }
    }

    private static final Pattern HEADER = Pattern.compile("^(\\s*)(resource|module)\\s+([A-Za-z_][A-Za-z0-9_]*)\\s+'");
    private static final Pattern KEY = Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_]*|'[^']*')\\s*:");

    private final List<Declaration> declarations;

    private BicepOutline(List<Declaration> declarations) {
        this.declarations = List.copyOf(declarations);
    }

    List<Declaration> declarations() {
        return declarations;
    }

    Optional<Declaration> bySymbol(String symbol) {
        return declarations.stream().filter(d -> d.symbol().equals(symbol)).findFirst();
    }

    /** The resources (not modules, not {@code existing}) of a type, in the order written. */
    List<Declaration> ofType(String type) {
        return declarations.stream().filter(d -> !d.module() && !d.existing() && d.type().equalsIgnoreCase(type)).toList();
    }

    List<Declaration> modules() {
        return declarations.stream().filter(Declaration::module).toList();
    }

    private enum Kind { DECLARATION, OBJECT, ARRAY }

    private record Frame(Kind kind, String key, Declaration declaration) {
    }

    static BicepOutline parse(String text) {
        String[] raw = text.split("\\R", -1);
        String[] code = blank(text).split("\\R", -1);
        List<Declaration> found = new ArrayList<>();
        Deque<Frame> frames = new ArrayDeque<>();
        Declaration pending = null;
        for (int i = 0; i < code.length; i++) {
            String line = code[i];
            int lineNumber = i + 1;
            Matcher header = HEADER.matcher(line);
            int from = 0;
            if (header.find()) {
                int quote = header.end() - 1;
                int close = raw[i].indexOf('\'', quote + 1);
                String literal = close < 0 ? "" : raw[i].substring(quote + 1, close);
                boolean module = header.group(2).equals("module");
                String type = module ? "Microsoft.Resources/deployments" : literal.split("@", 2)[0];
                Declaration parent = enclosingDeclaration(frames);
                if (!module && parent != null && !type.contains(".")) {
                    type = parent.type() + "/" + type;
                }
                boolean existing = !module && line.substring(Math.max(close, 0)).matches(".*\\bexisting\\b.*");
                String symbol = parent != null ? parent.symbol() + "::" + header.group(3) : header.group(3);
                pending = new Declaration(symbol, type, existing, module, module ? literal : "", lineNumber,
                        header.group(1).length() + 1, new int[] {lineNumber}, new LinkedHashMap<>());
                found.add(pending);
                from = close < 0 ? line.length() : close + 1;
            } else {
                Matcher key = KEY.matcher(line);
                Declaration owner = enclosingDeclaration(frames);
                if (key.find() && owner != null && !frames.isEmpty() && frames.peek().kind() != Kind.ARRAY && pending == null) {
                    String name = key.group(1).replace("'", "");
                    String path = pathOf(frames, name);
                    if (path != null) {
                        owner.properties().putIfAbsent(path, new Place(lineNumber, key.start(1) + 1));
                    }
                    from = key.end();
                    String rest = line.substring(from).strip();
                    if (rest.startsWith("{") || rest.startsWith("[")) {
                        frames.push(new Frame(rest.startsWith("{") ? Kind.OBJECT : Kind.ARRAY, name, null));
                        from = line.indexOf(rest.charAt(0), from) + 1;
                    }
                }
            }
            for (int c = from; c < line.length(); c++) {
                char ch = line.charAt(c);
                if (ch == '{') {
                    if (pending != null) {
                        frames.push(new Frame(Kind.DECLARATION, null, pending));
                        pending = null;
                    } else {
                        frames.push(new Frame(Kind.OBJECT, null, null));
                    }
                } else if (ch == '[' && pending == null) {
                    frames.push(new Frame(Kind.ARRAY, null, null));
                } else if (ch == '}' || ch == ']') {
                    if (!frames.isEmpty() && (frames.peek().kind() == Kind.ARRAY) == (ch == ']')) {
                        Frame closed = frames.pop();
                        if (closed.kind() == Kind.DECLARATION) {
                            closed.declaration().endLine()[0] = lineNumber;
                        }
                    }
                }
            }
        }
        return new BicepOutline(found);
    }

    private static Declaration enclosingDeclaration(Deque<Frame> frames) {
        for (Frame frame : frames) {
            if (frame.kind() == Kind.DECLARATION) {
                return frame.declaration();
            }
        }
        return null;
    }

    /** The dotted path of {@code key} in the innermost declaration; null inside an array, which has no names. */
    private static String pathOf(Deque<Frame> frames, String key) {
        List<String> keys = new ArrayList<>();
        for (Frame frame : frames) {
            if (frame.kind() == Kind.DECLARATION) {
                break;
            }
            if (frame.kind() == Kind.ARRAY || frame.key() == null) {
                return null;
            }
            keys.add(0, frame.key());
        }
        keys.add(key);
        return String.join(".", keys);
    }

    /** The text with comments and string contents replaced by spaces, so lines and columns stay where they are. */
    private static String blank(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                int stop = end < 0 ? text.length() : end + 2;
                for (; i < stop; i++) {
                    out.append(isBreak(text.charAt(i)) ? text.charAt(i) : ' ');
                }
            } else if (text.startsWith("'''", i)) {
                int end = text.indexOf("'''", i + 3);
                int stop = end < 0 ? text.length() : end + 3;
                out.append("'''");
                for (i += 3; i < stop - 3; i++) {
                    out.append(isBreak(text.charAt(i)) ? text.charAt(i) : ' ');
                }
                out.append(stop - 3 >= i ? "'''" : "");
                i = stop;
            } else if (c == '\'') {
                out.append('\'');
                i++;
                while (i < text.length() && text.charAt(i) != '\'' && !isBreak(text.charAt(i))) {
                    if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                        out.append(' ');
                        i++;
                    }
                    out.append(' ');
                    i++;
                }
                if (i < text.length() && text.charAt(i) == '\'') {
                    out.append('\'');
                    i++;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static boolean isBreak(char c) {
        return c == '\n' || c == '\r';
    }
}
