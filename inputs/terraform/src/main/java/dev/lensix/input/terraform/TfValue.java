package dev.lensix.input.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.List;
import java.util.Objects;

/**
 * What a plan says about one attribute of a resource instance after apply: a known value, nothing (not set, or
 * {@code null}), a value known only after apply with the references its expression makes, or a sensitive value,
 * which lensix never reads.
 *
 * <pre>{@code
 * TfValue keyId = instance.value("encryption.0.key_id");
 * if (keyId.kind() == TfValue.Kind.UNKNOWN) {
 *     keyId.references(); // ["azurerm_key_vault_key.backup.versionless_id", "azurerm_key_vault_key.backup"]
 * }
 * }</pre>
 */
public record TfValue(Kind kind, JsonNode node, List<String> references, String problem) {

    /**
     * {@code WRONG_TYPE}: the plan holds a value of another JSON type than Terraform writes there (a bool as a string,
     * a block list as an object); {@link #problem} says what.
     */
    public enum Kind { KNOWN, ABSENT, UNKNOWN, SENSITIVE, WRONG_TYPE }

    public TfValue {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(node, "node");
        references = List.copyOf(references);
        Objects.requireNonNull(problem, "problem");
    }

    /** A text the plan does not hold but that follows from it (a reference resolved). */
    public static TfValue knownText(String text) {
        return known(com.fasterxml.jackson.databind.node.TextNode.valueOf(text));
    }

    static TfValue known(JsonNode node) {
        return new TfValue(Kind.KNOWN, node, List.of(), "");
    }

    static final TfValue ABSENT = new TfValue(Kind.ABSENT, MissingNode.getInstance(), List.of(), "");
    static final TfValue SENSITIVE = new TfValue(Kind.SENSITIVE, MissingNode.getInstance(), List.of(), "");

    static TfValue unknown(List<String> references) {
        return new TfValue(Kind.UNKNOWN, MissingNode.getInstance(), references, "");
    }

    /** A value of another type than Terraform writes there: {@code "holds a string where Terraform writes a bool"}. */
    static TfValue wrongType(String problem) {
        return new TfValue(Kind.WRONG_TYPE, MissingNode.getInstance(), List.of(), problem);
    }

    /** True when the plan has a value that lensix cannot read: unknown until apply, sensitive, or of the wrong type. */
    public boolean hidden() {
        return kind == Kind.UNKNOWN || kind == Kind.SENSITIVE || kind == Kind.WRONG_TYPE;
    }

    public boolean isKnown() {
        return kind == Kind.KNOWN;
    }

    /** The known text, or empty. */
    public java.util.Optional<String> text() {
        return kind == Kind.KNOWN && node.isTextual() ? java.util.Optional.of(node.asText()) : java.util.Optional.empty();
    }
}
