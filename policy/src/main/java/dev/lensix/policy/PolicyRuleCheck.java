package dev.lensix.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lensix.api.check.Check;
import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Verdict;
import dev.lensix.api.resource.Coverage;
import dev.lensix.api.resource.Inventory;
import dev.lensix.api.resource.Resource;
import dev.lensix.api.resource.ResourceIds;
import dev.lensix.policy.language.Expression;
import dev.lensix.policy.language.ExpressionException;
import dev.lensix.policy.language.Values;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An Azure Policy rule run as a check on one resource type. A resource that meets the rule's {@code if}
 * condition FAILs (effects {@code audit} and {@code deny}), or is looked up further ({@code auditIfNotExists}
 * and {@code deployIfNotExists}: it PASSes when a related resource of {@code details.type} meets the
 * {@code existenceCondition}, and gets an ERROR when that type was not collected). A resource that does not
 * meet {@code if} PASSes. A rule that cannot be evaluated on a resource (a type mismatch in {@code less}, a
 * function given the wrong value) gives an ERROR, never a PASS.
 *
 * <pre>{@code
 * PolicyRules rules = PolicyRules.load(List.of(Path.of("rules")));
 * for (LoadedCheck check : rules.checks()) { ... check.check().evaluate(vault, inventory) ... }
 * }</pre>
 *
 * Immutable and thread-safe: every evaluation builds its own scope.
 */
public final class PolicyRuleCheck implements Check {

    /**
     * What {@code auditIfNotExists} looks for.
     *
     * @param type              the related type ({@code details.type})
     * @param name              the related resource's name ({@code details.name}), or null for any
     * @param condition         the {@code existenceCondition}, or null when any related resource will do
     * @param scopedToResource  true for children and extension resources of the evaluated resource
     * @param subscriptionScope true when {@code existenceScope} is {@code subscription} (else the resource group)
     */
    record Existence(String type, Expression name, Condition condition, boolean scopedToResource, boolean subscriptionScope) {
    }

    private final CheckDescriptor descriptor;
    private final String source;
    private final String ruleTitle;
    private final Effect effect;
    private final Condition condition;
    private final Existence existence;
    private final Map<String, JsonNode> parameters;

    PolicyRuleCheck(CheckDescriptor descriptor, String source, String ruleTitle, Effect effect, Condition condition,
                    Existence existence, Map<String, JsonNode> parameters) {
        this.descriptor = Objects.requireNonNull(descriptor);
        this.source = source;
        this.ruleTitle = ruleTitle;
        this.effect = effect;
        this.condition = condition;
        this.existence = existence;
        this.parameters = Map.copyOf(parameters);
    }

    @Override
    public CheckDescriptor descriptor() {
        return descriptor;
    }

    /** The rule file's name. */
    public String source() {
        return source;
    }

    /** The effect as Azure Policy spells it: {@code Audit}, {@code AuditIfNotExists}, {@code Disabled}, ... */
    public String effect() {
        return effect.spelled();
    }

    /** True when the effect is {@code Disabled}: the check is listed but not run. */
    public boolean disabled() {
        return effect == Effect.DISABLED;
    }

    @Override
    public boolean appliesTo(Resource resource, Inventory inventory) {
        return !disabled();
    }

    @Override
    public Verdict evaluate(Resource resource, Inventory inventory) {
        Evidence.Builder evidence = Evidence.builder();
        EvalScope scope = EvalScope.of(parameters, Subject.of(resource), new EvalScope.Recorder(evidence));
        try {
            if (!condition.test(scope)) {
                evidence.note(resource, "policyRule", source + ": if condition not met");
                return Verdict.pass(subject(resource) + " complies with Azure Policy rule '" + ruleTitle
                        + "': its if condition is not met", evidence.build());
            }
            if (existence == null) {
                evidence.note(resource, "policyRule", source + ": if condition met, effect " + effect.spelled());
                return Verdict.fail(subject(resource) + " does not comply with Azure Policy rule '" + ruleTitle
                        + "' (effect " + effect.spelled() + "): its if condition is met", evidence.build());
            }
            return related(resource, inventory, scope, evidence);
        } catch (ExpressionException e) {
            return Verdict.error("Azure Policy rule '" + ruleTitle + "' could not be evaluated on " + resource.name()
                    + ": " + e.getMessage(), evidence.build());
        }
    }

