package dev.lensix.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Remediation;
import dev.lensix.api.check.Severity;
import dev.lensix.policy.language.Expression;
import dev.lensix.policy.language.Values;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one rule file into checks. A file is one JSON object in one of these forms:
 * <ul>
 *   <li>an Azure Policy definition as Azure returns it, {@code {"properties": {"displayName", "description",
 *   "metadata", "parameters", "policyRule", ...}, "id", "name"}}, or without {@code id} and {@code name};</li>
 *   <li>the same with the properties at the top level, as {@code az policy definition show} prints it;</li>
 *   <li>a bare policy rule {@code {"if": ..., "then": ...}} as Microsoft's docs print it: its id and title come from
 *   the file name, its severity is medium.</li>
 * </ul>
 * Any form may carry the header {@code "lensix": {"id", "title", "severity", "description", "rationale",
 * "remediation", "references", "complianceIds", "service", "parameters"}}, which wins over the definition.
 */
final class RuleFile {

    static final String SERVICE = "azure-policy";
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{1,63}");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Set<String> HEADER_KEYS = Set.of("id", "title", "severity", "description", "rationale",
            "remediation", "references", "complianceids", "service", "parameters");
    /** Extension resource types that live at the scope of the resource they describe. */
    private static final Set<String> EXTENSION_TYPES = Set.of("microsoft.insights/diagnosticsettings",
            "microsoft.authorization/locks", "microsoft.security/advancedthreatprotectionsettings");

    private final String file;
    private final String fileName;
    private final JsonNode root;

    RuleFile(String file, String fileName, JsonNode root) {
        this.file = file;
        this.fileName = fileName;
        this.root = root;
    }

    private PolicyRuleException error(String message) {
        return new PolicyRuleException(file, message);
    }

    List<PolicyRuleCheck> checks() throws PolicyRuleException {
        if (root == null || !root.isObject()) {
            throw error(root != null && root.isArray()
                    ? "holds a JSON array: save one policy definition per file"
                    : "a rule file holds one JSON object (an Azure Policy definition, or a policy rule with a lensix header),"
                    + " not " + RuleCompiler.kind(root));
        }
        JsonNode header = RuleCompiler.get(root, "lensix");
        if (header != null) {
            checkHeader(header);
        }
        JsonNode definition;
        JsonNode rule;
        String where;
        JsonNode properties = RuleCompiler.get(root, "properties");
        if (properties != null && properties.isObject() && RuleCompiler.get(properties, "policyRule") != null) {
            definition = properties;
            rule = RuleCompiler.get(properties, "policyRule");
            where = "properties.policyRule";
        } else if (RuleCompiler.get(root, "policyRule") != null) {
            definition = root;
            rule = RuleCompiler.get(root, "policyRule");
            where = "policyRule";
        } else if (RuleCompiler.get(root, "if") != null || RuleCompiler.get(root, "then") != null) {
            // a rule as Microsoft's docs and blog posts print it: id and title from the file name, unless a header says
            definition = Values.NODES.objectNode();
            rule = root;
            where = "";
        } else {
            throw error("no policy rule: expected an Azure Policy definition (properties.policyRule or policyRule)"
                    + " or a policy rule (if, then) with a lensix header");
        }
        if (!rule.isObject()) {
            throw error(where + ": the policy rule must be an object with if and then");
        }
        for (Iterator<String> keys = rule.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.equalsIgnoreCase("if") && !key.equalsIgnoreCase("then") && !(where.isEmpty() && key.equalsIgnoreCase("lensix"))) {
                throw error(prefix(where) + key + ": '" + key + "' is not part of a policy rule (if, then)");
            }
        }
        String mode = text(definition, "mode");
        if (mode != null && !mode.equalsIgnoreCase("all") && !mode.equalsIgnoreCase("indexed")) {
            throw error("mode '" + mode + "' is not supported: lensix evaluates ARM resources (modes All and Indexed),"
                    + " not resource provider modes");
        }

        Set<String> declared = new HashSet<>();
        boolean bare = where.isEmpty();
        Map<String, JsonNode> values = parameters(definition, header, declared, bare);
        RuleCompiler compiler = new RuleCompiler(file, values, declared);

        JsonNode ifNode = RuleCompiler.get(rule, "if");
        JsonNode thenNode = RuleCompiler.get(rule, "then");
        if (ifNode == null || thenNode == null || !thenNode.isObject()) {
            throw error(prefix(where) + (ifNode == null ? "if" : "then") + ": the policy rule needs an if condition and"
                    + " a then object with an effect");
        }
        String thenWhere = prefix(where) + "then";
        JsonNode effectNode = RuleCompiler.get(thenNode, "effect");
        if (effectNode == null) {
            throw error(thenWhere + ": then has no effect");
        }
        JsonNode effectValue = compiler.constant(effectNode, thenWhere + ".effect");
        if (!effectValue.isTextual()) {
            throw error(thenWhere + ".effect: the effect is " + Values.describe(effectValue) + ", not a name");
        }
        Effect effect = Effect.parse(effectValue.textValue()).orElseThrow(() -> error(thenWhere + ".effect: effect '"
                + effectValue.textValue() + "' is not supported (lensix runs audit, deny, auditIfNotExists,"
                + " deployIfNotExists evaluated as an audit, and disabled; " + Effect.UNSUPPORTED
                + " change resources or block requests rather than report)"));

        String ifWhere = prefix(where) + "if";
        List<String> types = targetTypes(ifNode, ifWhere, compiler);
        Condition condition = compiler.condition(ifNode, ifWhere, new RuleCompiler.Context(types, types, List.of()));

        Map<String, PolicyRuleCheck.Existence> existences = new HashMap<>();
        String relatedType = null;
        if (effect.needsRelated()) {
            JsonNode details = RuleCompiler.get(thenNode, "details");
            if (details == null || !details.isObject()) {
                throw error(thenWhere + ".details: effect " + effect.spelled() + " needs details with the related type");
            }
            relatedType = relatedType(details, thenWhere + ".details", compiler);
            for (String type : types) {
                existences.put(type, existence(details, thenWhere + ".details", compiler, type, relatedType));
            }
        }

        List<PolicyRuleCheck> checks = new ArrayList<>();
        String baseId = baseId(header, definition);
        for (String type : types) {
            String id = types.size() == 1 ? baseId : suffixed(baseId, type);
            CheckDescriptor descriptor = descriptor(id, header, definition, type, types.size() > 1, effect, relatedType);
            checks.add(new PolicyRuleCheck(descriptor, fileName, title(header, definition), effect, condition,
                    existences.get(type), values));
        }
        return checks;
    }

    private static String prefix(String where) {
        return where.isEmpty() ? "" : where + ".";
    }

    private void checkHeader(JsonNode header) throws PolicyRuleException {
        if (!header.isObject()) {
            throw error("lensix: the lensix header is an object, not " + RuleCompiler.kind(header));
        }
        for (Iterator<String> keys = header.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!HEADER_KEYS.contains(key.toLowerCase(Locale.ROOT))) {
                throw error("lensix." + key + ": '" + key + "' is not a lensix header field (id, title, severity,"
                        + " description, rationale, remediation, references, complianceIds, service, parameters)");
            }
        }
    }

    /** Parameter values by lower-case name: the header's, else the definition's defaultValue. */
    private Map<String, JsonNode> parameters(JsonNode definition, JsonNode header, Set<String> declared, boolean bare)
            throws PolicyRuleException {
        Map<String, JsonNode> values = new HashMap<>();
        Map<String, JsonNode> allowed = new HashMap<>();
        JsonNode parameters = RuleCompiler.get(definition, "parameters");
        if (parameters != null && !parameters.isNull()) {
            if (!parameters.isObject()) {
                throw error("parameters: parameters is an object, not " + RuleCompiler.kind(parameters));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = parameters.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String key = entry.getKey().toLowerCase(Locale.ROOT);
                declared.add(key);
                if (!entry.getValue().isObject()) {
                    throw error("parameters." + entry.getKey() + ": a parameter is an object, not "
                            + RuleCompiler.kind(entry.getValue()));
                }
                JsonNode defaultValue = RuleCompiler.get(entry.getValue(), "defaultValue");
                if (defaultValue != null) {
                    values.put(key, defaultValue);
                }
                JsonNode allowedValues = RuleCompiler.get(entry.getValue(), "allowedValues");
                if (allowedValues != null && allowedValues.isArray()) {
                    allowed.put(key, allowedValues);
                }
            }
        }
        JsonNode given = header == null ? null : RuleCompiler.get(header, "parameters");
        if (given != null) {
            if (!given.isObject()) {
                throw error("lensix.parameters: parameters is an object of values, not " + RuleCompiler.kind(given));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String key = entry.getKey().toLowerCase(Locale.ROOT);
                if (bare) {
                    declared.add(key); // a bare rule has no definition to declare its parameters: the header does
                } else if (!declared.contains(key)) {
                    throw error("lensix.parameters." + entry.getKey() + ": the definition declares no parameter '"
                            + entry.getKey() + "'");
                }
                values.put(key, entry.getValue());
            }
        }
        for (Map.Entry<String, JsonNode> entry : values.entrySet()) {
            JsonNode allowedValues = allowed.get(entry.getKey());
            if (allowedValues == null) {
                continue;
            }
            boolean ok = false;
            for (JsonNode candidate : allowedValues) {
                ok |= Values.same(candidate, entry.getValue()) || candidate.equals(entry.getValue());
            }
            if (!ok) {
                throw error("parameters." + entry.getKey() + ": value " + entry.getValue() + " is not one of its allowedValues "
                        + allowedValues);
            }
        }
        return values;
    }

    /**
     * The types the rule evaluates: a {@code type} field condition with {@code equals} or {@code in} at the top
     * of {@code if}, or directly in a top-level {@code allOf}. Several such conditions narrow each other.
     */
    private List<String> targetTypes(JsonNode ifNode, String where, RuleCompiler compiler) throws PolicyRuleException {
        List<JsonNode> candidates = new ArrayList<>();
        JsonNode allOf = ifNode.isObject() ? RuleCompiler.get(ifNode, "allOf") : null;
        if (allOf != null && allOf.isArray()) {
            allOf.forEach(candidates::add);
        } else {
            candidates.add(ifNode);
        }
        Set<String> types = null;
        for (int i = 0; i < candidates.size(); i++) {
            JsonNode candidate = candidates.get(i);
            String at = allOf != null && allOf.isArray() ? where + ".allOf[" + i + "]" : where;
            JsonNode field = candidate.isObject() ? RuleCompiler.get(candidate, "field") : null;
            if (field == null || !field.isTextual() || !field.textValue().strip().equalsIgnoreCase("type")) {
                continue;
            }
            JsonNode equals = RuleCompiler.get(candidate, "equals");
            JsonNode in = RuleCompiler.get(candidate, "in");
            if (equals == null && in == null) {
                continue;
            }
            JsonNode value = compiler.constant(equals != null ? equals : in, at + (equals != null ? ".equals" : ".in"));
            Set<String> these = new LinkedHashSet<>();
            if (equals != null && value.isTextual()) {
                these.add(value.textValue().strip());
            } else if (in != null && value.isArray()) {
                for (JsonNode type : value) {
                    if (!type.isTextual()) {
                        throw error(at + ".in: a resource type is a string, not " + RuleCompiler.kind(type));
                    }
                    these.add(type.textValue().strip());
                }
            } else {
                throw error(at + ": the type condition gives " + Values.describe(value) + ", not resource types");
            }
            if (types == null) {
                types = these;
            } else {
                Set<String> narrowed = new LinkedHashSet<>();
                for (String type : types) {
                    if (these.stream().anyMatch(type::equalsIgnoreCase)) {
                        narrowed.add(type);
                    }
                }
                types = narrowed;
            }
        }
        if (types == null) {
            throw error(where + ": the rule does not select a resource type: lensix runs a rule on the types named by"
                    + " {\"field\": \"type\", \"equals\": ...} or \"in\": [...] at the top of if, or directly in its allOf");
        }
        if (types.isEmpty()) {
            throw error(where + ": the rule's type conditions select no resource type together");
        }
        for (String type : types) {
            if (type.isEmpty() || !type.contains("/") || type.contains("*")) {
                throw error(where + ": '" + type + "' is not a resource type (Namespace/type)");
            }
        }
        return List.copyOf(types);
    }

    private String relatedType(JsonNode details, String where, RuleCompiler compiler) throws PolicyRuleException {
        JsonNode typeNode = RuleCompiler.get(details, "type");
        if (typeNode == null) {
            throw error(where + ".type: details need the related resource type");
        }
        JsonNode type = compiler.constant(typeNode, where + ".type");
        if (!type.isTextual() || !type.textValue().contains("/")) {
            throw error(where + ".type: the related type is " + Values.describe(type) + ", not a resource type");
        }
        return type.textValue().strip();
    }

    private PolicyRuleCheck.Existence existence(JsonNode details, String where, RuleCompiler compiler, String target,
                                                String relatedType) throws PolicyRuleException {
        Expression name = null;
        Condition condition = null;
        boolean subscription = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = details.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            switch (key.toLowerCase(Locale.ROOT)) {
                case "type", "evaluationdelay", "roledefinitionids", "deployment", "deploymentscope" -> {
                    // type is read above; the others steer remediation, which lensix does not do
                }
                case "name" -> name = compiler.expression(entry.getValue(), where + ".name",
                        new RuleCompiler.Context(List.of(), List.of(target), List.of()));
                case "existencecondition" -> condition = compiler.condition(entry.getValue(), where + ".existenceCondition",
                        new RuleCompiler.Context(List.of(relatedType), List.of(target), List.of()));
                case "existencescope" -> {
                    JsonNode scope = compiler.constant(entry.getValue(), where + ".existenceScope");
                    if (!scope.isTextual() || !(scope.textValue().equalsIgnoreCase("resourceGroup")
                            || scope.textValue().equalsIgnoreCase("subscription"))) {
                        throw error(where + ".existenceScope: existenceScope is resourceGroup or subscription, not " + scope);
                    }
                    subscription = scope.textValue().equalsIgnoreCase("subscription");
                }
                default -> throw error(where + "." + key + ": '" + key + "' is not supported in details (lensix reads"
                        + " type, name, existenceCondition and existenceScope; resourceGroupName is not supported)");
            }
        }
        String lower = relatedType.toLowerCase(Locale.ROOT);
        boolean scoped = lower.startsWith(target.toLowerCase(Locale.ROOT) + "/") || EXTENSION_TYPES.contains(lower);
        return new PolicyRuleCheck.Existence(relatedType, name, condition, scoped, subscription);
    }

    private String baseId(JsonNode header, JsonNode definition) throws PolicyRuleException {
        String given = header == null ? null : text(header, "id");
        if (given != null) {
            if (!ID.matcher(given).matches()) {
                throw error("lensix.id: check id '" + given + "' must be 2-64 lower-case letters, digits or underscores,"
                        + " starting with a letter");
            }
            return given;
        }
        String name = text(root, "name");
        if (name == null && definition != root) {
            name = text(definition, "name");
        }
        if (name == null || name.isBlank()) {
            name = baseName();
        }
        return deriveId(name);
    }

    /**
     * Lower case, every run of other characters an underscore; {@code policy_} in front of a GUID (the names of
     * built-in definitions) and of anything that does not start with a letter.
     */
    static String deriveId(String name) {
        String id = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (id.isEmpty() || !Character.isLetter(id.charAt(0)) || id.length() < 2 || GUID.matcher(name.strip()).matches()) {
            id = "policy_" + id;
        }
        return trim(id, 64);
    }

    /** {@code id_keyvault_vaults} for {@code Microsoft.KeyVault/vaults}, one of several types the rule selects. */
    static String suffixed(String base, String type) {
        String suffix = "_" + type.toLowerCase(Locale.ROOT).replaceFirst("^microsoft\\.", "")
                .replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return trim(base, 64 - suffix.length()) + suffix;
    }

    private static String trim(String id, int max) {
        String cut = id.length() > max ? id.substring(0, max) : id;
        return cut.replaceAll("_+$", "");
    }

    private CheckDescriptor descriptor(String id, JsonNode header, JsonNode definition, String type, boolean several,
                                       Effect effect, String relatedType) throws PolicyRuleException {
        String title = title(header, definition) + (several ? " (" + type + ")" : "");
        CheckDescriptor.Builder builder = CheckDescriptor.builder(id)
                .title(title)
                .severity(severity(header, definition))
                .service(service(header, definition))
                .targetType(type)
                .description(first(text(header, "description"), text(definition, "description"),
                        "Azure Policy rule '" + title + "' from " + fileName + "."))
                .rationale(first(text(header, "rationale"), null, "Azure Policy rule from " + fileName + " (effect "
                        + effect.spelled() + "), run by lensix over the collected ARM JSON: a resource that meets its if"
                        + " condition" + (effect.needsRelated() ? " and has no " + relatedType + " that meets its"
                        + " existenceCondition" : "") + " does not comply."))
                .remediation(remediation(header, effect, relatedType));
        if (relatedType != null) {
            builder.relatedType(relatedType);
        }
        for (String reference : list(header, "references")) {
            builder.reference(reference);
        }
        builtInId().ifPresent(guid -> builder.reference(
                "https://portal.azure.com/#blade/Microsoft_Azure_Policy/PolicyDetailBlade/definitionId/"
                        + URLEncoder.encode("/providers/Microsoft.Authorization/policyDefinitions/" + guid, StandardCharsets.UTF_8)));
        for (String control : list(header, "complianceIds")) {
            builder.complianceId(control);
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw error("lensix: " + e.getMessage());
        }
    }

    private String title(JsonNode header, JsonNode definition) {
        String name = text(root, "name");
        return first(text(header, "title"), text(definition, "displayName"), name != null ? name : baseName());
    }

    /** The file name without {@code .json}: what names a rule that names itself nowhere else. */
    private String baseName() {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
    }

    private Severity severity(JsonNode header, JsonNode definition) throws PolicyRuleException {
        String given = text(header, "severity");
        String where = "lensix.severity";
        if (given == null) {
            given = text(RuleCompiler.get(definition, "metadata"), "severity");
            where = "metadata.severity";
        }
        if (given == null) {
            return Severity.MEDIUM;
        }
        String value = given;
        String at = where;
        return Severity.parse(value).orElseThrow(() -> error(at + ": severity '" + value
                + "' is not one of critical, high, medium, low, info"));
    }

    private String service(JsonNode header, JsonNode definition) {
        String given = text(header, "service");
        if (given != null) {
            return given;
        }
        String category = text(RuleCompiler.get(definition, "metadata"), "category");
        if (category == null) {
            return SERVICE;
        }
        String slug = category.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? SERVICE : slug;
    }

    private Remediation remediation(JsonNode header, Effect effect, String relatedType) throws PolicyRuleException {
        JsonNode given = header == null ? null : RuleCompiler.get(header, "remediation");
        Remediation remediation;
        if (given != null && given.isTextual()) {
            remediation = Remediation.of(given.textValue());
        } else if (given != null && given.isObject()) {
            String summary = text(given, "summary");
            if (summary == null) {
                throw error("lensix.remediation: a remediation object needs a summary");
            }
            remediation = Remediation.of(summary);
            for (Iterator<String> keys = given.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                String value = text(given, key);
                switch (key.toLowerCase(Locale.ROOT)) {
                    case "summary" -> {
                    }
                    case "azurecli" -> remediation = remediation.withAzureCli(value);
                    case "terraform" -> remediation = remediation.withTerraform(value);
                    case "azurepolicy" -> remediation = remediation.withAzurePolicy(value);
                    default -> throw error("lensix.remediation." + key + ": not one of summary, azureCli, terraform, azurePolicy");
                }
            }
        } else if (given != null) {
            throw error("lensix.remediation: remediation is a string or an object, not " + RuleCompiler.kind(given));
        } else {
            remediation = Remediation.of(effect.needsRelated()
                    ? "Give the resource a " + relatedType + " that meets the rule's existenceCondition."
                    : "Change the resource so that it no longer meets the rule's if condition.");
        }
        if (remediation.azurePolicy().isEmpty() && builtInId().isPresent()) {
            remediation = remediation.withAzurePolicy(builtInId().get());
        }
        return remediation;
    }

    /** The GUID of a built-in definition: {@code policyType} BuiltIn, or a tenant-level definition id. */
    private java.util.Optional<String> builtInId() {
        JsonNode properties = RuleCompiler.get(root, "properties");
        String policyType = first(text(properties, "policyType"), text(root, "policyType"), "");
        String id = text(root, "id");
        String name = text(root, "name");
        boolean builtIn = policyType.equalsIgnoreCase("BuiltIn") || policyType.equalsIgnoreCase("Static")
                || (id != null && id.toLowerCase(Locale.ROOT).startsWith("/providers/microsoft.authorization/policydefinitions/"));
        if (builtIn && name != null && GUID.matcher(name).matches()) {
            return java.util.Optional.of(name);
        }
        return java.util.Optional.empty();
    }

    private List<String> list(JsonNode header, String key) throws PolicyRuleException {
        JsonNode node = header == null ? null : RuleCompiler.get(header, key);
        if (node == null) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    throw error("lensix." + key + ": a list of strings, not " + RuleCompiler.kind(item) + " items");
                }
                items.add(item.textValue());
            }
            return items;
        }
        if (node.isTextual()) {
            return List.of(node.textValue());
        }
        throw error("lensix." + key + ": a list of strings, not " + RuleCompiler.kind(node));
    }

    private static String text(JsonNode object, String key) {
        if (object == null) {
            return null;
        }
        JsonNode value = RuleCompiler.get(object, key);
        return value != null && value.isTextual() && !value.textValue().isBlank() ? value.textValue() : null;
    }

    private static String first(String a, String b, String fallback) {
        return a != null ? a : b != null ? b : fallback;
    }
}
