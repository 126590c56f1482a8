package dev.lensix.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The template functions lensix evaluates in policy rules, as Azure Policy does. String comparisons inside
 * them ({@code equals}, {@code contains}, {@code startsWith}, {@code endsWith}) ignore case, like the
 * conditions do. Anything not listed here is a load error, never a silent default.
 */
final class Functions {

    @FunctionalInterface
    interface Body {
        JsonNode apply(List<Expr> args, EvalScope scope);
    }

    record Function(String name, int min, int max, Body body) {
    }

    private static final Map<String, Function> FUNCTIONS = new TreeMap<>();
    private static final Map<String, FieldRef> FIELD_CACHE = new ConcurrentHashMap<>();

    static {
        define("parameters", 1, 1, (args, scope) -> scope.parameter(text(args.get(0).eval(scope), "parameters")));
        define("field", 1, 1, (args, scope) -> field(text(args.get(0).eval(scope), "field"), scope));
        define("current", 0, 1, (args, scope) -> current(args.isEmpty() ? null : text(args.get(0).eval(scope), "current"), scope));
        define("concat", 1, Integer.MAX_VALUE, Functions::concat);
        define("tolower", 1, 1, (args, scope) -> str(text(args.get(0).eval(scope), "toLower").toLowerCase(Locale.ROOT)));
        define("toupper", 1, 1, (args, scope) -> str(text(args.get(0).eval(scope), "toUpper").toUpperCase(Locale.ROOT)));
        define("if", 3, 3, (args, scope) -> bool(args.get(0).eval(scope), "if")
                ? args.get(1).eval(scope) : args.get(2).eval(scope));
        define("empty", 1, 1, (args, scope) -> Values.NODES.booleanNode(empty(args.get(0).eval(scope))));
        define("length", 1, 1, (args, scope) -> Values.NODES.numberNode(length(args.get(0).eval(scope))));
        define("split", 2, 2, Functions::split);
        define("equals", 2, 2, (args, scope) -> Values.NODES.booleanNode(
                equal(args.get(0).eval(scope), args.get(1).eval(scope))));
        define("and", 1, Integer.MAX_VALUE, (args, scope) -> {
            for (Expr arg : args) {
                if (!bool(arg.eval(scope), "and")) {
                    return Values.NODES.booleanNode(false);
                }
            }
            return Values.NODES.booleanNode(true);
        });
        define("or", 1, Integer.MAX_VALUE, (args, scope) -> {
            for (Expr arg : args) {
                if (bool(arg.eval(scope), "or")) {
                    return Values.NODES.booleanNode(true);
                }
            }
            return Values.NODES.booleanNode(false);
        });
        define("not", 1, 1, (args, scope) -> Values.NODES.booleanNode(!bool(args.get(0).eval(scope), "not")));
        define("contains", 2, 2, (args, scope) -> Values.NODES.booleanNode(
                contains(args.get(0).eval(scope), args.get(1).eval(scope))));
        define("startswith", 2, 2, (args, scope) -> Values.NODES.booleanNode(
                lower(args.get(0).eval(scope), "startsWith").startsWith(lower(args.get(1).eval(scope), "startsWith"))));
        define("endswith", 2, 2, (args, scope) -> Values.NODES.booleanNode(
                lower(args.get(0).eval(scope), "endsWith").endsWith(lower(args.get(1).eval(scope), "endsWith"))));
        define("first", 1, 1, (args, scope) -> end(args.get(0).eval(scope), true));
        define("last", 1, 1, (args, scope) -> end(args.get(0).eval(scope), false));
        define("padleft", 2, 3, Functions::padLeft);
        define("substring", 2, 3, Functions::substring);
        define("trim", 1, 1, (args, scope) -> str(text(args.get(0).eval(scope), "trim").strip()));
        define("replace", 3, 3, (args, scope) -> str(text(args.get(0).eval(scope), "replace")
                .replace(text(args.get(1).eval(scope), "replace"), text(args.get(2).eval(scope), "replace"))));
        define("string", 1, 1, (args, scope) -> {
            JsonNode value = args.get(0).eval(scope);
            return str(value.isValueNode() ? Values.text(value) : value.toString());
        });
        define("int", 1, 1, (args, scope) -> Values.NODES.numberNode(integer(args.get(0).eval(scope), "int")));
        define("bool", 1, 1, (args, scope) -> Values.NODES.booleanNode(bool(args.get(0).eval(scope), "bool")));
        define("true", 0, 0, (args, scope) -> Values.NODES.booleanNode(true));
        define("false", 0, 0, (args, scope) -> Values.NODES.booleanNode(false));
        define("null", 0, 0, (args, scope) -> Values.NODES.nullNode());
        define("coalesce", 1, Integer.MAX_VALUE, (args, scope) -> {
            for (Expr arg : args) {
                JsonNode value = arg.eval(scope);
                if (Values.present(value)) {
                    return value;
                }
            }
            return Values.NODES.nullNode();
        });
        define("createarray", 0, Integer.MAX_VALUE, (args, scope) -> {
            ArrayNode array = Values.NODES.arrayNode();
            args.forEach(arg -> array.add(arg.eval(scope)));
            return array;
        });
        define("less", 2, 2, (args, scope) -> Values.NODES.booleanNode(compare(args, scope) < 0));
        define("lessorequals", 2, 2, (args, scope) -> Values.NODES.booleanNode(compare(args, scope) <= 0));
        define("greater", 2, 2, (args, scope) -> Values.NODES.booleanNode(compare(args, scope) > 0));
        define("greaterorequals", 2, 2, (args, scope) -> Values.NODES.booleanNode(compare(args, scope) >= 0));
    }

