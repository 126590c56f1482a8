package dev.lensix.input.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lensix.api.input.InputException;
import dev.lensix.api.report.ScanProblem;
import dev.lensix.api.resource.Origin;
import dev.lensix.api.resource.Resource;
import dev.lensix.api.resource.ResourceIds;
import dev.lensix.api.resource.SourceLocation;
import dev.lensix.input.terraform.mapping.ArmMapping;
import dev.lensix.input.terraform.mapping.ArmMappings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One plan's resource instances as ARM resources: each mapped type through its {@link ArmMapping}, references followed
 * to the resources of the plan they name (through module inputs and outputs too), parts of other resources (access
 * policies) added to them, and each resource's origin: the {@code .tf} block that declares it and the lines that set
 * its values.
 */
final class PlanTranslation implements MappingContext {

    private static final Logger LOG = LoggerFactory.getLogger(PlanTranslation.class);

    /** The subscription of ids the plan does not give one for: all zeros, as documented. */
    static final String PLACEHOLDER_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";

    private static final Pattern MODULE_STEP = Pattern.compile("module\\.([A-Za-z0-9_-]+)(\\[(?:\"(?:[^\"\\\\]|\\\\.)*\"|[0-9]+)\\])?");
    private static final Pattern RESOURCE_REFERENCE = Pattern.compile(
            "([A-Za-z][A-Za-z0-9_-]*)\\.([A-Za-z_][A-Za-z0-9_-]*)(\\[(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([0-9]+))\\])?(.*)");
    private static final int MAX_REFERENCE_DEPTH = 16;
    private static final Pattern NOT_A_RESOURCE = Pattern.compile("(data|local|each|count|path|terraform|self)\\.");
    private static final Pattern INDEX_STEP = Pattern.compile("\\[\"?([^\\]\"]*)\"?\\]");
    private static final Pattern NAME_END = Pattern.compile("[.\\[]");

    /** What a plan gives: its resources, and what could not be taken. */
    record Translated(List<Resource> resources, List<ScanProblem> problems) {
    }

    private record Target(PlanInstance instance, String attribute) {
    }

    private final PlanDocument plan;
    private final SourceFiles sources;
    private final ArmMappings mappings;
    private final String planName;
    private final List<PlanInstance> instances = new ArrayList<>();
    private final Map<String, List<PlanInstance>> byModuleAndAddress = new HashMap<>();
    // by identity: an instance's record equality would hash its whole attribute tree on every lookup
    private final Map<PlanInstance, String> armIds = new IdentityHashMap<>();
    private final Set<PlanInstance> resolvingIds = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Where each instance's change is in the plan: where its results point when no .tf file declares it. */
    private final Map<PlanInstance, SourceLocation> changePlaces = new IdentityHashMap<>();
    /** Each module's configured resources by address, by module path: looked up once per instance. */
    private final Map<String, Map<String, JsonNode>> configuredResources = new HashMap<>();
    private String subscriptionId;

    PlanTranslation(PlanDocument plan, SourceFiles sources, ArmMappings mappings) {
        this.plan = plan;
        this.sources = sources;
        this.mappings = mappings;
        this.planName = sources.reportName(plan.file());
    }

