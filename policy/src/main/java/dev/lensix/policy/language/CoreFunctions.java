package dev.lensix.policy.language;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The functions of the template language that depend on nothing but their arguments, shared by Azure Policy rules
 * and ARM templates: strings, arrays, objects, logic, comparison, numbers, {@code uniqueString} and {@code guid}.
 * String comparisons inside them ({@code equals}, {@code contains}, {@code startsWith}, {@code endsWith}) ignore
 * case, as Azure Policy's conditions do. Anything not in a scope's library is an error, never a silent default.
 *
 * <pre>{@code
 * FunctionLibrary policy = CoreFunctions.LIBRARY.with(LanguageFunction.of("field", 1, 1, PolicyFunctions::field));
 * }</pre>
 */
public final class CoreFunctions {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FORMAT_ITEM = Pattern.compile("\\{\\{|}}|\\{(\\d+)(?::([^}]*))?}");

    /** Every core function. */
    public static final FunctionLibrary LIBRARY = FunctionLibrary.of(List.of(
            fn("concat", 1, Integer.MAX_VALUE, CoreFunctions::concat),
            fn("format", 1, Integer.MAX_VALUE, CoreFunctions::format),
            fn("toLower", 1, 1, (args, scope) -> str(text(args.get(0).eval(scope), "toLower").toLowerCase(Locale.ROOT))),
            fn("toUpper", 1, 1, (args, scope) -> str(text(args.get(0).eval(scope), "toUpper").toUpperCase(Locale.ROOT))),
            fn("if", 3, 3, (args, scope) -> bool(args.get(0).eval(scope), "if")
                    ? args.get(1).eval(scope) : args.get(2).eval(scope)),
            fn("empty", 1, 1, (args, scope) -> Values.NODES.booleanNode(empty(args.get(0).eval(scope)))),
            fn("length", 1, 1, (args, scope) -> Values.integer(length(args.get(0).eval(scope)))),
            fn("split", 2, 2, CoreFunctions::split),
            fn("join", 2, 2, CoreFunctions::join),
            fn("equals", 2, 2, (args, scope) -> Values.NODES.booleanNode(
                    equal(args.get(0).eval(scope), args.get(1).eval(scope)))),
            fn("and", 1, Integer.MAX_VALUE, (args, scope) -> {
                for (Expression arg : args) {
                    if (!bool(arg.eval(scope), "and")) {
                        return Values.NODES.booleanNode(false);
                    }
                }
                return Values.NODES.booleanNode(true);
            }),
            fn("or", 1, Integer.MAX_VALUE, (args, scope) -> {
                for (Expression arg : args) {
                    if (bool(arg.eval(scope), "or")) {
                        return Values.NODES.booleanNode(true);
                    }
                }
                return Values.NODES.booleanNode(false);
            }),
            fn("not", 1, 1, (args, scope) -> Values.NODES.booleanNode(!bool(args.get(0).eval(scope), "not"))),
            fn("contains", 2, 2, (args, scope) -> Values.NODES.booleanNode(
                    contains(args.get(0).eval(scope), args.get(1).eval(scope)))),
            fn("startsWith", 2, 2, (args, scope) -> Values.NODES.booleanNode(
                    lower(args.get(0).eval(scope), "startsWith").startsWith(lower(args.get(1).eval(scope), "startsWith")))),
            fn("endsWith", 2, 2, (args, scope) -> Values.NODES.booleanNode(
                    lower(args.get(0).eval(scope), "endsWith").endsWith(lower(args.get(1).eval(scope), "endsWith")))),
            fn("indexOf", 2, 2, (args, scope) -> Values.integer(lower(args.get(0).eval(scope), "indexOf")
                    .indexOf(lower(args.get(1).eval(scope), "indexOf")))),
            fn("lastIndexOf", 2, 2, (args, scope) -> Values.integer(lower(args.get(0).eval(scope), "lastIndexOf")
                    .lastIndexOf(lower(args.get(1).eval(scope), "lastIndexOf")))),
            fn("first", 1, 1, (args, scope) -> end(args.get(0).eval(scope), true)),
            fn("last", 1, 1, (args, scope) -> end(args.get(0).eval(scope), false)),
            fn("take", 2, 2, (args, scope) -> slice(args, scope, true)),
            fn("skip", 2, 2, (args, scope) -> slice(args, scope, false)),
            fn("padLeft", 2, 3, CoreFunctions::padLeft),
            fn("substring", 2, 3, CoreFunctions::substring),
            fn("trim", 1, 1, (args, scope) -> str(text(args.get(0).eval(scope), "trim").strip())),
            fn("replace", 3, 3, (args, scope) -> str(text(args.get(0).eval(scope), "replace")
                    .replace(text(args.get(1).eval(scope), "replace"), text(args.get(2).eval(scope), "replace")))),
            fn("string", 1, 1, (args, scope) -> {
                JsonNode value = args.get(0).eval(scope);
                return str(value.isValueNode() ? Values.text(value) : value.toString());
            }),
            fn("int", 1, 1, (args, scope) -> Values.integer(integer(args.get(0).eval(scope), "int"))),
            fn("bool", 1, 1, (args, scope) -> Values.NODES.booleanNode(bool(args.get(0).eval(scope), "bool"))),
            fn("json", 1, 1, CoreFunctions::json),
            fn("array", 1, 1, (args, scope) -> {
                JsonNode value = args.get(0).eval(scope);
                return value.isArray() ? value : Values.NODES.arrayNode().add(value);
            }),
            fn("true", 0, 0, (args, scope) -> Values.NODES.booleanNode(true)),
            fn("false", 0, 0, (args, scope) -> Values.NODES.booleanNode(false)),
            fn("null", 0, 0, (args, scope) -> Values.NODES.nullNode()),
            fn("coalesce", 1, Integer.MAX_VALUE, (args, scope) -> {
                for (Expression arg : args) {
                    JsonNode value = arg.eval(scope);
                    if (Values.present(value)) {
                        return value;
                    }
                }
                return Values.NODES.nullNode();
            }),
            fn("createArray", 0, Integer.MAX_VALUE, (args, scope) -> {
                ArrayNode array = Values.NODES.arrayNode();
                args.forEach(arg -> array.add(arg.eval(scope)));
                return array;
            }),
            fn("createObject", 0, Integer.MAX_VALUE, CoreFunctions::createObject),
            fn("union", 1, Integer.MAX_VALUE, CoreFunctions::union),
            fn("intersection", 1, Integer.MAX_VALUE, CoreFunctions::intersection),
            fn("range", 2, 2, CoreFunctions::range),
            fn("min", 1, Integer.MAX_VALUE, (args, scope) -> extreme(args, scope, true)),
            fn("max", 1, Integer.MAX_VALUE, (args, scope) -> extreme(args, scope, false)),
            fn("add", 2, 2, (args, scope) -> arithmetic(args, scope, "add")),
            fn("sub", 2, 2, (args, scope) -> arithmetic(args, scope, "sub")),
            fn("mul", 2, 2, (args, scope) -> arithmetic(args, scope, "mul")),
            fn("div", 2, 2, (args, scope) -> arithmetic(args, scope, "div")),
            fn("mod", 2, 2, (args, scope) -> arithmetic(args, scope, "mod")),
            fn("base64", 1, 1, (args, scope) -> str(Base64.getEncoder().encodeToString(
                    text(args.get(0).eval(scope), "base64").getBytes(StandardCharsets.UTF_8)))),
            fn("base64ToString", 1, 1, CoreFunctions::base64ToString),
            fn("uniqueString", 1, Integer.MAX_VALUE, (args, scope) -> str(ArmHashes.uniqueString(texts(args, scope, "uniqueString")))),
            fn("guid", 1, Integer.MAX_VALUE, (args, scope) -> str(ArmHashes.guid(texts(args, scope, "guid")))),
            fn("less", 2, 2, (args, scope) -> Values.NODES.booleanNode(compare(args, scope) < 0)),
            fn("lessOrEquals", 2, 2, (args, scope) -> Values.NODES.booleanNode(compare(args, scope) <= 0)),
            fn("greater", 2, 2, (args, scope) -> Values.NODES.booleanNode(compare(args, scope) > 0)),
            fn("greaterOrEquals", 2, 2, (args, scope) -> Values.NODES.booleanNode(compare(args, scope) >= 0))));

