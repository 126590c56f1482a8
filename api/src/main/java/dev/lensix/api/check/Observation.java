package dev.lensix.api.check;

import java.util.Objects;

/**
 * One thing a check looked at: a JSON path in one resource and the value it saw there.
 *
 * <pre>{@code
 * new Observation(vault.id(), "properties.encryption.keyVaultProperties.keyUri", "\"https://kv.vault.azure.net/keys/k\"", true)
 * }</pre>
 *
 * @param resourceId the ARM id of the resource read
 * @param path       dotted JSON path inside that resource ({@code properties.enableSoftDelete}), or a short label for a derived fact
 * @param value      the value seen, as JSON text ({@code true}, {@code "Enabled"}, {@code null}); {@code (absent)} when not present
 * @param present    false when nothing was at that path
 */
public record Observation(String resourceId, String path, String value, boolean present) {

    /** The text used for a value that is not present. */
    public static final String ABSENT = "(absent)";

    public Observation {
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(value, "value");
    }

    /** {@code path = value}, the form reports print. */
    public String describe() {
        return path + " = " + value;
    }
}