    private Functions() {
    }

    private static void define(String name, int min, int max, Body body) {
        FUNCTIONS.put(name, new Function(name, min, max, body));
    }

    /** The function of that (lower-case) name; null when lensix does not have it. */
    static Function lookup(String name) {
        return FUNCTIONS.get(name);
    }

    /** The names of every supported function, for error messages. */
    static String supported() {
        return String.join(", ", FUNCTIONS.keySet().stream().map(Functions::spelled).toList());
    }

    private static String spelled(String name) {
        return switch (name) {
            case "tolower" -> "toLower";
            case "toupper" -> "toUpper";
            case "startswith" -> "startsWith";
            case "endswith" -> "endsWith";
            case "padleft" -> "padLeft";
            case "createarray" -> "createArray";
            case "lessorequals" -> "lessOrEquals";
            case "greaterorequals" -> "greaterOrEquals";
            default -> name;
        };
    }

    static JsonNode call(Expr.Call call, EvalScope scope) {
        Function function = FUNCTIONS.get(call.name());
        if (function == null) { // the loader rejects these; kept as a guard
            throw new PolicyEvaluationException("template function '" + call.spelled() + "' is not supported");
        }
        try {
            return function.body().apply(call.args(), scope);
        } catch (PolicyEvaluationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PolicyEvaluationException(call.spelled() + "(): " + e.getMessage());
        }
    }

    static FieldRef fieldRef(String name, java.util.Collection<String> types) {
        return FieldRef.parse(name, types);
    }

    /**
     * {@code field('x')}: the value of a field of the evaluated resource; an array of the selected values for a
     * {@code [*]} alias; an empty string when the field is absent (as Azure Policy returns).
     */
    private static JsonNode field(String name, EvalScope scope) {
        Subject subject = scope.functionSubject();
        FieldRef ref;
        try {
            ref = FIELD_CACHE.computeIfAbsent(subject.resource().type().toLowerCase(Locale.ROOT) + "|" + name,
                    key -> FieldRef.parse(name, List.of(subject.resource().type())));
        } catch (IllegalArgumentException e) {
            if (name.contains("/") && !name.toLowerCase(Locale.ROOT).startsWith("tags")) {
                return Values.NODES.textNode(""); // an alias of another type: nothing to read on this resource
            }
            throw new PolicyEvaluationException(e.getMessage());
        }
        FieldRef.Selection selection = ref.select(subject);
        scope.record(subject, selection);
        if (selection.collection()) {
            ArrayNode array = Values.NODES.arrayNode();
            selection.values().forEach(value -> array.add(value.isMissingNode() ? Values.NODES.nullNode() : value));
            return array;
        }
        JsonNode value = selection.values().get(0);
        return value.isMissingNode() ? Values.NODES.textNode("") : value;
    }