    private Verdict related(Resource resource, Inventory inventory, EvalScope scope, Evidence.Builder evidence) {
        String effectText = effect.spelled() + (effect == Effect.DEPLOY_IF_NOT_EXISTS ? ", evaluated as an audit" : "");
        String type = existence.type();
        Coverage coverage = inventory.coverage(type, resource);
        if (!coverage.collected()) {
            evidence.note(resource, type, "not collected (" + coverage.reason() + ")");
            return Verdict.error(type + " resources were not collected (" + coverage.reason() + "): cannot tell whether "
                    + resource.name() + " complies with Azure Policy rule '" + ruleTitle + "' (effect " + effectText + ")",
                    evidence.build());
        }
        Optional<String> wanted = Optional.empty();
        if (existence.name() != null) {
            JsonNode name = existence.name().eval(scope);
            if (!name.isTextual()) {
                throw new ExpressionException("details.name gives " + Values.describe(name) + ", not a name");
            }
            String text = name.textValue();
            wanted = Optional.of(text.contains("/") ? text.substring(text.lastIndexOf('/') + 1) : text);
        }
        List<Resource> candidates = new ArrayList<>();
        for (Resource candidate : candidates(resource, inventory)) {
            if (wanted.isEmpty() || ResourceIds.lastSegment(candidate.id()).equalsIgnoreCase(wanted.get())) {
                candidates.add(candidate);
            }
        }
        String what = type + (wanted.map(name -> " named " + name).orElse(""));
        for (Resource candidate : candidates) {
            if (existence.condition() == null || existence.condition().test(scope.forRelated(Subject.of(candidate)))) {
                evidence.note(resource, "policyRule", source + ": if condition met; related " + candidate.id()
                        + (existence.condition() == null ? " exists" : " meets the existenceCondition"));
                return Verdict.pass(subject(resource) + " complies with Azure Policy rule '" + ruleTitle + "': its "
                        + type + " " + candidate.name() + (existence.condition() == null ? " exists"
                        : " meets the existenceCondition"), evidence.build());
            }
        }
        evidence.note(resource, "policyRule", source + ": if condition met; " + candidates.size() + " " + what
                + " found, none " + (existence.condition() == null ? "" : "meets the existenceCondition")
                + "; effect " + effectText);
        String problem = candidates.isEmpty() ? "it has no " + what
                : "none of its " + candidates.size() + " " + what + " meets the existenceCondition";
        return Verdict.fail(subject(resource) + " does not comply with Azure Policy rule '" + ruleTitle + "' (effect "
                + effectText + "): " + problem, evidence.build());
    }

    private List<Resource> candidates(Resource resource, Inventory inventory) {
        if (existence.scopedToResource()) {
            return inventory.childrenOf(resource, existence.type());
        }
        List<Resource> found = new ArrayList<>();
        for (Resource candidate : inventory.ofType(existence.type())) {
            boolean sameSubscription = candidate.subscriptionId().map(s -> s.equalsIgnoreCase(
                    resource.subscriptionId().orElse(""))).orElse(false);
            boolean sameGroup = candidate.resourceGroup().map(g -> g.equalsIgnoreCase(
                    resource.resourceGroup().orElse(""))).orElse(false);
            if (sameSubscription && (existence.subscriptionScope() || sameGroup)) {
                found.add(candidate);
            }
        }
        return found;
    }

    private static String subject(Resource resource) {
        return resource.name();
    }

    @Override
    public String toString() {
        return "policy rule " + descriptor.id() + " (" + source + ")";
    }
}
