package dev.lensix.policy.language;

/**
 * What an expression is evaluated in: the functions it may call, and whatever those functions read (a policy rule's
 * parameters and resource, a template's parameters, variables and deployment scope). Each language user implements
 * it with its own {@link FunctionLibrary}, built on {@link CoreFunctions#LIBRARY}.
 *
 * <pre>{@code
 * record Constants(Map<String, JsonNode> parameters) implements Scope {
 *     static final FunctionLibrary FUNCTIONS = CoreFunctions.LIBRARY.with(LanguageFunction.of("parameters", 1, 1,
 *             (args, scope) -> ((Constants) scope).parameters().get(CoreFunctions.text(args.get(0).eval(scope), "parameters"))));
 *
 *     public FunctionLibrary functions() {
 *         return FUNCTIONS;
 *     }
 * }
 * }</pre>
 */
public interface Scope {

    /** The functions expressions in this scope may call. */
    FunctionLibrary functions();
}