    Translated translate() throws InputException {
        Map<String, Integer> unmapped = new TreeMap<>();
        int data = 0;
        int deleted = 0;
        for (PlanDocument.Change change : plan.changes()) {
            JsonNode json = change.json();
            if (json.path("mode").asText("managed").equals("data")) {
                data++;
                continue;
            }
            PlanInstance instance = instance(json, change.line());
            changePlaces.put(instance, new SourceLocation(planName, change.line(), change.column(), change.endLine()));
            if (instance.deleted()) {
                deleted++;
                continue;
            }
            instances.add(instance);
            byModuleAndAddress.computeIfAbsent(instance.moduleAddress() + "|" + instance.localAddress(), key -> new ArrayList<>())
                    .add(instance);
            if (mappings.of(instance.type()).isEmpty()) {
                unmapped.merge(instance.type(), 1, Integer::sum);
            }
        }
        subscriptionId = findSubscription();
        List<ScanProblem> problems = new ArrayList<>();
        Map<String, Built> built = new LinkedHashMap<>();
        List<Built> parts = new ArrayList<>();
        for (PlanInstance instance : instances) {
            Optional<ArmMapping> mapping = mappings.of(instance.type());
            if (mapping.isEmpty()) {
                continue;
            }
            Optional<SourceFiles.Found> found = sources.find(instance.modulePath(), instance.type(), instance.name());
            ArmShape arm = new ArmShape(instance.address());
            if (mapping.get().isPart()) {
                mapping.get().map(instance, arm, this);
                parts.add(new Built(instance, mapping.get(), arm, found, changePlaces.get(instance)));
                continue;
            }
            String id = armId(instance);
            arm.put("/id", id).put("/type", mapping.get().armType(instance)).put("/name", ResourceIds.lastSegment(id));
            mapping.get().map(instance, arm, this);
            Built previous = built.putIfAbsent(ResourceIds.key(id), new Built(instance, mapping.get(), arm, found,
                    changePlaces.get(instance)));
            if (previous != null) {
                problems.add(new ScanProblem("input", planName + ": " + instance.address() + " and " + previous.instance().address()
                        + " are both " + id + ": only the first is evaluated"));
            }
        }
        for (Built part : parts) {
            Optional<String> target = part.mapping().partOf(part.instance(), this);
            Built whole = target.map(ResourceIds::key).map(built::get).orElse(null);
            if (whole == null) {
                problems.add(new ScanProblem("input", planName + ": " + part.instance().address() + " is part of "
                        + target.map(id -> "Key Vault " + id).orElse("a Key Vault whose id is known only after apply")
                        + ", which this plan does not declare: not evaluated"));
                continue;
            }
            whole.addPart(part);
        }
        List<Resource> resources = new ArrayList<>();
        for (Built resource : built.values()) {
            resources.add(resource.resource());
        }
        if (data > 0 || deleted > 0 || !unmapped.isEmpty()) {
            LOG.debug("{}: {} data sources and {} resources to be destroyed not evaluated; types lensix does not read: {}",
                    planName, data, deleted, unmapped);
        }
        return new Translated(resources, problems);
    }

    /** One ARM resource being built, and the parts other resources add to it. */
    private static final class Built {
        private final PlanInstance instance;
        private final ArmMapping mapping;
        private final ArmShape arm;
        private final Optional<SourceFiles.Found> found;
        private final SourceLocation change;
        private final Map<String, SourceLocation> partLocations = new LinkedHashMap<>();

        Built(PlanInstance instance, ArmMapping mapping, ArmShape arm, Optional<SourceFiles.Found> found, SourceLocation change) {
            this.instance = instance;
            this.mapping = mapping;
            this.arm = arm;
            this.found = found;
            this.change = change;
        }

        PlanInstance instance() {
            return instance;
        }

        ArmMapping mapping() {
            return mapping;
        }

        /** Appends the part's arrays ({@code properties.accessPolicies}) to this resource's, with their unknowns. */
        void addPart(Built part) {
            appendArrays(part.arm.json(), "", part, part.declaration());
        }

        private void appendArrays(JsonNode from, String pointer, Built part, SourceLocation where) {
            from.fields().forEachRemaining(field -> {
                String path = pointer + "/" + field.getKey();
                if (field.getValue().isArray()) {
                    ArrayNode into = arm.arrayAt(path);
                    for (int i = 0; i < field.getValue().size(); i++) {
                        int at = into.size();
                        into.add(field.getValue().get(i));
                        String element = path + "/" + i;
                        part.arm.notKnownPointers().forEach((unknown, reason) -> {
                            if (unknown.equals(element) || unknown.startsWith(element + "/")) {
                                arm.notKnown(path + "/" + at + unknown.substring(element.length()), reason);
                            }
                        });
                        partLocations.put(ArmShape.evidencePath(path + "/" + at), where);
                    }
                } else if (field.getValue().isObject()) {
                    appendArrays(field.getValue(), path, part, where);
                }
            });
        }

        /** The resource block, else its change's object in the plan. */
        SourceLocation declaration() {
            return found.map(SourceFiles.Found::declaration).orElse(change);
        }

