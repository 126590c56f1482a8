package dev.lensix.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lensix.policy.language.Expression;
import dev.lensix.policy.language.ExpressionException;
import dev.lensix.policy.language.LanguageFunction;
import dev.lensix.policy.language.Values;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the JSON of a policy rule into {@link Condition}s and {@link Expression}essions, checking everything that
 * can be checked before a resource is seen. Whatever lensix does not support is a {@link PolicyRuleException}
 * naming the construct and where it is in the file ({@code policyRule.if.allOf[1].value}).
 */
final class RuleCompiler {

    /**
     * What a part of the rule may refer to.
     *
     * @param conditionTypes types whose aliases {@code field} conditions may use
     * @param functionTypes  types whose aliases the {@code field()} function may use; empty where values must be constant
     * @param counts         the enclosing counts, innermost last
     */
    record Context(List<String> conditionTypes, List<String> functionTypes, List<CountFrame> counts) {

        static Context constant() {
            return new Context(List.of(), List.of(), List.of());
        }

        Context inCount(CountFrame frame) {
            List<CountFrame> inner = new ArrayList<>(counts);
            inner.add(frame);
            return new Context(conditionTypes, functionTypes, List.copyOf(inner));
        }
    }

    /** A count around a {@code where}: a value count's name, or a field count's alias. */
    record CountFrame(String name, FieldRef alias) {
    }

    private final String file;
    private final Map<String, JsonNode> parameters;
    private final Set<String> declared;

    /**
     * @param parameters the parameter values, by lower-case name
     * @param declared   the lower-case names of every parameter the definition declares
     */
    RuleCompiler(String file, Map<String, JsonNode> parameters, Set<String> declared) {
        this.file = file;
        this.parameters = parameters;
        this.declared = declared;
    }

    PolicyRuleException error(String where, String message) {
        return new PolicyRuleException(file, where + ": " + message);
    }

    Condition condition(JsonNode node, String where, Context context) throws PolicyRuleException {
        if (node == null || !node.isObject()) {
            throw error(where, "a condition must be a JSON object, not " + kind(node));
        }
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        for (String logical : List.of("allOf", "anyOf", "not")) {
            JsonNode inner = get(node, logical);
            if (inner == null) {
                continue;
            }
            if (keys.size() != 1) {
                throw error(where, "'" + logical + "' must be alone in its object, found also "
                        + String.join(", ", keys.stream().filter(key -> !key.equalsIgnoreCase(logical)).toList()));
            }
            if (logical.equals("not")) {
                return new Condition.Not(condition(inner, where + ".not", context));
            }
            if (!inner.isArray()) {
                throw error(where + "." + logical, "'" + logical + "' needs an array of conditions, not " + kind(inner));
            }
            List<Condition> parts = new ArrayList<>();
            for (int i = 0; i < inner.size(); i++) {
                parts.add(condition(inner.get(i), where + "." + logical + "[" + i + "]", context));
            }
            return logical.equals("allOf") ? new Condition.AllOf(List.copyOf(parts)) : new Condition.AnyOf(List.copyOf(parts));
        }

        String source = null;
        Operator operator = null;
        String operatorKey = null;
        for (String key : keys) {
            if (key.equalsIgnoreCase("field") || key.equalsIgnoreCase("value") || key.equalsIgnoreCase("count")) {
                if (source != null) {
                    throw error(where, "a condition has one of field, value or count, not both '" + source + "' and '" + key + "'");
                }
                source = key;
            } else if (Operator.byKey(key).isPresent()) {
                if (operator != null) {
                    throw error(where, "a condition has one operator, not both '" + operatorKey + "' and '" + key + "'");
                }
                operator = Operator.byKey(key).get();
                operatorKey = key;
            } else {
                throw error(where, "'" + key + "' is not supported in a condition (lensix supports field, value, count,"
                        + " allOf, anyOf, not and the operators " + operators() + ")");
            }
        }
        if (source == null) {
            throw error(where, "a condition needs field, value, count, allOf, anyOf or not");
        }
        if (operator == null) {
            throw error(where, "the condition on '" + source + "' has no operator (one of " + operators() + ")");
        }
        Expression operand = operand(operator, node.get(operatorKey), where + "." + operatorKey, context);
        JsonNode sourceNode = node.get(source);
        switch (source.toLowerCase(Locale.ROOT)) {
            case "field" -> {
                FieldRef field = fieldName(sourceNode, where + ".field", context.conditionTypes());
                return new Condition.FieldTest(field, operator, operand);
            }
            case "value" -> {
                return new Condition.ValueTest(expression(sourceNode, where + ".value", context), operator, operand);
            }
            default -> {
                return count(sourceNode, where + ".count", context, operator, operand);
            }
        }
    }

