package dev.lensix.input.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lensix.policy.language.CoreFunctions;
import dev.lensix.policy.language.Expression;
import dev.lensix.policy.language.ExpressionException;
import dev.lensix.policy.language.Values;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One deployment of a template, evaluated as Resource Manager would before deploying it: parameters (given, else
 * their defaults), variables, {@code condition}, {@code copy} loops of resources and properties, child resources
 * nested in their parent, extension resources with {@code scope}, nested inline deployments (in the parent's
 * expression scope or their own) and, in symbolic-name templates, {@code existing} resources.
 *
 * <pre>{@code
 * TemplateDeployment deployment = TemplateDeployment.root(file.root(), "main", DeploymentScope.PLACEHOLDER, given, problems);
 * for (Declared declared : deployment.resources()) {
 *     declared.body(); // the vault, as deployed
 * }
 * }</pre>
 */
final class TemplateDeployment {

    private static final int MAX_COPIES = 800; // Resource Manager's own limit on a copy loop

    /** A parameter value from outside the template: given, or known only at deployment. */
    sealed interface Given {
        record Value(JsonNode value) implements Given {
        }

        /** @param reason why, whole, as a not-known result says it */
        record NotKnown(String reason) implements Given {
            /** A parameter whose value is a Key Vault secret. */
            static NotKnown keyVaultSecret(String parameter, String where) {
                return new NotKnown("known only at deployment: parameter '" + parameter + "' is a Key Vault secret" + where);
            }
        }

        /** Evaluated in the parent deployment when first read (a nested deployment's parameters). */
        record Later(Supplier<Given> value) implements Given {
        }
    }

    /** Everything declared in one file, across its nested deployments. */
    static final class Registry {
        private final List<Declared> all = new ArrayList<>();
        private final Map<String, Declared> byId = new HashMap<>();
        private final List<String> problems = new ArrayList<>();

        List<Declared> all() {
            return all;
        }

        List<String> problems() {
            return problems;
        }
    }

    private final String name;
    private final JsonNode template;
    private final String base;
    private final DeploymentScope scope;
    private final Map<String, Given> given;
    private final TemplateDeployment valuesFrom;
    private final Registry registry;
    private final String addressPrefix;
    private final Map<String, Declared> bySymbol = new HashMap<>();
    private final Map<String, JsonNode> parameters = new HashMap<>();
    private final Map<String, JsonNode> variables = new HashMap<>();
    private final Map<String, String> notKnownValues = new HashMap<>();
    private final Set<String> evaluating = new HashSet<>();
    private ObjectNode outputs;
    private final Map<String, String> outputsNotKnown = new HashMap<>();

    private TemplateDeployment(String name, JsonNode template, String base, DeploymentScope scope, Map<String, Given> given,
                               TemplateDeployment valuesFrom, Registry registry, String addressPrefix) {
        this.name = name;
        this.template = template;
        this.base = base;
        this.scope = scope;
        this.given = given;
        this.valuesFrom = valuesFrom == null ? this : valuesFrom;
        this.registry = registry;
        this.addressPrefix = addressPrefix;
    }

    /**
     * The deployment of a whole file's template, every resource placed.
     *
     * @param given parameter values by name, ignoring case
     * @throws TemplateError where the template cannot be evaluated
     */
    static TemplateDeployment root(JsonNode template, String name, DeploymentScope scope, Map<String, Given> given) {
        TemplateDeployment deployment = new TemplateDeployment(name, template, "", scope, lowerKeys(given), null,
                new Registry(), "");
        deployment.place();
        return deployment;
    }

    Registry registry() {
        return registry;
    }

    String name() {
        return name;
    }

    DeploymentScope scope() {
        return scope;
    }

    private boolean symbolic() {
        return template.path("resources").isObject();
    }

    // ---- parameters and variables

