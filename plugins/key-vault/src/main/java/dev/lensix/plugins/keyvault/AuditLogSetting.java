package dev.lensix.plugins.keyvault;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Field;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.lensix.api.resource.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What one diagnostic setting does with a Key Vault's audit events: where it sends logs, and which enabled
 * {@code logs[]} entries carry the audit events ({@code category} AuditEvent, or {@code categoryGroup} audit or
 * allLogs, any casing). An empty or blank destination string is no destination.
 *
 * @param name         the setting's name
 * @param destinations the kinds of destination it has ({@code a Log Analytics workspace}, ...), possibly none
 * @param auditLogs    the enabled entries that carry audit events ({@code category AuditEvent}, ...), possibly none
 * @param emptyFields  destination fields that are present but empty ({@code workspaceId}), for the message
 */
record AuditLogSetting(String name, List<String> destinations, List<String> auditLogs, List<String> emptyFields) {

    private static final String[][] DESTINATIONS = {
            {"workspaceId", "a Log Analytics workspace"},
            {"storageAccountId", "a storage account"},
            {"eventHubAuthorizationRuleId", "an event hub"},
            {"marketplacePartnerId", "a partner solution"},
    };
    private static final Set<String> AUDIT_GROUPS = Set.of("audit", "alllogs");
    private static final String AUDIT_CATEGORY = "auditevent";
    private static final String LOGS = "/properties/logs";

    AuditLogSetting {
        destinations = List.copyOf(destinations);
        auditLogs = List.copyOf(auditLogs);
        emptyFields = List.copyOf(emptyFields);
    }

    /** Reads a diagnostic setting, recording in {@code evidence} the destination fields present and every log entry. */
    static AuditLogSetting read(Resource setting, Evidence.Builder evidence) {
        List<String> destinations = new ArrayList<>();
        List<String> emptyFields = new ArrayList<>();
        for (String[] destination : DESTINATIONS) {
            Field<String> value = evidence.text(setting, "/properties/" + destination[0]);
            if (value.optional().filter(text -> !text.isBlank()).isPresent()) {
                destinations.add(destination[1]);
            } else if (value.isPresent() || setting.nodeTypeAt("/properties/" + destination[0]) == JsonNodeType.NULL) {
                emptyFields.add(destination[0]);
            }
        }
        List<String> auditLogs = new ArrayList<>();
        JsonNode logs = evidence.array(setting, LOGS).orElse(MissingNode.getInstance());
        for (int i = 0; i < logs.size(); i++) {
            JsonNode entry = logs.get(i);
            if (entry.isNull()) {
                continue;
            }
            if (!entry.isObject()) {
                throw evidence.notKnown(setting, LOGS + "/" + i, Resource.kindOf(entry) + " where ARM returns an object");
            }
            if (KeyVaultResources.isTrue(entry.path("enabled"))) {
                auditKind(entry).ifPresent(auditLogs::add);
            }
        }
        return new AuditLogSetting(setting.name(), destinations, auditLogs, emptyFields);
    }

    private static Optional<String> auditKind(JsonNode entry) {
        JsonNode category = entry.path("category");
        if (category.isTextual() && category.asText().strip().toLowerCase(Locale.ROOT).equals(AUDIT_CATEGORY)) {
            return Optional.of("category " + category.asText().strip());
        }
        JsonNode group = entry.path("categoryGroup");
        if (group.isTextual() && AUDIT_GROUPS.contains(group.asText().strip().toLowerCase(Locale.ROOT))) {
            return Optional.of("categoryGroup " + group.asText().strip());
        }
        return Optional.empty();
    }

    /** True when this one setting both enables audit events and sends them somewhere. */
    boolean keepsAuditEvents() {
        return !destinations.isEmpty() && !auditLogs.isEmpty();
    }

    /** Why this setting keeps no audit log, for the one-line message. */
    String shortcoming() {
        if (destinations.isEmpty() && auditLogs.isEmpty()) {
            return "setting " + name + " enables no audit logs and has no destination" + emptyNote();
        }
        if (destinations.isEmpty()) {
            return "setting " + name + " enables " + String.join(", ", auditLogs) + " but has no destination" + emptyNote();
        }
        return "setting " + name + " sends to " + String.join(", ", destinations)
                + " but enables no audit logs (category AuditEvent, categoryGroup audit or allLogs)";
    }

    private String emptyNote() {
        return emptyFields.isEmpty() ? "" : " (" + String.join(", ", emptyFields) + " empty)";
    }
}