    private static LanguageFunction fn(String spelled, int min, int max, LanguageFunction.Body body) {
        return LanguageFunction.of(spelled, min, max, body);
    }

    private CoreFunctions() {
    }

    /** Evaluates a call with the function of its name in the scope's library. */
    static JsonNode call(Expression.Call call, Scope scope) {
        LanguageFunction function = scope.functions().lookup(call.name()).orElseThrow(() ->
                new ExpressionException("template function '" + call.spelled() + "' is not supported"));
        if (call.args().size() < function.min() || call.args().size() > function.max()) {
            throw new ExpressionException(function.spelled() + "() takes " + function.arity() + ", not "
                    + call.args().size());
        }
        try {
            return function.body().apply(call.args(), scope);
        } catch (ExpressionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ExpressionException(call.spelled() + "(): " + e.getMessage());
        }
    }

    private static JsonNode concat(List<Expression> args, Scope scope) {
        List<JsonNode> values = args.stream().map(arg -> arg.eval(scope)).toList();
        if (values.stream().allMatch(JsonNode::isArray)) {
            ArrayNode array = Values.NODES.arrayNode();
            values.forEach(value -> array.addAll((ArrayNode) value));
            return array;
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode value : values) {
            if (value.isContainerNode()) {
                throw new ExpressionException("concat() mixes arrays or objects with strings");
            }
            text.append(value.isNull() || value.isMissingNode() ? "" : Values.text(value));
        }
        return str(text.toString());
    }

