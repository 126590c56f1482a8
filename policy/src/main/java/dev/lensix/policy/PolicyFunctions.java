package dev.lensix.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.lensix.policy.language.CoreFunctions;
import dev.lensix.policy.language.ExpressionException;
import dev.lensix.policy.language.FunctionLibrary;
import dev.lensix.policy.language.LanguageFunction;
import dev.lensix.policy.language.Values;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The functions a policy rule calls: the core ones, plus {@code parameters}, {@code field} and {@code current}. */
final class PolicyFunctions {

    private static final Map<String, FieldRef> FIELD_CACHE = new ConcurrentHashMap<>();

    static final FunctionLibrary LIBRARY = CoreFunctions.LIBRARY.with(
            LanguageFunction.of("parameters", 1, 1, (args, scope) ->
                    policy(scope).parameter(CoreFunctions.text(args.get(0).eval(scope), "parameters"))),
            LanguageFunction.of("field", 1, 1, (args, scope) ->
                    field(CoreFunctions.text(args.get(0).eval(scope), "field"), policy(scope))),
            LanguageFunction.of("current", 0, 1, (args, scope) ->
                    current(args.isEmpty() ? null : CoreFunctions.text(args.get(0).eval(scope), "current"), policy(scope))));

    private PolicyFunctions() {
    }

    private static EvalScope policy(dev.lensix.policy.language.Scope scope) {
        return (EvalScope) scope; // this library is only ever the library of an EvalScope
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
            throw new ExpressionException(e.getMessage());
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
            throw new ExpressionException("current() is only available inside a count's where");
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
        throw new ExpressionException("current('" + name + "') names no enclosing count");
    }

}