    private void place() {
        checkParameters();
        List<Declared> deployments = new ArrayList<>();
        JsonNode resources = template.path("resources");
        if (resources.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                declareLooped(entry.getValue(), base + "/resources/" + escape(entry.getKey()), entry.getKey(), null,
                        new TemplateScope(this), deployments);
            }
        } else if (resources.isArray()) {
            for (int i = 0; i < resources.size(); i++) {
                declareLooped(resources.get(i), base + "/resources/" + i, null, null, new TemplateScope(this), deployments);
            }
        } else if (!resources.isMissingNode()) {
            throw new TemplateError(base + "/resources", "resources is " + Values.describe(resources)
                    + ", not an array (or an object of symbolic names)");
        }
        // nested deployments after every resource of this one is placed, so their parameters can refer to any of them
        for (Declared deployment : deployments) {
            deployment.nested().place();
        }
    }

    private void checkParameters() {
        if (valuesFrom != this) {
            return; // a nested template in its parent's scope: the parent's parameters are the ones it reads
        }
        JsonNode declared = template.path("parameters");
        for (String key : given.keySet()) {
            if (keyOf(declared, key).isEmpty()) {
                throw new TemplateError(base + "/parameters", "parameter '" + key + "' is given a value but the template"
                        + " declares no such parameter");
            }
        }
        for (Iterator<String> names = declared.fieldNames(); names.hasNext(); ) {
            String parameter = names.next();
            try {
                valuesFrom.parameter(parameter);
            } catch (KnownAtDeployment e) {
                // recorded: whatever reads it is not known
            } catch (ExpressionException e) {
                throw new TemplateError(base + "/parameters/" + escape(parameter), e.getMessage());
            }
        }
    }

    JsonNode parameter(String wanted) {
        if (valuesFrom != this) {
            return valuesFrom.parameter(wanted);
        }
        JsonNode declared = template.path("parameters");
        String key = keyOf(declared, wanted).orElseThrow(() ->
                new ExpressionException("parameter '" + wanted + "' is not declared in the template"));
        String cacheKey = "p:" + key.toLowerCase(Locale.ROOT);
        return cached(cacheKey, parameters, key.toLowerCase(Locale.ROOT), () -> {
            JsonNode definition = declared.get(key);
            String type = definition.path("type").asText("").toLowerCase(Locale.ROOT);
            if (type.startsWith("secure")) {
                // never read, so never in a resource, a report or a log
                throw new KnownAtDeployment("a secret: the secure parameter '" + key + "', which lensix does not read");
            }
            Given value = given.get(key.toLowerCase(Locale.ROOT));
            while (value instanceof Given.Later later) {
                value = later.value().get();
            }
            boolean nullable = definition.path("nullable").asBoolean(false);
            if (value instanceof Given.Value v) {
                return ofDeclaredType(key, type, nullable, v.value(), "its value");
            }
            if (value instanceof Given.NotKnown n) {
                throw new KnownAtDeployment(n.reason());
            }
            JsonNode defaultValue = definition.path("defaultValue");
            if (!defaultValue.isMissingNode()) {
                return ofDeclaredType(key, type, nullable, strict(defaultValue, new TemplateScope(this)), "its default value");
            }
            if (nullable) {
                return Values.NODES.nullNode();
            }
            throw new TemplateError(base + "/parameters/" + escape(key), "parameter '" + key + "' has no value: give it in"
                    + " a parameters file (" + "beside the template, or --parameters FILE) or with --parameter " + key + "=VALUE");
        });
    }

    /**
     * {@code value} when it is of the parameter's declared type, as Resource Manager demands before it deploys;
     * {@code null} only for a parameter declared {@code nullable}.
     */
    private JsonNode ofDeclaredType(String key, String type, boolean nullable, JsonNode value, String whose) {
        boolean fits = switch (type) {
            case "string" -> value.isTextual();
            case "int" -> value.isIntegralNumber();
            case "bool" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            default -> true; // a type Resource Manager does not have is its own error, at deployment
        };
        if (!value.isMissingNode() && (value.isNull() ? nullable : fits)) {
            return value;
        }
        throw new TemplateError(base + "/parameters/" + escape(key), "parameter '" + key + "' is declared " + type + ", but "
                + whose + " is " + (value.isMissingNode() ? "not given" : value.isNull() ? "null (declare it nullable to allow that)"
                : jsonType(value))
                + ": Resource Manager does not deploy that");
    }

    private static String jsonType(JsonNode value) {
        return value.isTextual() ? "a string" : value.isIntegralNumber() ? "an integer" : value.isNumber() ? "a number"
                : value.isBoolean() ? "a boolean" : value.isArray() ? "an array" : "an object";
    }

    JsonNode variable(String wanted) {
        if (valuesFrom != this) {
            return valuesFrom.variable(wanted);
        }
        JsonNode declared = template.path("variables");
        Optional<String> key = keyOf(declared, wanted).filter(k -> !k.equalsIgnoreCase("copy"));
        if (key.isPresent()) {
            return cached("v:" + key.get().toLowerCase(Locale.ROOT), variables, key.get().toLowerCase(Locale.ROOT),
                    () -> strict(declared.get(key.get()), new TemplateScope(this)));
        }
        for (JsonNode loop : declared.path("copy")) {
            if (loop.path("name").asText("").equalsIgnoreCase(wanted)) {
                return cached("v:" + wanted.toLowerCase(Locale.ROOT), variables, wanted.toLowerCase(Locale.ROOT),
                        () -> loopArray(loop, new TemplateScope(this), "", null));
            }
        }
        throw new ExpressionException("variable '" + wanted + "' is not declared in the template");
    }

    private JsonNode cached(String key, Map<String, JsonNode> cache, String name, Supplier<JsonNode> compute) {
        JsonNode value = cache.get(name);
        if (value != null) {
            return value;
        }
        String notKnown = notKnownValues.get(key);
        if (notKnown != null) {
            throw new KnownAtDeployment(notKnown);
        }
        if (!evaluating.add(key)) {
            throw new ExpressionException((key.startsWith("p:") ? "parameter '" : "variable '") + name + "' refers to itself");
        }
        try {
            value = compute.get();
            cache.put(name, value);
            return value;
        } catch (KnownAtDeployment e) {
            notKnownValues.put(key, e.getMessage());
            throw e;
        } finally {
            evaluating.remove(key);
        }
    }

    // ---- resources

    private void declareLooped(JsonNode source, String pointer, String symbol, Declared parent, TemplateScope outer,
                               List<Declared> deployments) {
        if (!source.isObject()) {
            throw new TemplateError(pointer, "a resource is " + Values.describe(source) + ", not an object");
        }
        JsonNode copy = source.path("copy");
        if (copy.isMissingNode()) {
            declare(source, pointer, symbol, parent, outer, deployments);
            return;
        }
        String loop = copy.path("name").asText("");
        if (loop.isEmpty()) {
            throw new TemplateError(pointer + "/copy", "a copy loop needs a name");
        }
        int count;
        try {
            count = count(copy.path("count"), outer);
        } catch (KnownAtDeployment e) {
            throw new TemplateError(pointer + "/copy/count", "the loop count is known only at deployment ("
                    + e.getMessage() + "): lensix cannot tell how many resources it deploys");
        } catch (ExpressionException e) {
            throw new TemplateError(pointer + "/copy/count", e.getMessage());
        }
        for (int i = 0; i < count; i++) {
            declare(source, pointer, symbol == null ? null : symbol + "[" + i + "]", parent, outer.inLoop(loop, i), deployments);
        }
    }

    /** A copy loop's count. */
    private int count(JsonNode count, TemplateScope in) {
        JsonNode value = strict(count, in);
        long n;
        try {
            n = CoreFunctions.integer(value, "copy count");
        } catch (ExpressionException e) {
            throw new ExpressionException("the loop count is " + Values.describe(value) + ", not an integer");
        }
        if (n < 0 || n > MAX_COPIES) {
            throw new ExpressionException("the loop count is " + n + ": Resource Manager allows 0 to " + MAX_COPIES);
        }
        return (int) n;
    }

    private void declare(JsonNode source, String pointer, String symbol, Declared parent, TemplateScope in,
                         List<Declared> deployments) {
        Optional<String> conditionNotKnown = Optional.empty();
        if (source.has("condition")) {
            try {
                if (!CoreFunctions.bool(strict(source.get("condition"), in), "condition")) {
                    return;
                }
            } catch (KnownAtDeployment e) {
                conditionNotKnown = Optional.of("not known: the resource is deployed only if its condition holds, which is "
                        + e.getMessage());
            } catch (ExpressionException e) {
                throw new TemplateError(pointer + "/condition", e.getMessage());
            }
        }
        boolean existing = source.path("existing").asBoolean(false);
        String type = placeText(source, "type", in, pointer);
        String name = placeText(source, "name", in, pointer);
        if (parent != null && !ResourceNames.isType(type)) {
            type = parent.type() + "/" + type;
            name = parent.fullName() + "/" + name;
        }
        DeploymentScope at = scopeOf(source, in, pointer);
        String under = at.resourceGroupId();
        if (source.has("scope")) {
            under = scopeId(placeText(source, "scope", in, pointer), at, pointer);
        }
        ResourceNames.Placed placed;
        try {
            placed = ResourceNames.place(under, type, name);
        } catch (ExpressionException e) {
            throw new TemplateError(pointer + "/name", e.getMessage());
        }
        boolean deployment = !existing && placed.type().equalsIgnoreCase("Microsoft.Resources/deployments");
        String address = addressPrefix + (symbol != null ? symbol : deployment ? name : placed.type() + "/" + name);
        TemplateDeployment nested = null;
        Declared.Kind kind = existing ? Declared.Kind.EXISTING : Declared.Kind.RESOURCE;
        if (deployment) {
            kind = Declared.Kind.DEPLOYMENT;
            nested = nestedDeployment(source, pointer, placed.name(), at, in, address);
        }
        Declared declared = new Declared(kind, placed, address, source, pointer, in, conditionNotKnown, nested);
        if (symbol != null) {
            bySymbol.put(symbol.toLowerCase(Locale.ROOT), declared);
        }
        registry.all.add(declared);
        registry.byId.putIfAbsent(ResourceNames.key(placed.id()), declared);
        if (nested != null) {
            deployments.add(declared);
        }
        JsonNode children = source.path("resources");
        if (children.isArray()) {
            for (int i = 0; i < children.size(); i++) {
                declareLooped(children.get(i), pointer + "/resources/" + i, null, declared, in, deployments);
            }
        }
    }

    private String placeText(JsonNode source, String member, TemplateScope in, String pointer) {
        JsonNode node = source.path(member);
        if (node.isMissingNode()) {
            throw new TemplateError(pointer, "a resource needs a " + member);
        }
        try {
            JsonNode value = strict(node, in);
            if (!value.isTextual()) {
                throw new TemplateError(pointer + "/" + member, "the " + member + " is " + Values.describe(value) + ", not a string");
            }
            return value.textValue();
        } catch (KnownAtDeployment e) {
            throw new TemplateError(pointer + "/" + member, "the " + member + " is known only at deployment ("
                    + e.getMessage() + "): lensix cannot place the resource");
        } catch (ExpressionException e) {
            throw new TemplateError(pointer + "/" + member, e.getMessage());
        }
    }

    /** A resource (or a nested deployment) placed in another subscription or resource group. */
    private DeploymentScope scopeOf(JsonNode source, TemplateScope in, String pointer) {
        DeploymentScope at = scope;
        if (source.has("subscriptionId")) {
            at = at.inSubscription(placeText(source, "subscriptionId", in, pointer));
        }
        if (source.has("resourceGroup")) {
            at = at.inResourceGroup(placeText(source, "resourceGroup", in, pointer));
        }
        return at;
    }

    /** An extension resource's {@code scope}: an id, a symbolic name, or {@code Namespace/type/name} in the group. */
    private String scopeId(String scopeText, DeploymentScope at, String pointer) {
        if (scopeText.startsWith("/")) {
            return scopeText.endsWith("/") ? scopeText.substring(0, scopeText.length() - 1) : scopeText;
        }
        Declared bySymbolName = bySymbol.get(scopeText.toLowerCase(Locale.ROOT));
        if (bySymbolName != null) {
            return bySymbolName.id();
        }
        String[] parts = scopeText.split("/");
        if (parts.length >= 3 && ResourceNames.isType(parts[0] + "/" + parts[1])) {
            List<String> types = new ArrayList<>(List.of(parts[0]));
            List<String> resourceNames = new ArrayList<>();
            for (int i = 1; i + 1 < parts.length; i += 2) {
                types.add(parts[i]);
                resourceNames.add(parts[i + 1]);
            }
            return ResourceNames.place(at.resourceGroupId(), String.join("/", types), String.join("/", resourceNames)).id();
        }
        throw new TemplateError(pointer + "/scope", "the scope '" + scopeText + "' is no resource id, symbolic name or"
                + " Namespace/type/name");
    }

    private TemplateDeployment nestedDeployment(JsonNode source, String pointer, String deploymentName, DeploymentScope at,
                                                TemplateScope in, String address) {
        JsonNode properties = source.path("properties");
        JsonNode inline = properties.path("template");
        if (!inline.isObject()) {
            String link = properties.path("templateLink").isObject() ? "a linked template (templateLink)" : "no template";
            registry.problems.add(address + ": a nested deployment with " + link + ": lensix reads only templates written"
                    + " inline, so the resources it deploys are not in this scan");
            return new TemplateDeployment(deploymentName, Values.NODES.objectNode(), pointer + "/properties/template", at,
                    Map.of(), null, registry, address + "/");
        }
        boolean inner = properties.path("expressionEvaluationOptions").path("scope").asText("outer").equalsIgnoreCase("inner");
        if (!inner) {
            return new TemplateDeployment(deploymentName, inline, pointer + "/properties/template", at, Map.of(), this,
                    registry, address + "/");
        }
        Map<String, Given> values = new LinkedHashMap<>();
        JsonNode parameters = properties.path("parameters");
        for (Iterator<Map.Entry<String, JsonNode>> it = parameters.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode parameter = entry.getValue();
            String where = pointer + "/properties/parameters/" + escape(entry.getKey());
            if (parameter.has("reference")) {
                values.put(entry.getKey().toLowerCase(Locale.ROOT), Given.NotKnown.keyVaultSecret(entry.getKey(), ""));
            } else {
                values.put(entry.getKey().toLowerCase(Locale.ROOT), new Given.Later(() -> {
                    try {
                        return new Given.Value(strict(parameter.path("value"), in));
                    } catch (KnownAtDeployment e) {
                        return new Given.NotKnown(e.getMessage());
                    } catch (ExpressionException e) {
                        throw new TemplateError(where, e.getMessage());
                    }
                }));
            }
        }
        return new TemplateDeployment(deploymentName, inline, pointer + "/properties/template", at, values, null, registry,
                address + "/");
    }

    /**
     * The outputs of this (nested) deployment, each evaluated once; one known only at deployment is left out, its
     * reason in {@link #outputsNotKnown()}.
     */
    ObjectNode outputsObject() {
        if (outputs == null) {
            outputs = evaluateOutputs();
        }
        return outputs;
    }

    /** Why each output, or part of one, left out of {@link #outputsObject()} is not known: by pointer from the deployment. */
    Map<String, String> outputsNotKnown() {
        outputsObject();
        return outputsNotKnown;
    }

    private ObjectNode evaluateOutputs() {
        ObjectNode values = Values.NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = template.path("outputs").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> output = it.next();
            String at = "/outputs/" + escape(output.getKey());
            JsonNode value = evaluate(output.getValue().path("value"), new TemplateScope(this), at + "/value", outputsNotKnown);
            if (value != null) {
                ObjectNode one = values.putObject(output.getKey());
                one.put("type", output.getValue().path("type").asText("object"));
                one.set("value", value);
            } else if (outputsNotKnown.containsKey(at + "/value")) {
                outputsNotKnown.put(at, outputsNotKnown.get(at + "/value")); // the whole output is left out
            }
        }
        return values;
    }

    /** The resources this deployment and its nested ones declare, in order. */
    List<Declared> resources() {
        return registry.all;
    }

    // ---- reference()

    JsonNode reference(String target, boolean full) {
        return lookup(target).orElseThrow(() -> Declared.notDeclared(target)).deployed(full);
    }

    JsonNode resourceInfo(String symbol) {
        Declared declared = bySymbol.get(symbol.toLowerCase(Locale.ROOT));
        if (declared == null) {
            throw new ExpressionException("resourceInfo('" + symbol + "') names no resource of the template");
        }
        return declared.info();
    }

    private Optional<Declared> lookup(String target) {
        if (target.startsWith("/")) {
            return Optional.ofNullable(registry.byId.get(ResourceNames.key(target)));
        }
        Declared symbol = bySymbol.get(target.toLowerCase(Locale.ROOT));
        if (symbol != null) {
            return Optional.of(symbol);
        }
        // reference('name'): the resource of that name this deployment declares
        List<Declared> named = registry.all.stream().filter(d -> d.fullName().equalsIgnoreCase(target)).toList();
        return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }

    // ---- evaluation of values

    /** A value that must be known: anything known only at deployment raises {@link KnownAtDeployment}. */
    JsonNode strict(JsonNode node, TemplateScope in) {
        return evaluate(node, in, "", null);
    }

    /**
     * A value with every expression in it evaluated; one known only at deployment, or one lensix cannot evaluate, is
     * left out (null for the whole value) and its JSON pointer below {@code pointer} recorded in {@code notKnown};
     * with {@code notKnown} null, it is raised instead.
     */
    JsonNode evaluate(JsonNode node, TemplateScope in, String pointer, Map<String, String> notKnown) {
        if (node.isTextual()) {
            return expression(node, in, pointer, notKnown);
        }
        if (node.isArray()) {
            ArrayNode array = Values.NODES.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                JsonNode element = evaluate(node.get(i), in, pointer + "/" + i, notKnown);
                array.add(element == null ? Values.NODES.nullNode() : element);
            }
            return array;
        }
        if (node.isObject()) {
            ObjectNode object = Values.NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                if (member.getKey().equals("copy") && isPropertyLoops(member.getValue())) {
                    for (JsonNode loop : member.getValue()) {
                        String loopName = loop.path("name").asText();
                        String at = pointer + "/" + escape(loopName);
                        try {
                            object.set(loopName, loopArray(loop, in, at, notKnown));
                        } catch (ExpressionException e) {
                            if (notKnown == null) {
                                throw e;
                            }
                            notKnown.put(at, e.getMessage());
                        }
                    }
                    continue;
                }
                String key = member.getKey();
                if (Expression.isExpression(Values.NODES.textNode(key))) {
                    JsonNode evaluatedKey = expression(Values.NODES.textNode(key), in, pointer, notKnown);
                    if (evaluatedKey == null) {
                        continue;
                    }
                    key = CoreFunctions.text(evaluatedKey, "a property name");
                }
                JsonNode value = evaluate(member.getValue(), in, pointer + "/" + escape(key), notKnown);
                // a property an expression sets to null is not sent: Resource Manager leaves it unset
                boolean unset = value != null && value.isNull() && Expression.isExpression(member.getValue());
                if (value != null && !unset) {
                    object.set(key, value);
                }
            }
            return object;
        }
        return node;
    }

    private JsonNode expression(JsonNode text, TemplateScope in, String pointer, Map<String, String> notKnown) {
        if (!Expression.isExpression(text)) {
            return text.textValue().startsWith("[[") ? Values.NODES.textNode(text.textValue().substring(1)) : text;
        }
        Expression expression;
        try {
            expression = Expression.of(text);
        } catch (IllegalArgumentException e) {
            if (notKnown == null) {
                throw new ExpressionException(e.getMessage());
            }
            notKnown.put(pointer, "not known: lensix cannot evaluate " + Expression.shortened(text.textValue()) + ": " + e.getMessage());
            return null;
        }
        try {
            return expression.eval(in);
        } catch (ExpressionException e) {
            if (notKnown == null) {
                throw e;
            }
            if (e instanceof KnownAtDeployment) {
                notKnown.put(pointer, e.getMessage());
                return null;
            }
            notKnown.put(pointer, "not known: lensix cannot evaluate " + Expression.shortened(text.textValue()) + ": " + e.getMessage());
            return null;
        }
    }

    private static boolean isPropertyLoops(JsonNode copy) {
        if (!copy.isArray() || copy.isEmpty()) {
            return false;
        }
        for (JsonNode loop : copy) {
            if (!loop.path("name").isTextual() || !loop.has("count") || !loop.has("input")) {
                return false;
            }
        }
        return true;
    }

    /** The array a copy loop makes; {@code notKnown} null for a value that must be known (a variable). */
    private JsonNode loopArray(JsonNode loop, TemplateScope in, String pointer, Map<String, String> notKnown) {
        String loopName = loop.path("name").asText();
        int count = count(loop.path("count"), in);
        ArrayNode array = Values.NODES.arrayNode();
        for (int i = 0; i < count; i++) {
            JsonNode element = evaluate(loop.path("input"), in.inLoop(loopName, i), pointer + "/" + i, notKnown);
            array.add(element == null ? Values.NODES.nullNode() : element);
        }
        return array;
    }

    // ---- helpers

    private static Optional<String> keyOf(JsonNode object, String name) {
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (key.equalsIgnoreCase(name)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    private static Map<String, Given> lowerKeys(Map<String, Given> given) {
        Map<String, Given> lower = new LinkedHashMap<>();
        given.forEach((key, value) -> lower.put(key.toLowerCase(Locale.ROOT), value));
        return lower;
    }

    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
