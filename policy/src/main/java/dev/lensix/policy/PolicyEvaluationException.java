package dev.lensix.policy;

/**
 * A rule that cannot be evaluated on one resource (a type mismatch in {@code less}, a template function
 * given the wrong kind of value). The resource gets an ERROR result; Azure Policy would also fail the
 * evaluation rather than call the resource compliant.
 */
final class PolicyEvaluationException extends RuntimeException {

    PolicyEvaluationException(String message) {
        super(message);
    }
}
