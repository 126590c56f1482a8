package dev.lensix.input.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lensix.api.resource.CutShort;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shapes Azure's own exporters give resources in, turned into ARM's, and the signs that an export is partial or
 * not resources at all. Applied to each resource the reader keeps (and to any object without ARM's exact
 * {@code id} and {@code type}), so a plain ARM export costs two field look-ups per kept resource.
 *
 * <ul>
 *   <li>Azure PowerShell objects ({@code Get-AzResource | ConvertTo-Json}) name the ARM fields in PascalCase
 *   ({@code Id}, {@code ResourceId}, {@code ResourceType}, {@code Properties}, ...): their top-level names (and those
 *   inside {@code identity}, {@code sku} and {@code plan}) are matched to ARM's case-insensitively, as ARM itself
 *   matches them; {@code properties} is left as it is, since PowerShell keeps ARM's names there.</li>
 *   <li>{@code az monitor diagnostic-settings list/show} flattens a diagnostic setting's {@code properties} into the
 *   resource ({@code logs}, {@code metrics}, {@code workspaceId} at the top level): they are put back.</li>
 * </ul>
 */
final class ExportShapes {

    static final String DIAGNOSTIC_SETTING_TYPE = "Microsoft.Insights/diagnosticSettings";

    /** ARM's top-level resource fields, by their lower-cased name. */
    private static final Map<String, String> TOP_LEVEL = names("id", "type", "name", "location", "tags", "identity",
            "sku", "kind", "properties", "managedBy", "plan", "zones", "etag", "systemData", "extendedLocation");
    /** What Get-AzResource calls the same fields a second time; used when the ARM name is not there. */
    private static final Map<String, String> POWERSHELL_ALIASES = Map.of(
            "resourceid", "id", "resourcetype", "type", "resourcename", "name");
    private static final Map<String, String> IDENTITY = names("type", "principalId", "tenantId", "userAssignedIdentities");
    private static final Map<String, String> USER_ASSIGNED_IDENTITY = names("principalId", "clientId");
    private static final Map<String, String> SKU = names("name", "tier", "size", "family", "capacity", "model");
    private static final Map<String, String> PLAN = names("name", "publisher", "product", "promotionCode", "version");
    /** The properties of a diagnostic setting (Microsoft.Insights 2021-05-01-preview) the Azure CLI flattens. */
    private static final List<String> DIAGNOSTIC_SETTING_PROPERTIES = List.of("storageAccountId", "serviceBusRuleId",
            "eventHubAuthorizationRuleId", "eventHubName", "metrics", "logs", "workspaceId",
            "logAnalyticsDestinationType", "marketplacePartnerId");

    /** How to export Key Vault keys from ARM, for a file that holds them as the data plane returns them. */
    static final String ARM_KEYS_ADVICE = "export them from ARM instead: az rest --method get --url"
            + " \"https://management.azure.com/<vault id>/keys?api-version=2023-07-01\"";

    private ExportShapes() {
    }

    private static Map<String, String> names(String... armNames) {
        java.util.HashMap<String, String> map = new java.util.HashMap<>();
        for (String name : armNames) {
            map.put(name.toLowerCase(Locale.ROOT), name);
        }
        return Map.copyOf(map);
    }

    /** {@code resource} in ARM's shape: the same object when it already is (the common case), else a changed copy. */
    static ObjectNode armShaped(ObjectNode resource) {
        ObjectNode shaped = resource.has("id") && resource.has("type") ? resource : fromPowerShell(resource);
        JsonNode type = shaped.get("type");
        if (type != null && type.isTextual() && type.asText().strip().equalsIgnoreCase(DIAGNOSTIC_SETTING_TYPE)) {
            JsonNode properties = shaped.get("properties");
            if (properties == null || properties.isNull()) {
                return unflattenedDiagnosticSetting(shaped);
            }
        }
        return shaped;
    }