    /**
     * {@code current()}: the element of the innermost count; {@code current('name')}: of the value count of that
     * name or the field count of that alias; {@code current('alias[*].property')}: that property of the element
     * counted by the field count over {@code alias[*]}.
     */
    private static JsonNode current(String name, EvalScope scope) {
        EvalScope.Binding binding = scope.bindings();
        if (binding == null) {
            throw new PolicyEvaluationException("current() is only available inside a count's where");
        }
        if (name == null) {
            return binding.value();
        }
        for (EvalScope.Binding b = binding; b != null; b = b.outer()) {
            if ((b.name() != null && b.name().equalsIgnoreCase(name))
                    || (b.alias() != null && b.alias().text().equalsIgnoreCase(name))) {
                return b.value();
            }
        }
        for (EvalScope.Binding b = binding; b != null; b = b.outer()) {
            if (b.alias() != null && name.toLowerCase(Locale.ROOT).startsWith(b.alias().text().toLowerCase(Locale.ROOT))) {
                FieldRef ref = FieldRef.parse(name, List.of(b.alias().aliasType()));
                List<JsonNode> values = ref.select(scope.subject()).values();
                return values.isEmpty() || values.get(0).isMissingNode() ? Values.NODES.nullNode() : values.get(0);
            }
        }
        throw new PolicyEvaluationException("current('" + name + "') names no enclosing count");
    }

    private static JsonNode concat(List<Expr> args, EvalScope scope) {
        List<JsonNode> values = args.stream().map(arg -> arg.eval(scope)).toList();
        if (values.stream().allMatch(JsonNode::isArray)) {
            ArrayNode array = Values.NODES.arrayNode();
            values.forEach(value -> array.addAll((ArrayNode) value));
            return array;
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode value : values) {
            if (value.isContainerNode()) {
                throw new PolicyEvaluationException("concat() mixes arrays or objects with strings");
            }
            text.append(value.isNull() || value.isMissingNode() ? "" : Values.text(value));
        }
        return str(text.toString());
    }

    private static JsonNode split(List<Expr> args, EvalScope scope) {
        String input = text(args.get(0).eval(scope), "split");
        JsonNode delimiters = args.get(1).eval(scope);
        List<String> separators = delimiters.isArray()
                ? java.util.stream.StreamSupport.stream(delimiters.spliterator(), false).map(d -> text(d, "split")).toList()
                : List.of(text(delimiters, "split"));
        ArrayNode parts = Values.NODES.arrayNode();
        int start = 0;
        int i = 0;
        while (i < input.length()) {
            String hit = null;
            for (String separator : separators) {
                if (!separator.isEmpty() && input.startsWith(separator, i)) {
                    hit = separator;
                    break;
                }
            }
            if (hit != null) {
                parts.add(input.substring(start, i));
                i += hit.length();
                start = i;
            } else {
                i++;
            }
        }
        parts.add(input.substring(start));
        return parts;
    }

    private static JsonNode padLeft(List<Expr> args, EvalScope scope) {
        JsonNode value = args.get(0).eval(scope);
        String text = value.isNumber() ? value.asText() : text(value, "padLeft");
        int total = (int) integer(args.get(1).eval(scope), "padLeft");
        String pad = args.size() == 3 ? text(args.get(2).eval(scope), "padLeft") : " ";
        if (pad.length() != 1) {
            throw new PolicyEvaluationException("padLeft() pads with one character, not '" + pad + "'");
        }
        StringBuilder padded = new StringBuilder();
        for (int i = text.length(); i < total; i++) {
            padded.append(pad);
        }
        return str(padded.append(text).toString());
    }

