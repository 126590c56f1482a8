package dev.lensix.policy;

/**
 * A rule file that cannot be run as a check: not JSON, not a policy definition, or a construct lensix does
 * not support. The message is one line for the user and starts with the file.
 *
 * <pre>{@code
 * try {
 *     PolicyRules rules = PolicyRules.load(List.of(Path.of("rules")));
 * } catch (PolicyRuleException e) {
 *     System.err.println("lensix: " + e.getMessage()); // rules/x.json: policyRule.then.effect: effect 'modify' is not supported ...
 * }
 * }</pre>
 */
public final class PolicyRuleException extends Exception {

    private final String file;

    public PolicyRuleException(String file, String message) {
        super(file + ": " + message);
        this.file = file;
    }

    public PolicyRuleException(String file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
    }

    /** The rule file, as given. */
    public String file() {
        return file;
    }
}
