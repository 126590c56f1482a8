package dev.lensix.api.check;

import java.util.Objects;

/**
 * Thrown when a check uses a value that the export does not make known ({@link dev.lensix.api.resource.Presence#NOT_KNOWN}).
 * A check need not catch it: the engine turns it into an ERROR result that names the resource, the path and why,
 * with the evidence read up to then. A check that can decide without the value asks first:
 *
 * <pre>{@code
 * Field<String> keyUri = evidence.text(vault, "/properties/encryption/keyVaultProperties/keyUri");
 * if (!keyUri.isKnown()) {
 *     return Verdict.error("cannot tell which key the vault uses: " + keyUri.notKnownReason().orElseThrow(), evidence.build());
 * }
 * }</pre>
 */
public final class NotKnownException extends RuntimeException {

    private final String resourceId;
    private final String path;
    private final String reason;
    private final transient Evidence evidence;

    public NotKnownException(String resourceId, String path, String reason, Evidence evidence) {
        super(path + " is not known: " + reason, null, false, false);
        this.resourceId = Objects.requireNonNull(resourceId, "resourceId");
        this.path = Objects.requireNonNull(path, "path");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.evidence = Objects.requireNonNull(evidence, "evidence");
    }

    /** The resource whose value is not known (the evaluated resource or a related one). */
    public String resourceId() {
        return resourceId;
    }

    /** The dotted path that is not known ({@code properties}, {@code properties.encryption}). */
    public String path() {
        return path;
    }

    public String reason() {
        return reason;
    }

    /** What the check had read when it used the value, the not-known one last. */
    public Evidence evidence() {
        return evidence;
    }
}
