package dev.lensix.policy.language;

/**
 * A value only part of which is known now: a deployed resource's state as a template reads it with
 * {@code reference()}, where what the template declares is known and what Azure adds at deployment is not. Reading a
 * member it lacks raises the exception it gives, not "the object has no property".
 *
 * <pre>{@code
 * final class Deployed extends ObjectNode implements PartlyKnown {
 *     public ExpressionException missing(String member) {
 *         return new ExpressionException(member + " is known only after deployment");
 *     }
 * }
 * }</pre>
 */
public interface PartlyKnown {

    /** What to raise for a read of {@code member}, which this value does not hold. */
    ExpressionException missing(String member);
}
