package dev.lensix.policy.language;

/**
 * An expression that cannot be evaluated (a type mismatch in {@code less}, a function given the wrong kind of value,
 * a parameter with no value). A policy rule gives the resource an ERROR result, as Azure Policy fails the evaluation
 * rather than call the resource compliant; a template input says where the template breaks.
 *
 * <pre>{@code
 * try {
 *     Expression.of(node).eval(scope);
 * } catch (ExpressionException e) {
 *     problems.add(where + ": " + e.getMessage());
 * }
 * }</pre>
 */
public class ExpressionException extends RuntimeException {

    public ExpressionException(String message) {
        super(message);
    }
}
