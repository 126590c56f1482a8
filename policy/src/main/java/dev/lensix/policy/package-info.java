/**
 * Azure Policy rules run as lensix checks, with no Java: {@link dev.lensix.policy.PolicyRules} loads folders of
 * policy definitions (or bare policy rules with a lensix header) and turns each into a
 * {@link dev.lensix.policy.PolicyRuleCheck} that joins the plug-in checks. Rules are data, not pf4j plug-ins.
 *
 * <p>The supported subset of the policy language, how aliases map to ARM JSON and how a definition's metadata becomes
 * the check's descriptor are documented in {@code docs/custom-rules.md}. Whatever is outside that subset is a
 * {@link dev.lensix.policy.PolicyRuleException} at load time, never a silent PASS.
 */
package dev.lensix.policy;
