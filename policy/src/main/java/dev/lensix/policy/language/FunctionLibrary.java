package dev.lensix.policy.language;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable set of functions by name. A policy rule and a template each call the core functions plus their own.
 *
 * <pre>{@code
 * FunctionLibrary template = CoreFunctions.LIBRARY.with(variables, resourceId, copyIndex);
 * template.lookup("resourceid"); // Optional[resourceId]
 * }</pre>
 */
public final class FunctionLibrary {

    private final Map<String, LanguageFunction> functions;

    private FunctionLibrary(Map<String, LanguageFunction> functions) {
        this.functions = functions;
    }

    public static FunctionLibrary of(Collection<LanguageFunction> functions) {
        return new FunctionLibrary(Map.of()).with(functions);
    }

    /** This library with {@code more} added; a function of the same name replaces the one here. */
    public FunctionLibrary with(Collection<LanguageFunction> more) {
        Map<String, LanguageFunction> merged = new TreeMap<>(functions);
        more.forEach(function -> merged.put(function.name(), function));
        return new FunctionLibrary(Map.copyOf(merged));
    }

    public FunctionLibrary with(LanguageFunction... more) {
        return with(List.of(more));
    }

    /** The function called {@code name}, ignoring case. */
    public Optional<LanguageFunction> lookup(String name) {
        return Optional.ofNullable(functions.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    /** Every function's documented name, sorted, for error messages. */
    public String supported() {
        return String.join(", ", new TreeMap<>(functions).values().stream().map(LanguageFunction::spelled).toList());
    }
}
