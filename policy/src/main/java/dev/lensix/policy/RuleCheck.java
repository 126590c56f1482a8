package dev.lensix.policy;

import dev.lensix.api.check.CheckDescriptor;

import java.util.Objects;

/**
 * One check of a rule file, with where it came from: {@code rules:FILE}, which the application shows as the
 * check's plug-in.
 *
 * <pre>{@code
 * for (RuleCheck rule : PolicyRules.load(folders).checks()) {
 *     System.out.println(rule.descriptor().id() + " from " + rule.source());
 * }
 * }</pre>
 *
 * @param check  the rule as a check
 * @param source {@link PolicyRules#SOURCE_PREFIX} and the file's name
 */
public record RuleCheck(PolicyRuleCheck check, String source) {

    public RuleCheck {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(source, "source");
    }

    /** The check's descriptor. */
    public CheckDescriptor descriptor() {
        return check.descriptor();
    }
}
