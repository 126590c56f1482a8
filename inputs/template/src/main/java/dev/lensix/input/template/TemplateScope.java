package dev.lensix.input.template;

import dev.lensix.policy.language.ExpressionException;
import dev.lensix.policy.language.FunctionLibrary;
import dev.lensix.policy.language.Scope;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a template expression is evaluated: its deployment (parameters, variables, deployment scope, the resources
 * it declares) and the iterations of the {@code copy} loops around it.
 *
 * <pre>{@code
 * TemplateScope inLoop = new TemplateScope(deployment).inLoop("vaults", 2);
 * Expression.of(new TextNode("[copyIndex(1)]")).eval(inLoop); // 3
 * }</pre>
 */
final class TemplateScope implements Scope {

    private final TemplateDeployment deployment;
    private final Map<String, Integer> loops;
    private final String innermost;

    TemplateScope(TemplateDeployment deployment) {
        this(deployment, Map.of(), null);
    }

    private TemplateScope(TemplateDeployment deployment, Map<String, Integer> loops, String innermost) {
        this.deployment = deployment;
        this.loops = loops;
        this.innermost = innermost;
    }

    @Override
    public FunctionLibrary functions() {
        return TemplateFunctions.LIBRARY;
    }

    TemplateDeployment deployment() {
        return deployment;
    }

    /** This scope inside iteration {@code index} of the loop {@code name}. */
    TemplateScope inLoop(String name, int index) {
        Map<String, Integer> inner = new LinkedHashMap<>(loops);
        inner.put(name.toLowerCase(Locale.ROOT), index);
        return new TemplateScope(deployment, Map.copyOf(inner), name.toLowerCase(Locale.ROOT));
    }

    /** The same loops, another deployment's values: a nested template evaluated in its parent's scope. */
    TemplateScope in(TemplateDeployment other) {
        return new TemplateScope(other, loops, innermost);
    }

    /** {@code copyIndex()} or {@code copyIndex('name')}. */
    int copyIndex(String name) {
        String key = name == null ? innermost : name.toLowerCase(Locale.ROOT);
        Integer index = key == null ? null : loops.get(key);
        if (index == null) {
            throw new ExpressionException(name == null ? "copyIndex() is only available inside a copy loop"
                    : "copyIndex('" + name + "') names no enclosing copy loop");
        }
        return index;
    }
}