    /** Top-level names (and those of identity, sku, plan) matched to ARM's case-insensitively; other fields kept. */
    private static ObjectNode fromPowerShell(ObjectNode resource) {
        boolean differs = false;
        for (Iterator<String> names = resource.fieldNames(); names.hasNext() && !differs; ) {
            String name = names.next();
            String lower = name.toLowerCase(Locale.ROOT);
            String arm = TOP_LEVEL.get(lower);
            differs = arm != null ? !arm.equals(name) : POWERSHELL_ALIASES.containsKey(lower);
        }
        if (!differs) {
            return resource;
        }
        ObjectNode shaped = CompactNodes.INSTANCE.objectNode();
        List<Map.Entry<String, JsonNode>> aliases = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = resource.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String lower = field.getKey().toLowerCase(Locale.ROOT);
            String arm = TOP_LEVEL.get(lower);
            if (arm == null) {
                if (POWERSHELL_ALIASES.containsKey(lower)) {
                    aliases.add(field);
                } else {
                    shaped.set(field.getKey(), field.getValue());
                }
            } else if (!shaped.has(arm) || arm.equals(field.getKey())) { // ARM's own spelling wins over another case
                shaped.set(arm, renamed(arm, field.getValue()));
            }
        }
        for (Map.Entry<String, JsonNode> alias : aliases) {
            String arm = POWERSHELL_ALIASES.get(alias.getKey().toLowerCase(Locale.ROOT));
            JsonNode present = shaped.get(arm);
            if (present == null || present.isNull()) {
                shaped.set(arm, alias.getValue());
            }
        }
        return shaped;
    }

    private static JsonNode renamed(String armField, JsonNode value) {
        return switch (armField) {
            case "identity" -> {
                JsonNode identity = renamedFields(value, IDENTITY);
                JsonNode users = identity.get("userAssignedIdentities");
                if (users != null && users.isObject()) {
                    ObjectNode each = CompactNodes.INSTANCE.objectNode();
                    users.fields().forEachRemaining(user -> each.set(user.getKey(),
                            renamedFields(user.getValue(), USER_ASSIGNED_IDENTITY)));
                    ((ObjectNode) identity).set("userAssignedIdentities", each);
                }
                yield identity;
            }
            case "sku" -> renamedFields(value, SKU);
            case "plan" -> renamedFields(value, PLAN);
            default -> value;
        };
    }

    /** A copy of an object with the names in {@code known} spelt as ARM spells them; anything else as it is. */
    private static JsonNode renamedFields(JsonNode value, Map<String, String> known) {
        if (!value.isObject()) {
            return value;
        }
        ObjectNode copy = CompactNodes.INSTANCE.objectNode();
        value.fields().forEachRemaining(field -> {
            String arm = known.getOrDefault(field.getKey().toLowerCase(Locale.ROOT), field.getKey());
            if (!copy.has(arm) || arm.equals(field.getKey())) {
                copy.set(arm, field.getValue());
            }
        });
        return copy;
    }

    /** A diagnostic setting as the Azure CLI writes it, its settings at the top level, with them in properties. */
    private static ObjectNode unflattenedDiagnosticSetting(ObjectNode setting) {
        if (DIAGNOSTIC_SETTING_PROPERTIES.stream().noneMatch(setting::has)) {
            return setting;
        }
        ObjectNode shaped = CompactNodes.INSTANCE.objectNode();
        ObjectNode properties = CompactNodes.INSTANCE.objectNode();
        setting.fields().forEachRemaining(field -> {
            if (DIAGNOSTIC_SETTING_PROPERTIES.contains(field.getKey())) {
                properties.set(field.getKey(), field.getValue());
            } else if (!field.getKey().equals("properties")) {
                shaped.set(field.getKey(), field.getValue());
            }
        });
        shaped.set("properties", properties);
        return shaped;
    }

    /**
     * Why an object without an ARM id is a Key Vault key as the data plane returns it ({@code az keyvault key
     * list/show}, {@code Get-AzKeyVaultKey}), or null when it is not one. Such a key names its vault by URI only:
     * the vault's subscription and resource group, and so the key's ARM id, cannot be known from it.
     */
    static String dataPlaneKey(JsonNode object) {
        if (!object.isObject()) {
            return null;
        }
        boolean kid = textAt(object, "kid") != null || (field(object, "key") != null && textAt(field(object, "key"), "kid") != null);
        String id = textAt(object, "id");
        boolean vaultUrl = id != null && id.toLowerCase(Locale.ROOT).startsWith("https://") && id.contains("/keys/")
                && textAt(object, "type") == null;
        if (!kid && !vaultUrl) {
            return null;
        }
        return "holds Key Vault keys as the Key Vault data plane returns them (az keyvault key list/show, "
                + "Get-AzKeyVaultKey: a key URI, no ARM id, so the vault's subscription and resource group are not known); "
                + ARM_KEYS_ADVICE;
    }

    /** True for the response object {@code Invoke-AzRestMethod | ConvertTo-Json} writes: its body in Content. */
    static boolean isRestMethodResponse(JsonNode object) {
        return object.isObject() && textAt(object, "content") != null && field(object, "statuscode") != null;
    }

    /** A field's value by its name in any case, or null. */
    static JsonNode field(JsonNode object, String lowerCaseName) {
        JsonNode exact = object.get(lowerCaseName);
        if (exact != null) {
            return exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equalsIgnoreCase(lowerCaseName)) {
                return field.getValue();
            }
        }
        return null;
    }

    private static String textAt(JsonNode object, String lowerCaseName) {
        JsonNode value = field(object, lowerCaseName);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    /**
     * A field name as exporters vary it, for recognising what an export says about itself: lower-case letters and
     * digits only, so {@code nextLink}, {@code @odata.nextLink} and {@code NextLink} are {@code nextlink} and
     * {@code odatanextlink}, and {@code $skipToken}, {@code skip_token} and {@code SkipToken} are all {@code skiptoken}.
     */
    static String plainName(String field) {
        StringBuilder plain = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c < 0x80 && Character.isLetterOrDigit(c)) {
                plain.append(Character.toLowerCase(c));
            }
        }
        return plain.toString();
    }

    /** True when a value anywhere in {@code node} is the text PowerShell wrote for an object deeper than -Depth. */
    static boolean hasPowerShellText(JsonNode node) {
        if (node.isTextual()) {
            return CutShort.isPowerShellText(node.textValue());
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                if (hasPowerShellText(child)) {
                    return true;
                }
            }
        }
        return false;
    }
}