    private static JsonNode split(List<Expression> args, Scope scope) {
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

    private static JsonNode padLeft(List<Expression> args, Scope scope) {
        JsonNode value = args.get(0).eval(scope);
        String text = value.isNumber() ? value.asText() : text(value, "padLeft");
        int total = (int) integer(args.get(1).eval(scope), "padLeft");
        String pad = args.size() == 3 ? text(args.get(2).eval(scope), "padLeft") : " ";
        if (pad.length() != 1) {
            throw new ExpressionException("padLeft() pads with one character, not '" + pad + "'");
        }
        StringBuilder padded = new StringBuilder();
        for (int i = text.length(); i < total; i++) {
            padded.append(pad);
        }
        return str(padded.append(text).toString());
    }

    private static JsonNode substring(List<Expression> args, Scope scope) {
        String text = text(args.get(0).eval(scope), "substring");
        int start = (int) integer(args.get(1).eval(scope), "substring");
        int length = args.size() == 3 ? (int) integer(args.get(2).eval(scope), "substring") : text.length() - start;
        if (start < 0 || length < 0 || start + length > text.length()) {
            throw new ExpressionException("substring(" + start + ", " + length + ") is outside a string of "
                    + text.length() + " characters");
        }
        return str(text.substring(start, start + length));
    }

    private static int compare(List<Expression> args, Scope scope) {
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
        throw new ExpressionException("contains() needs a string, array or object, not " + Values.describe(container));
    }

    public static boolean empty(JsonNode value) {
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
        throw new ExpressionException("length() needs a string, array or object, not " + Values.describe(value));
    }

    private static JsonNode end(JsonNode value, boolean first) {
        if (value.isArray()) {
            return value.isEmpty() ? Values.NODES.nullNode() : value.get(first ? 0 : value.size() - 1);
        }
        if (value.isTextual()) {
            String text = value.textValue();
            return str(text.isEmpty() ? "" : first ? text.substring(0, 1) : text.substring(text.length() - 1));
        }
        throw new ExpressionException((first ? "first" : "last") + "() needs an array or string, not "
                + Values.describe(value));
    }

    public static boolean bool(JsonNode value, String function) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual() && (value.textValue().equalsIgnoreCase("true") || value.textValue().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(value.textValue().toLowerCase(Locale.ROOT));
        }
        if (value.isIntegralNumber() && (value.longValue() == 0 || value.longValue() == 1)) {
            return value.longValue() == 1;
        }
        throw new ExpressionException(function + "() needs a boolean, not " + Values.describe(value));
    }

    public static long integer(JsonNode value, String function) {
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
        throw new ExpressionException(function + "() needs an integer, not " + Values.describe(value));
    }

