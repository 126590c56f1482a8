package dev.lensix.api.check;

import java.util.Objects;

/**
 * One thing a check looked at: a JSON path in one resource and the value it saw there, or a fact it derived.
 *
 * <pre>{@code
 * new Observation(vault.id(), "properties.encryption.keyVaultProperties.keyUri", "\"https://kv.vault.azure.net/keys/k\"", true)
 * }</pre>
 *
 * @param resourceId the ARM id of the resource read
 * @param path       dotted JSON path inside that resource ({@code properties.enableSoftDelete}), or a short label for a derived fact
 * @param value      the value seen, as JSON text ({@code true}, {@code "Enabled"}, {@code null}); {@code (absent)} when not
 *                   present; {@code (not known: REASON)} when the export cannot say
 * @param present    false when nothing was at that path, or it is not known
 * @param kind       a value read, a value not known, or a derived fact
 */
public record Observation(String resourceId, String path, String value, boolean present, Kind kind) {

    /** The text used for a value that is not present. */
    public static final String ABSENT = "(absent)";

    /** How an observation came about. */
    public enum Kind {
        /** A value read at a JSON path: present, or absent on a resource read whole. */
        READ,
        /** A JSON path the export cannot say anything about. */
        NOT_KNOWN,
        /** A fact the check derived or looked up (which related resource it found). */
        NOTE
    }

    public Observation {
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(kind, "kind");
    }

    /** A value read at a JSON path. */
    public Observation(String resourceId, String path, String value, boolean present) {
        this(resourceId, path, value, present, Kind.READ);
    }

    /** {@code path = value}, the form reports print. */
    public String describe() {
        return path + " = " + value;
    }
}