    private Condition count(JsonNode node, String where, Context context, Operator operator, Expression operand)
            throws PolicyRuleException {
        if (node == null || !node.isObject()) {
            throw error(where, "count needs an object with field or value, and optionally where");
        }
        JsonNode field = null;
        JsonNode value = null;
        JsonNode name = null;
        JsonNode whereNode = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            switch (entry.getKey().toLowerCase(Locale.ROOT)) {
                case "field" -> field = entry.getValue();
                case "value" -> value = entry.getValue();
                case "name" -> name = entry.getValue();
                case "where" -> whereNode = entry.getValue();
                default -> throw error(where, "'" + entry.getKey() + "' is not supported in count (field, value, name, where)");
            }
        }
        if ((field == null) == (value == null)) {
            throw error(where, "count needs exactly one of field (a field count) or value (a value count)");
        }
        if (field != null) {
            if (name != null) {
                throw error(where + ".name", "name belongs to a value count, not a field count");
            }
            FieldRef alias = fieldName(field, where + ".field", context.conditionTypes());
            if (!alias.endsWithWildcard()) {
                throw error(where + ".field", "a field count counts an array alias ending in [*], not '" + alias.text() + "'");
            }
            Condition inner = whereNode == null ? null
                    : condition(whereNode, where + ".where", context.inCount(new CountFrame(null, alias)));
            return new Condition.FieldCount(alias, inner, operator, operand);
        }
        String index = null;
        if (name != null) {
            if (!name.isTextual() || !name.textValue().matches("[A-Za-z0-9]+")) {
                throw error(where + ".name", "a count's name is English letters and digits, not " + name);
            }
            index = name.textValue();
        }
        if (!Expression.isExpression(value) && !value.isArray()) {
            throw error(where + ".value", "a value count needs an array or an expression that gives one, not " + kind(value));
        }
        Expression values = expression(value, where + ".value", context);
        Condition inner = whereNode == null ? null
                : condition(whereNode, where + ".where", context.inCount(new CountFrame(index, null)));
        return new Condition.ValueCount(values, index, inner, operator, operand);
    }

    private Expression operand(Operator operator, JsonNode node, String where, Context context) throws PolicyRuleException {
        if (!Expression.isExpression(node)) {
            if (operator.wantsArray() && !node.isArray()) {
                throw error(where, "'" + operator.key() + "' needs an array, not " + kind(node));
            }
            if (operator == Operator.EXISTS) {
                try {
                    Operator.flag(node);
                } catch (ExpressionException e) {
                    throw error(where, e.getMessage());
                }
            }
            if ((operator == Operator.CONTAINS_KEY || operator == Operator.NOT_CONTAINS_KEY
                    || operator.key().toLowerCase(Locale.ROOT).contains("like")
                    || operator.key().toLowerCase(Locale.ROOT).contains("match"))
                    && (!node.isValueNode() || node.isNull())) {
                throw error(where, "'" + operator.key() + "' needs a string, not " + kind(node));
            }
        }
        return expression(node, where, context);
    }

    /** A field name: a literal, or an expression that gives one without reading the resource. */
    FieldRef fieldName(JsonNode node, String where, List<String> types) throws PolicyRuleException {
        String name;
        if (Expression.isExpression(node)) {
            JsonNode value = constant(node, where);
            if (!value.isTextual()) {
                throw error(where, "the field expression gives " + Values.describe(value) + ", not a field name");
            }
            name = value.textValue();
        } else if (node != null && node.isTextual()) {
            name = node.textValue();
        } else {
            throw error(where, "a field is a string, not " + kind(node));
        }
        try {
            return FieldRef.parse(name, types);
        } catch (IllegalArgumentException e) {
            throw error(where, e.getMessage());
        }
    }

    /** A literal or a template expression, with every function, parameter, field() and current() checked. */
    Expression expression(JsonNode node, String where, Context context) throws PolicyRuleException {
        Expression expr;
        try {
            expr = Expression.of(node);
        } catch (IllegalArgumentException e) {
            throw error(where, e.getMessage());
        }
        for (Expression.Call call : expr.calls()) {
            Optional<LanguageFunction> known = PolicyFunctions.LIBRARY.lookup(call.name());
            if (known.isEmpty()) {
                throw error(where, "template function '" + call.spelled() + "' is not supported (lensix evaluates "
                        + PolicyFunctions.LIBRARY.supported() + ")");
            }
            LanguageFunction function = known.get();
            int args = call.args().size();
            if (args < function.min() || args > function.max()) {
                throw error(where, call.spelled() + "() takes " + function.arity() + ", not " + args);
            }
            String literal = args == 1 && call.args().get(0) instanceof Expression.Literal lit && lit.value().isTextual()
                    ? lit.value().textValue() : null;
            switch (call.name()) {
                case "parameters" -> checkParameter(literal, where);
                case "field" -> checkField(literal, where, context);
                case "current" -> checkCurrent(call, literal, where, context);
                default -> {
                    // nothing more to know before a resource is seen
                }
            }
        }
        return expr;
    }

    private void checkParameter(String name, String where) throws PolicyRuleException {
        if (name == null) {
            return; // computed names are checked when evaluated
        }
        String key = name.toLowerCase(Locale.ROOT);
        if (!declared.contains(key)) {
            throw error(where, "parameter '" + name + "' is not declared in the definition's parameters (a bare rule"
                    + " has none: give it a value in a lensix header, {\"lensix\": {\"parameters\": {\"" + name + "\": ...}}})");
        }
        if (!parameters.containsKey(key)) {
            throw error(where, "parameter '" + name + "' has no defaultValue (lensix has no policy assignment:"
                    + " give it a value in the lensix header's parameters)");
        }
    }

    private void checkField(String name, String where, Context context) throws PolicyRuleException {
        if (context.functionTypes().isEmpty()) {
            throw error(where, "field() cannot be used here: this value must not depend on the resource");
        }
        if (name != null) {
            try {
                FieldRef.parse(name, context.functionTypes());
            } catch (IllegalArgumentException e) {
                throw error(where, "field('" + name + "'): " + e.getMessage());
            }
        }
    }

    private void checkCurrent(Expression.Call call, String name, String where, Context context) throws PolicyRuleException {
        if (context.counts().isEmpty()) {
            throw error(where, "current() is only available inside a count's where");
        }
        if (call.args().isEmpty()) {
            return;
        }
        if (name == null) {
            throw error(where, "current() takes a literal count name or alias");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (CountFrame frame : context.counts()) {
            if ((frame.name() != null && frame.name().equalsIgnoreCase(name))
                    || (frame.alias() != null && lower.startsWith(frame.alias().text().toLowerCase(Locale.ROOT)))) {
                return;
            }
        }
        throw error(where, "current('" + name + "') names no enclosing count");
    }

    /** Evaluates a value that must not depend on a resource: an effect, a type, a related resource's type. */
    JsonNode constant(JsonNode node, String where) throws PolicyRuleException {
        Expression expr = expression(node, where, Context.constant());
        try {
            return expr.eval(EvalScope.constant(parameters));
        } catch (ExpressionException e) {
            throw error(where, e.getMessage());
        }
    }


    private static String operators() {
        StringBuilder names = new StringBuilder();
        for (Operator operator : Operator.values()) {
            names.append(names.length() == 0 ? "" : ", ").append(operator.key());
        }
        return names.toString();
    }

    static JsonNode get(JsonNode object, String key) {
        JsonNode value = Values.property(object, key);
        return value.isMissingNode() ? null : value;
    }

    static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return node.isTextual() ? "a string" : node.isNumber() ? "a number" : node.isBoolean() ? "a boolean"
                : node.isNull() ? "null" : node.isArray() ? "an array" : "an object";
    }
}