    public static String text(JsonNode value, String function) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNumber() || value.isBoolean()) {
            return Values.text(value);
        }
        throw new ExpressionException(function + "() needs a string, not " + Values.describe(value));
    }

    private static String lower(JsonNode value, String function) {
        return text(value, function).toLowerCase(Locale.ROOT);
    }

    private static JsonNode str(String value) {
        return Values.NODES.textNode(value);
    }

    public static JsonNode missing() {
        return MissingNode.getInstance();
    }

    /** {@code format('{0}-{1:D3}', a, 7)}: .NET composite formatting, with {@code D}n and {@code X}n for integers. */
    private static JsonNode format(List<Expression> args, Scope scope) {
        String pattern = text(args.get(0).eval(scope), "format");
        List<JsonNode> values = args.subList(1, args.size()).stream().map(arg -> arg.eval(scope)).toList();
        Matcher item = FORMAT_ITEM.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (item.find()) {
            String replacement;
            if (item.group().equals("{{")) {
                replacement = "{";
            } else if (item.group().equals("}}")) {
                replacement = "}";
            } else {
                int index = Integer.parseInt(item.group(1));
                if (index >= values.size()) {
                    throw new ExpressionException("format() names argument {" + index + "} of " + values.size());
                }
                replacement = formatted(values.get(index), item.group(2));
            }
            item.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        item.appendTail(out);
        return str(out.toString());
    }

    private static String formatted(JsonNode value, String spec) {
        if (spec == null || spec.isEmpty()) {
            return value.isValueNode() ? Values.text(value) : value.toString();
        }
        char kind = Character.toUpperCase(spec.charAt(0));
        int width = spec.length() > 1 ? Integer.parseInt(spec.substring(1)) : 0;
        long number = integer(value, "format");
        String digits = switch (kind) {
            case 'D' -> Long.toString(Math.abs(number));
            case 'X' -> spec.charAt(0) == 'x' ? Long.toHexString(number) : Long.toHexString(number).toUpperCase(Locale.ROOT);
            default -> throw new ExpressionException("format() specifier '" + spec + "' is not supported (D and X are)");
        };
        String padded = "0".repeat(Math.max(0, width - digits.length())) + digits;
        return number < 0 && kind == 'D' ? "-" + padded : padded;
    }

    private static JsonNode join(List<Expression> args, Scope scope) {
        JsonNode items = args.get(0).eval(scope);
        if (!items.isArray()) {
            throw new ExpressionException("join() needs an array, not " + Values.describe(items));
        }
        String delimiter = text(args.get(1).eval(scope), "join");
        List<String> texts = new ArrayList<>();
        items.forEach(item -> texts.add(text(item, "join")));
        return str(String.join(delimiter, texts));
    }

    private static JsonNode slice(List<Expression> args, Scope scope, boolean take) {
        JsonNode value = args.get(0).eval(scope);
        int count = (int) Math.max(0, integer(args.get(1).eval(scope), take ? "take" : "skip"));
        if (value.isArray()) {
            ArrayNode part = Values.NODES.arrayNode();
            int from = take ? 0 : Math.min(count, value.size());
            int to = take ? Math.min(count, value.size()) : value.size();
            for (int i = from; i < to; i++) {
                part.add(value.get(i));
            }
            return part;
        }
        String text = text(value, take ? "take" : "skip");
        int cut = Math.min(count, text.length());
        return str(take ? text.substring(0, cut) : text.substring(cut));
    }

    private static JsonNode json(List<Expression> args, Scope scope) {
        String text = text(args.get(0).eval(scope), "json");
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ExpressionException("json() was given text that is not JSON: " + e.getOriginalMessage());
        }
    }

    private static JsonNode createObject(List<Expression> args, Scope scope) {
        if (args.size() % 2 != 0) {
            throw new ExpressionException("createObject() takes names and values in pairs");
        }
        ObjectNode object = Values.NODES.objectNode();
        for (int i = 0; i < args.size(); i += 2) {
            object.set(text(args.get(i).eval(scope), "createObject"), args.get(i + 1).eval(scope));
        }
        return object;
    }

    /** Objects merge (later values win, nested objects merge too); arrays keep each distinct element once. */
    private static JsonNode union(List<Expression> args, Scope scope) {
        List<JsonNode> values = args.stream().map(arg -> arg.eval(scope)).toList();
        if (values.stream().allMatch(JsonNode::isObject)) {
            ObjectNode merged = Values.NODES.objectNode();
            values.forEach(value -> merge(merged, (ObjectNode) value));
            return merged;
        }
        if (values.stream().allMatch(JsonNode::isArray)) {
            Set<JsonNode> distinct = new LinkedHashSet<>();
            values.forEach(value -> value.forEach(distinct::add));
            ArrayNode array = Values.NODES.arrayNode();
            distinct.forEach(array::add);
            return array;
        }
        throw new ExpressionException("union() needs all arrays or all objects");
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode existing = into.get(entry.getKey());
            if (existing instanceof ObjectNode target && entry.getValue() instanceof ObjectNode source) {
                ObjectNode copy = target.deepCopy();
                merge(copy, source);
                into.set(entry.getKey(), copy);
            } else {
                into.set(entry.getKey(), entry.getValue());
            }
        }
    }

    private static JsonNode intersection(List<Expression> args, Scope scope) {
        List<JsonNode> values = args.stream().map(arg -> arg.eval(scope)).toList();
        if (values.stream().allMatch(JsonNode::isObject)) {
            ObjectNode common = ((ObjectNode) values.get(0)).deepCopy();
            for (JsonNode other : values.subList(1, values.size())) {
                common.retain(names(common).stream().filter(name -> common.get(name).equals(other.get(name))).toList());
            }
            return common;
        }
        if (values.stream().allMatch(JsonNode::isArray)) {
            Set<JsonNode> common = new LinkedHashSet<>();
            values.get(0).forEach(common::add);
            for (JsonNode other : values.subList(1, values.size())) {
                Set<JsonNode> keep = new LinkedHashSet<>();
                other.forEach(keep::add);
                common.retainAll(keep);
            }
            ArrayNode array = Values.NODES.arrayNode();
            common.forEach(array::add);
            return array;
        }
        throw new ExpressionException("intersection() needs all arrays or all objects");
    }

    private static List<String> names(ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Resource Manager's own limit on {@code range()}. */
    private static final int RANGE_LIMIT = 10_000;

    private static JsonNode range(List<Expression> args, Scope scope) {
        long start = integer(args.get(0).eval(scope), "range");
        long count = integer(args.get(1).eval(scope), "range");
        if (count < 0 || count > RANGE_LIMIT) {
            throw new ExpressionException("range() counts 0 to " + RANGE_LIMIT + " integers, not " + count);
        }
        ArrayNode array = Values.NODES.arrayNode();
        for (long i = 0; i < count; i++) {
            array.add(Values.integer(start + i));
        }
        return array;
    }

    private static JsonNode extreme(List<Expression> args, Scope scope, boolean min) {
        List<JsonNode> values = new ArrayList<>();
        for (Expression arg : args) {
            JsonNode value = arg.eval(scope);
            if (value.isArray()) {
                value.forEach(values::add);
            } else {
                values.add(value);
            }
        }
        if (values.isEmpty()) {
            throw new ExpressionException((min ? "min" : "max") + "() of nothing");
        }
        long best = integer(values.get(0), min ? "min" : "max");
        for (JsonNode value : values) {
            long n = integer(value, min ? "min" : "max");
            best = min ? Math.min(best, n) : Math.max(best, n);
        }
        return Values.integer(best);
    }

    private static JsonNode arithmetic(List<Expression> args, Scope scope, String function) {
        long a = integer(args.get(0).eval(scope), function);
        long b = integer(args.get(1).eval(scope), function);
        if ((function.equals("div") || function.equals("mod")) && b == 0) {
            throw new ExpressionException(function + "() by zero");
        }
        long value = switch (function) {
            case "add" -> Math.addExact(a, b);
            case "sub" -> Math.subtractExact(a, b);
            case "mul" -> Math.multiplyExact(a, b);
            case "div" -> a / b;
            default -> a % b;
        };
        return Values.integer(value);
    }

    private static JsonNode base64ToString(List<Expression> args, Scope scope) {
        try {
            return str(new String(Base64.getDecoder().decode(text(args.get(0).eval(scope), "base64ToString")),
                    StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new ExpressionException("base64ToString() was given text that is not base64");
        }
    }

    private static List<String> texts(List<Expression> args, Scope scope, String function) {
        return args.stream().map(arg -> text(arg.eval(scope), function)).toList();
    }
}
