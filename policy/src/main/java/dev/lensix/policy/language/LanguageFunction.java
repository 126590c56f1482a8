package dev.lensix.policy.language;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;

/**
 * One function of the expression language: its name as documented ({@code startsWith}), how many arguments it takes,
 * and its body. A body evaluates the arguments it needs, in the order it needs them, so {@code if()} evaluates one
 * branch only.
 *
 * <pre>{@code
 * LanguageFunction upper = LanguageFunction.of("toUpper", 1, 1,
 *         (args, scope) -> Values.NODES.textNode(CoreFunctions.text(args.get(0).eval(scope), "toUpper").toUpperCase(Locale.ROOT)));
 * }</pre>
 *
 * @param spelled the name as documented; calls match it ignoring case
 * @param min     the fewest arguments
 * @param max     the most arguments, {@link Integer#MAX_VALUE} for any number
 */
public record LanguageFunction(String spelled, int min, int max, Body body) {

    /** What a function computes from its (unevaluated) arguments. */
    @FunctionalInterface
    public interface Body {
        JsonNode apply(List<Expression> args, Scope scope);
    }

    public static LanguageFunction of(String spelled, int min, int max, Body body) {
        return new LanguageFunction(spelled, min, max, body);
    }

    /** The name calls are matched with. */
    public String name() {
        return spelled.toLowerCase(Locale.ROOT);
    }

    /** {@code 1 argument}, {@code 2 or 3 arguments}, {@code at least 1 argument}. */
    public String arity() {
        if (min == max) {
            return min + (min == 1 ? " argument" : " arguments");
        }
        return max == Integer.MAX_VALUE ? "at least " + min + " arguments" : min + " to " + max + " arguments";
    }
}
