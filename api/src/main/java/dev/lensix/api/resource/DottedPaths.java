package dev.lensix.api.resource;

import java.util.Map;
import java.util.Optional;

/**
 * Dotted paths ({@code properties.encryption.kekIdentity}) looked up where only some of them are set: the path
 * itself, else the nearest path above it.
 *
 * <pre>{@code
 * DottedPaths.nearest(Map.of("properties.encryption", 20), "properties.encryption.kekIdentity"); // Optional[20]
 * DottedPaths.nearest(Map.of("properties.encryption", 20), "location");                          // Optional.empty
 * }</pre>
 */
public final class DottedPaths {

    private DottedPaths() {
    }

    /** The value of {@code path}, or of the longest dotted prefix of it that has one; empty when none does. */
    public static <T> Optional<T> nearest(Map<String, T> byPath, String path) {
        for (String prefix = path; !prefix.isEmpty(); ) {
            T found = byPath.get(prefix);
            if (found != null) {
                return Optional.of(found);
            }
            int dot = prefix.lastIndexOf('.');
            prefix = dot < 0 ? "" : prefix.substring(0, dot);
        }
        return Optional.empty();
    }
}