        Resource resource() {
            Map<String, SourceLocation> properties = new LinkedHashMap<>();
            if (found.isPresent()) {
                arm.sources().forEach((pointer, tfPath) -> {
                    if (!tfPath.isEmpty()) {
                        found.get().locate(tfPath).ifPresent(place -> properties.put(ArmShape.evidencePath(pointer), place));
                    }
                });
            }
            properties.putAll(partLocations);
            Origin origin = new Origin(change.file(), instance.address(), declaration(), properties);
            return Resource.declared(arm.json(), origin, arm.notKnownPointers());
        }
    }

    // --- MappingContext

    @Override
    public String armId(PlanInstance instance) {
        String known = armIds.get(instance);
        if (known != null) {
            return known;
        }
        ArmMapping mapping = mappings.of(instance.type()).orElse(null);
        if (mapping == null || !resolvingIds.add(instance)) {
            // a type lensix does not map, or ids that refer to each other: the id is not made up
            return "";
        }
        try {
            String id = mapping.armId(instance, this);
            armIds.put(instance, id);
            return id;
        } finally {
            resolvingIds.remove(instance);
        }
    }

    @Override
    public String subscriptionId() {
        return subscriptionId == null ? PLACEHOLDER_SUBSCRIPTION : subscriptionId;
    }

    @Override
    public TfValue resolve(PlanInstance instance, String tfPath) {
        TfValue value = instance.value(tfPath);
        if (value.kind() != TfValue.Kind.UNKNOWN) {
            return value;
        }
        for (String reference : value.references()) {
            Optional<Target> target = target(instance.moduleAddress(), instance.modulePath(), reference, instance, 0)
                    .map(found -> found.attribute().isEmpty() ? new Target(found.instance(), impliedAttribute(tfPath)) : found);
            if (target.isEmpty() || target.get().attribute().isEmpty()) {
                continue;
            }
            Optional<TfValue> told = tell(target.get());
            if (told.isPresent()) {
                return told.get();
            }
        }
        Optional<String> own = mappings.of(instance.type()).flatMap(mapping -> derivedSafely(mapping, instance, tfPath));
        return own.filter(text -> !text.isEmpty()).map(TfValue::knownText).orElse(value);
    }

    @Override
    public Optional<PlanInstance> referenced(PlanInstance instance, String tfPath) {
        for (String reference : instance.references(tfPath)) {
            Optional<Target> target = target(instance.moduleAddress(), instance.modulePath(), reference, instance, 0);
            if (target.isPresent()) {
                return Optional.of(target.get().instance());
            }
        }
        return Optional.empty();
    }

    /**
     * The attribute a reference to a whole resource stands for, where only one can be meant: Terraform lists
     * {@code azurerm_key_vault.kv[count.index].id} as {@code azurerm_key_vault.kv} and {@code count.index}, without the
     * attribute. An argument that takes a resource's id ({@code key_vault_id}, {@code scope}) means {@code id}; a key's
     * {@code key_id} could mean its {@code id} or {@code versionless_id}, so it is left unknown.
     */
    private static String impliedAttribute(String tfPath) {
        String argument = tfPath.substring(tfPath.lastIndexOf('.') + 1);
        boolean idArgument = argument.equals("scope") || argument.endsWith("_resource_id") || argument.equals("parent_id")
                || argument.endsWith("_vault_id") || argument.endsWith("_workspace_id") || argument.endsWith("_account_id");
        return idArgument ? "id" : "";
    }

    /** The target's attribute: as the plan knows it, else as its mapping can tell it. */
    private Optional<TfValue> tell(Target target) {
        TfValue there = target.instance().value(target.attribute());
        if (there.isKnown()) {
            return Optional.of(there);
        }
        return mappings.of(target.instance().type())
                .flatMap(mapping -> derivedSafely(mapping, target.instance(), target.attribute()))
                .filter(text -> !text.isEmpty())
                .map(TfValue::knownText);
    }

    private Optional<String> derivedSafely(ArmMapping mapping, PlanInstance instance, String attribute) {
        if (resolvingIds.contains(instance)) {
            return Optional.empty();
        }
        return mapping.derived(instance, attribute, this);
    }