    private static JsonNode substring(List<Expr> args, EvalScope scope) {
        String text = text(args.get(0).eval(scope), "substring");
        int start = (int) integer(args.get(1).eval(scope), "substring");
        int length = args.size() == 3 ? (int) integer(args.get(2).eval(scope), "substring") : text.length() - start;
        if (start < 0 || length < 0 || start + length > text.length()) {
            throw new PolicyEvaluationException("substring(" + start + ", " + length + ") is outside a string of "
                    + text.length() + " characters");
        }
        return str(text.substring(start, start + length));
    }

    private static int compare(List<Expr> args, EvalScope scope) {
        return Values.compare(args.get(0).eval(scope), args.get(1).eval(scope));
    }

    private static boolean equal(JsonNode a, JsonNode b) {
        if (!Values.present(a) || !Values.present(b)) {
            return !Values.present(a) && !Values.present(b);
        }
        return Values.same(a, b);
    }

    private static boolean contains(JsonNode container, JsonNode item) {
        if (container.isArray()) {
            for (JsonNode element : container) {
                if (equal(element, item)) {
                    return true;
                }
            }
            return false;
        }
        if (container.isObject()) {
            return Values.property(container, text(item, "contains")).isMissingNode() == false;
        }
        if (container.isTextual()) {
            return container.textValue().toLowerCase(Locale.ROOT).contains(lower(item, "contains"));
        }
        throw new PolicyEvaluationException("contains() needs a string, array or object, not " + Values.describe(container));
    }

    static boolean empty(JsonNode value) {
        if (!Values.present(value)) {
            return true;
        }
        if (value.isTextual()) {
            return value.textValue().isEmpty();
        }
        return value.isContainerNode() && value.size() == 0;
    }

    private static int length(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue().length();
        }
        if (value.isContainerNode()) {
            return value.size();
        }
        throw new PolicyEvaluationException("length() needs a string, array or object, not " + Values.describe(value));
    }

    private static JsonNode end(JsonNode value, boolean first) {
        if (value.isArray()) {
            return value.isEmpty() ? Values.NODES.nullNode() : value.get(first ? 0 : value.size() - 1);
        }
        if (value.isTextual()) {
            String text = value.textValue();
            return str(text.isEmpty() ? "" : first ? text.substring(0, 1) : text.substring(text.length() - 1));
        }
        throw new PolicyEvaluationException((first ? "first" : "last") + "() needs an array or string, not "
                + Values.describe(value));
    }

    static boolean bool(JsonNode value, String function) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual() && (value.textValue().equalsIgnoreCase("true") || value.textValue().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(value.textValue().toLowerCase(Locale.ROOT));
        }
        if (value.isIntegralNumber() && (value.longValue() == 0 || value.longValue() == 1)) {
            return value.longValue() == 1;
        }
        throw new PolicyEvaluationException(function + "() needs a boolean, not " + Values.describe(value));
    }

    private static long integer(JsonNode value, String function) {
        try {
            if (value.isNumber()) {
                return value.decimalValue().longValueExact();
            }
            if (value.isTextual()) {
                return new BigDecimal(value.textValue().strip()).longValueExact();
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // below
        }
        throw new PolicyEvaluationException(function + "() needs an integer, not " + Values.describe(value));
    }

    static String text(JsonNode value, String function) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNumber() || value.isBoolean()) {
            return Values.text(value);
        }
        throw new PolicyEvaluationException(function + "() needs a string, not " + Values.describe(value));
    }

    private static String lower(JsonNode value, String function) {
        return text(value, function).toLowerCase(Locale.ROOT);
    }

    private static JsonNode str(String value) {
        return Values.NODES.textNode(value);
    }

    static JsonNode missing() {
        return MissingNode.getInstance();
    }
}
