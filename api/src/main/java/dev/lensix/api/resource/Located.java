package dev.lensix.api.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Resource#locate} found at a JSON pointer.
 *
 * <pre>{@code
 * Located keyUri = vault.locate("/properties/encryption/keyVaultProperties/keyUri");
 * if (keyUri.presence() == Presence.NOT_KNOWN) {
 *     // keyUri.where() is the path that is not known, keyUri.reason() why
 * }
 * }</pre>
 *
 * @param presence what the export says
 * @param node     the node there; a {@code MissingNode} unless {@code PRESENT} (or {@code ABSENT} as an explicit
 *                 {@code null}, which is kept so evidence shows it)
 * @param where    the dotted path that decided: the path asked for, or the value on the way to it that is not known
 * @param reason   why the value is not known ({@code "not in this export ..."}); empty unless {@code NOT_KNOWN}
 */
public record Located(Presence presence, JsonNode node, String where, String reason) {

    public Located {
        Objects.requireNonNull(presence, "presence");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(reason, "reason");
    }

    static Located present(JsonNode node, String where) {
        return new Located(node.isNull() ? Presence.ABSENT : Presence.PRESENT, node, where, "");
    }

    static Located absent(String where) {
        return new Located(Presence.ABSENT, MissingNode.getInstance(), where, "");
    }

    static Located notKnown(String where, String reason) {
        return new Located(Presence.NOT_KNOWN, MissingNode.getInstance(), where, reason);
    }

    /** The reason, when the value is not known. */
    public Optional<String> notKnownReason() {
        return presence == Presence.NOT_KNOWN ? Optional.of(reason) : Optional.empty();
    }
}