    /**
     * What a reference names: {@code TYPE.NAME[KEY].attr} in the module instance, {@code module.CALL.OUTPUT} through
     * the output's expression, {@code var.NAME} through the calling module's argument. Empty when it names none of
     * this plan's resources (a data source, a local value, an input of the root module).
     */
    private Optional<Target> target(String moduleAddress, List<String> modulePath, String reference, PlanInstance from, int depth) {
        if (depth > MAX_REFERENCE_DEPTH) {
            return Optional.empty();
        }
        if (reference.startsWith("module.")) {
            return throughOutput(moduleAddress, modulePath, reference, depth);
        }
        if (reference.startsWith("var.")) {
            return throughVariable(moduleAddress, modulePath, NAME_END.split(reference.substring(4), 2)[0], depth);
        }
        if (NOT_A_RESOURCE.matcher(reference).lookingAt()) {
            return Optional.empty();
        }
        Matcher match = RESOURCE_REFERENCE.matcher(reference);
        if (!match.matches()) {
            return Optional.empty();
        }
        List<PlanInstance> candidates = byModuleAndAddress.getOrDefault(moduleAddress + "|" + match.group(1) + "." + match.group(2), List.of());
        String key = match.group(4) != null ? match.group(4) : match.group(5);
        Optional<PlanInstance> chosen;
        if (key != null) {
            chosen = candidates.stream().filter(candidate -> candidate.index().asText("").equals(key)).findFirst();
        } else if (candidates.size() == 1) {
            chosen = Optional.of(candidates.get(0));
        } else if (from != null && !from.index().isMissingNode()) {
            // TYPE.NAME[count.index] or [each.key]: the instance of the same key
            chosen = candidates.stream().filter(candidate -> candidate.index().equals(from.index())).findFirst();
        } else {
            chosen = Optional.empty();
        }
        return chosen.map(instance -> new Target(instance, attributePath(match.group(6))));
    }

