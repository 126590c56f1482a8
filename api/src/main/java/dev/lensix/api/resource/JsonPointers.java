package dev.lensix.api.resource;

import com.fasterxml.jackson.core.JsonPointer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
    /** Pointers built on the fly ({@code "/properties/logs/" + i}) are compiled but not kept past this many. */
    private static final int MAX_KEPT = 4096;

    private JsonPointers() {
    }

    /**
     * The compiled pointer.
     *
     * @throws IllegalArgumentException when {@code pointer} is not a JSON pointer, as {@link JsonPointer#compile} does
     */
    public static JsonPointer compiled(String pointer) {
        JsonPointer known = COMPILED.get(pointer);
        if (known != null) {
            return known;
        }
        JsonPointer path = JsonPointer.compile(pointer);
        if (COMPILED.size() < MAX_KEPT) {
            COMPILED.putIfAbsent(pointer, path);
        }
        return path;
    }

    /**
     * The pointer as a dotted path ({@code /properties/logs/0} is {@code properties.logs.0}), {@code ~1} and {@code ~0}
     * decoded; one String a pointer, since every observation of a check names one of the same few paths.
     */
    public static String dotted(String pointer) {
        String known = DOTTED.get(pointer);
        if (known != null) {
            return known;
        }
        String path = pointer.startsWith("/") ? pointer.substring(1) : pointer;
        String dotted = path.replace('/', '.');
        dotted = dotted.indexOf('~') < 0 ? dotted : dotted.replace("~1", "/").replace("~0", "~");
        if (DOTTED.size() < MAX_KEPT) {
            DOTTED.putIfAbsent(pointer, dotted);
        }
        return dotted;
    }
}
