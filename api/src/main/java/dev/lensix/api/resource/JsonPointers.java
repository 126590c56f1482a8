package dev.lensix.api.resource;

import com.fasterxml.jackson.core.JsonPointer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * JSON pointers compiled once, and their dotted paths made once: checks read, and inputs write, the same few pointers
 * for every resource, and {@link JsonPointer#compile} makes a new chain of pointers each time.
 *
 * <pre>{@code
 * JsonNode keyUri = json.at(JsonPointers.compiled("/properties/encryption/keyVaultProperties/keyUri"));
 * }</pre>
 */
public final class JsonPointers {

    private static final Map<String, JsonPointer> COMPILED = new ConcurrentHashMap<>();
    private static final Map<String, String> DOTTED = new ConcurrentHashMap<>();
    /**
     * Pointers built on the fly ({@code "/properties/logs/" + i}) are compiled but not kept once a cache holds
     * this many.
     */
    private static final int MAX_KEPT = 4096;

    private JsonPointers() {
    }

    /**
     * The compiled pointer.
     *
     * @throws IllegalArgumentException when {@code pointer} is not a JSON pointer, as {@link JsonPointer#compile} does
     */
    public static JsonPointer compiled(String pointer) {
        return kept(COMPILED, pointer, JsonPointer::compile);
    }

    /**
     * The pointer as a dotted path ({@code /properties/logs/0} is {@code properties.logs.0}), {@code ~1} and {@code ~0}
     * decoded; one String a pointer, since every observation of a check names one of the same few paths.
     */
    public static String dotted(String pointer) {
        return kept(DOTTED, pointer, JsonPointers::toDotted);
    }

    private static String toDotted(String pointer) {
        String path = pointer.startsWith("/") ? pointer.substring(1) : pointer;
        String dotted = path.replace('/', '.');
        return dotted.indexOf('~') < 0 ? dotted : dotted.replace("~1", "/").replace("~0", "~");
    }

    /** What {@code make} gives for {@code pointer}, made once while the cache holds fewer than {@link #MAX_KEPT}. */
    private static <T> T kept(Map<String, T> cache, String pointer, Function<String, T> make) {
        T known = cache.get(pointer);
        if (known != null) {
            return known;
        }
        T made = make.apply(pointer);
        T first = cache.size() < MAX_KEPT ? cache.putIfAbsent(pointer, made) : null;
        return first != null ? first : made;
    }
}