    /** {@code .identity[0].principal_id} as {@code identity.0.principal_id}. */
    private static String attributePath(String rest) {
        String path = rest.indexOf('[') < 0 ? rest : INDEX_STEP.matcher(rest).replaceAll(".$1");
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private Optional<Target> throughOutput(String moduleAddress, List<String> modulePath, String reference, int depth) {
        Matcher step = MODULE_STEP.matcher(reference);
        if (!step.lookingAt() || step.end() >= reference.length() || reference.charAt(step.end()) != '.') {
            return Optional.empty();
        }
        String call = step.group(1);
        String output = NAME_END.split(reference.substring(step.end() + 1), 2)[0];
        List<String> childPath = new ArrayList<>(modulePath);
        childPath.add(call);
        String prefix = (moduleAddress.isEmpty() ? "" : moduleAddress + ".") + "module." + call;
        String childAddress;
        if (step.group(2) != null) {
            childAddress = prefix + step.group(2);
        } else {
            Set<String> instancesOfCall = new HashSet<>();
            int start = prefix.length() - ("module." + call).length();
            for (PlanInstance instance : instances) {
                String address = instance.moduleAddress();
                if (address.startsWith(prefix) && (address.length() == prefix.length() || address.charAt(prefix.length()) == '['
                        || address.charAt(prefix.length()) == '.')) {
                    Matcher own = MODULE_STEP.matcher(address);
                    instancesOfCall.add(own.find(start) ? address.substring(0, own.end()) : prefix);
                }
            }
            if (instancesOfCall.size() != 1) {
                return Optional.empty();
            }
            childAddress = instancesOfCall.iterator().next();
        }
        JsonNode expression = moduleConfig(childPath).path("outputs").path(output).path("expression");
        for (JsonNode inner : expression.path("references")) {
            Optional<Target> target = target(childAddress, childPath, inner.asText(), null, depth + 1);
            if (target.isPresent()) {
                return target;
            }
        }
        return Optional.empty();
    }

    private Optional<Target> throughVariable(String moduleAddress, List<String> modulePath, String variable, int depth) {
        if (modulePath.isEmpty()) {
            return Optional.empty();
        }
        int last = moduleAddress.lastIndexOf("module.");
        String parentAddress = last <= 0 ? "" : moduleAddress.substring(0, last - 1);
        List<String> parentPath = modulePath.subList(0, modulePath.size() - 1);
        JsonNode argument = moduleConfig(parentPath).path("module_calls").path(modulePath.get(modulePath.size() - 1))
                .path("expressions").path(variable);
        for (JsonNode inner : argument.path("references")) {
            Optional<Target> target = target(parentAddress, parentPath, inner.asText(), null, depth + 1);
            if (target.isPresent()) {
                return target;
            }
        }
        return Optional.empty();
    }

    private JsonNode moduleConfig(List<String> modulePath) {
        JsonNode module = plan.configuration().path("root_module");
        for (String call : modulePath) {
            module = module.path("module_calls").path(call).path("module");
        }
        return module;
    }

    // --- reading the plan

    /** The actions {@code terraform show -json} writes in a change's {@code actions}. */
    private static final Set<String> ACTIONS = Set.of("no-op", "create", "read", "update", "delete", "forget");

    private PlanInstance instance(JsonNode change, int line) throws InputException {
        String address = change.path("address").asText("");
        String at = planName + ": line " + line + ": the resource change " + (address.isEmpty() ? "" : address + " ");
        for (String field : new String[] {"address", "type", "name"}) {
            if (!change.path(field).isTextual() || change.path(field).asText().isBlank()) {
                throw new InputException(at + "has no \"" + field + "\" text: not a plan as terraform show -json writes it");
            }
        }
        JsonNode body = change.path("change");
        if (!body.isObject()) {
            throw new InputException(at + "has no \"change\" object: not a plan as terraform show -json writes it");
        }
        JsonNode actionList = body.path("actions");
        if (!actionList.isArray() || actionList.isEmpty()) {
            throw new InputException(at + "has no \"actions\" list: not a plan as terraform show -json writes it");
        }
        List<String> actions = new ArrayList<>();
        for (JsonNode action : actionList) {
            if (!action.isTextual() || !ACTIONS.contains(action.asText())) {
                throw new InputException(at + "has the action " + (action.isTextual() ? "\"" + action.asText() + "\"" : action.toString())
                        + ", which is none of " + String.join(", ", new java.util.TreeSet<>(ACTIONS)));
            }
            actions.add(action.asText());
        }
        JsonNode after = body.path("after");
        if (!PlanInstance.notManagedAfter(actions) && !after.isObject()) {
            throw new InputException(at + "is to " + String.join(" and ", actions) + " but its \"after\" is "
                    + (after.isMissingNode() ? "missing" : after.isNull() ? "null" : "not an object")
                    + ": not a plan as terraform show -json writes it");
        }
        String moduleAddress = change.path("module_address").asText("");
        List<String> modulePath = new ArrayList<>();
        Matcher steps = MODULE_STEP.matcher(moduleAddress);
        while (steps.find()) {
            modulePath.add(steps.group(1));
        }
        String type = change.path("type").asText("");
        String name = change.path("name").asText("");
        JsonNode expressions = configuredResources.computeIfAbsent(String.join(".", modulePath), key -> {
            Map<String, JsonNode> byAddress = new HashMap<>();
            for (JsonNode resource : moduleConfig(modulePath).path("resources")) {
                if (!resource.path("mode").asText("").equals("data")) {
                    byAddress.putIfAbsent(resource.path("address").asText(""), resource.path("expressions"));
                }
            }
            return byAddress;
        }).getOrDefault(type + "." + name, MissingNode.getInstance());
        return new PlanInstance(address, moduleAddress, modulePath, type, name, change.path("index"), actions,
                after.isObject() ? after : PlanDocument.emptyObject(), body.path("after_unknown"),
                body.path("after_sensitive"), expressions, line,
                mappings.of(type).map(ArmMapping::attributeTypes).orElse(Map.of()));
    }

    /** The provider's {@code subscription_id} when constant, else the subscription of an id the plan knows. */
    private String findSubscription() {
        JsonNode configured = plan.configuration().path("provider_config").path("azurerm").path("expressions")
                .path("subscription_id");
        if (configured.path("constant_value").isTextual() && !configured.path("constant_value").asText().isBlank()) {
            return configured.path("constant_value").asText();
        }
        for (JsonNode reference : configured.path("references")) {
            String text = reference.asText();
            if (text.startsWith("var.")) {
                JsonNode value = plan.variables().path(text.substring(4)).path("value");
                if (value.isTextual() && !value.asText().isBlank()) {
                    return value.asText();
                }
            }
        }
        for (PlanInstance instance : instances) {
            Optional<String> subscription = instance.value("id").text().flatMap(ResourceIds::subscriptionId);
            if (subscription.isPresent()) {
                return subscription.get();
            }
        }
        return PLACEHOLDER_SUBSCRIPTION;
    }
}
