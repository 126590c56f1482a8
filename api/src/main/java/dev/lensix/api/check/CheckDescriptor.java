package dev.lensix.api.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything lensix and its reports know about a check, declared once by the check itself.
 *
 * <pre>{@code
 * static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("kv_nopurgeprotect")
 *     .title("Key Vault without purge protection")
 *     .severity(Severity.MEDIUM)
 *     .service("key-vault")
 *     .targetType("Microsoft.KeyVault/vaults")
 *     .description("...").rationale("...")
 *     .remediation(Remediation.of("..."))
 *     .reference("https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview")
 *     .complianceId("CIS Azure 6.0 8.3.5")
 *     .build();
 * }</pre>
 *
 * @param id            stable identifier, lower-case letters, digits and underscores ({@code rsv_nobyok})
 * @param title         a short name for the problem the check finds
 * @param severity      the default severity of its findings
 * @param service       the service area it belongs to ({@code recovery-services}), used as a tag
 * @param description   what the check finds
 * @param rationale     why it matters
 * @param remediation   how to fix it
 * @param references    documentation URLs, the first being the main one
 * @param complianceIds framework controls it maps to ({@code NIST SP 800-53 R5 SC-12})
 * @param targetType    the ARM resource type it is evaluated on, once per resource
 * @param relatedTypes  other ARM types it reads from the inventory, so collectors fetch them
 */
public record CheckDescriptor(String id, String title, Severity severity, String service, String description,
                              String rationale, Remediation remediation, List<String> references,
                              List<String> complianceIds, String targetType, List<String> relatedTypes) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{1,63}");

    public CheckDescriptor {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("check id '" + id + "' must be 2-64 lower-case letters, digits or underscores, starting with a letter");
        }
        requireText(title, "title", id);
        Objects.requireNonNull(severity, "severity");
        requireText(service, "service", id);
        requireText(description, "description", id);
        requireText(rationale, "rationale", id);
        Objects.requireNonNull(remediation, "remediation");
        requireText(targetType, "targetType", id);
        references = List.copyOf(references);
        complianceIds = List.copyOf(complianceIds);
        relatedTypes = List.copyOf(relatedTypes);
    }

    private static void requireText(String value, String field, String id) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("check " + id + ": " + field + " is required");
        }
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Fluent builder; {@link #build()} validates. */
    public static final class Builder {
        private final String id;
        private String title;
        private Severity severity;
        private String service;
        private String description;
        private String rationale;
        private Remediation remediation;
        private final List<String> references = new ArrayList<>();
        private final List<String> complianceIds = new ArrayList<>();
        private String targetType;
        private final List<String> relatedTypes = new ArrayList<>();

        private Builder(String id) {
            this.id = id;
        }

        public Builder title(String value) {
            this.title = value;
            return this;
        }

        public Builder severity(Severity value) {
            this.severity = value;
            return this;
        }

        public Builder service(String value) {
            this.service = value;
            return this;
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        public Builder rationale(String value) {
            this.rationale = value;
            return this;
        }

        public Builder remediation(Remediation value) {
            this.remediation = value;
            return this;
        }

        public Builder reference(String url) {
            references.add(url);
            return this;
        }

        public Builder complianceId(String control) {
            complianceIds.add(control);
            return this;
        }

        public Builder targetType(String armType) {
            this.targetType = armType;
            return this;
        }

        public Builder relatedType(String armType) {
            relatedTypes.add(armType);
            return this;
        }

        public CheckDescriptor build() {
            return new CheckDescriptor(id, title, severity, service, description, rationale, remediation,
                    references, complianceIds, targetType, relatedTypes);
        }
    }
}
