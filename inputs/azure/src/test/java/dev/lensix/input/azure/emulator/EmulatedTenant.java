package dev.lensix.input.azure.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The resources an {@link ArmEmulator} serves, built from Microsoft's example bodies
 * ({@code src/test/resources/arm-examples}, see SOURCES.txt there): each resource is an example with its
 * {@code id} and {@code name} (and the fields that repeat them) stamped for its place in the tenant; every
 * other field is served as Microsoft published it.
 */
public final class EmulatedTenant {

    public static final String RSV_NO_CMK = "Microsoft.RecoveryServices_vaults.GET_no-cmk.2025-02-01.json";
    public static final String RSV_CMK = "Microsoft.RecoveryServices_vaults.PUT-200_cmk-user-assigned-identity.2025-02-01.json";
    public static final String BACKUP_CONFIG = "Microsoft.RecoveryServices_vaults_backupEncryptionConfigs.GET_customer-managed.2024-04-01.json";
    public static final String KV_PROPS_ABSENT = "Microsoft.KeyVault_vaults.GET_props-absent.2026-02-01.json";
    public static final String KV_NETWORK_ACLS = "Microsoft.KeyVault_vaults.PUT-200_networkAcls.2024-11-01.json";
    public static final String KEY = "Microsoft.KeyVault_vaults_keys.GET_no-rotationPolicy.2026-02-01.json";
    public static final String DIAG_ALL_LOGS = "Microsoft.Insights_diagnosticSettings.GET_categoryGroup-allLogs.2021-05-01-preview.json";
    public static final String DIAG_EXPLICIT = "Microsoft.Insights_diagnosticSettings.GET_explicit-category.2021-05-01-preview.json";

    public static final String RSV_TYPE = "Microsoft.RecoveryServices/vaults";
    public static final String CONFIG_TYPE = "Microsoft.RecoveryServices/vaults/backupEncryptionConfigs";
    public static final String KV_TYPE = "Microsoft.KeyVault/vaults";
    public static final String KEY_TYPE = "Microsoft.KeyVault/vaults/keys";
    public static final String KEY_VERSION_TYPE = "Microsoft.KeyVault/vaults/keys/versions";
    public static final String DIAG_TYPE = "Microsoft.Insights/diagnosticSettings";
    public static final String ROLE_ASSIGNMENT_TYPE = "Microsoft.Authorization/roleAssignments";
    public static final String ROLE_DEFINITION_TYPE = "Microsoft.Authorization/roleDefinitions";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, ObjectNode> EXAMPLES = Collections.synchronizedMap(new LinkedHashMap<>());

    private final List<String> subscriptions = new ArrayList<>();
    private final Map<String, ObjectNode> resources = new LinkedHashMap<>();

    /** A tenant of {@code subscriptionCount} subscriptions, each with the given numbers of vaults and their children. */
    public static EmulatedTenant generated(int subscriptionCount, int recoveryVaults, int keyVaults, int keysPerVault,
                                           boolean diagnosticSettings) {
        return generated(subscriptionCount, recoveryVaults, keyVaults, keysPerVault, diagnosticSettings, false);
    }

    /** As above; with {@code everyKeyRotates} every key has a rotation policy, else one in three has none. */
    public static EmulatedTenant generated(int subscriptionCount, int recoveryVaults, int keyVaults, int keysPerVault,
                                           boolean diagnosticSettings, boolean everyKeyRotates) {
        EmulatedTenant tenant = new EmulatedTenant();
        for (int s = 0; s < subscriptionCount; s++) {
            String subscription = subscriptionId(s);
            tenant.subscription(subscription);
            for (int v = 0; v < recoveryVaults; v++) {
                ObjectNode vault = tenant.recoveryVault(subscription, "rg-backup-" + (v % 3), "rsv-" + s + "-" + v,
                        v % 2 == 0 ? RSV_NO_CMK : RSV_CMK);
                tenant.backupConfig(vault, v % 4 == 0 ? "MicrosoftManaged" : null);
            }
            for (int v = 0; v < keyVaults; v++) {
                ObjectNode vault = tenant.keyVault(subscription, "rg-keys-" + (v % 3), "kv-" + s + "-" + v,
                        v % 2 == 0 ? KV_PROPS_ABSENT : KV_NETWORK_ACLS);
                for (int k = 0; k < keysPerVault; k++) {
                    tenant.key(vault, "key-" + k, everyKeyRotates || (v + k) % 3 != 0);
                }
                if (diagnosticSettings) {
                    tenant.diagnosticSetting(vault, "audit-" + v, v % 2 == 0 ? DIAG_ALL_LOGS : DIAG_EXPLICIT);
                }
            }
        }
        return tenant;
    }

    public static String subscriptionId(int index) {
        return String.format(Locale.ROOT, "%08x-0000-4000-8000-%012x", 0x5ab00000 + index, index);
    }

    public EmulatedTenant subscription(String id) {
        if (!subscriptions.contains(id)) {
            subscriptions.add(id);
        }
        return this;
    }

    public List<String> subscriptions() {
        return List.copyOf(subscriptions);
    }

    /** Every resource, in the order added. */
    public List<ObjectNode> resources() {
        return List.copyOf(resources.values());
    }

    public int size() {
        return resources.size();
    }

    public ObjectNode add(ObjectNode resource) {
        resources.put(resource.get("id").asText().toLowerCase(Locale.ROOT), resource);
        return resource;
    }

    public void remove(String id) {
        resources.remove(id.toLowerCase(Locale.ROOT));
    }

    /** A copy of one example body. */
    public static ObjectNode example(String file) {
        ObjectNode cached = EXAMPLES.computeIfAbsent(file, name -> {
            try (InputStream in = EmulatedTenant.class.getResourceAsStream("/arm-examples/" + name)) {
                if (in == null) {
                    throw new IllegalArgumentException("no example " + name);
                }
                return (ObjectNode) MAPPER.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return cached.deepCopy();
    }

    public ObjectNode recoveryVault(String subscription, String group, String name, String example) {
        ObjectNode vault = example(example);
        vault.put("id", "/subscriptions/" + subscription + "/resourceGroups/" + group
                + "/providers/Microsoft.RecoveryServices/vaults/" + name);
        vault.put("name", name);
        return add(vault);
    }

    /** The vault's backup encryption config; {@code atRestType} replaces the example's CustomerManaged when given. */
    public ObjectNode backupConfig(ObjectNode vault, String atRestType) {
        ObjectNode config = example(BACKUP_CONFIG);
        config.put("id", vault.get("id").asText() + "/backupEncryptionConfigs/backupResourceEncryptionConfig");
        if (atRestType != null) {
            ((ObjectNode) config.get("properties")).put("encryptionAtRestType", atRestType);
        }
        return add(config);
    }

    public ObjectNode keyVault(String subscription, String group, String name, String example) {
        ObjectNode vault = example(example);
        vault.put("id", "/subscriptions/" + subscription + "/resourceGroups/" + group
                + "/providers/Microsoft.KeyVault/vaults/" + name);
        vault.put("name", name);
        ((ObjectNode) vault.get("properties")).put("vaultUri", "https://" + name + ".vault.azure.net");
        return add(vault);
    }

    /** A key; with {@code rotation} it carries a management-plane rotation policy that rotates it. */
    public ObjectNode key(ObjectNode vault, String name, boolean rotation) {
        ObjectNode key = example(KEY);
        String vaultName = vault.get("name").asText();
        key.put("id", vault.get("id").asText() + "/keys/" + name);
        key.put("name", name);
        ObjectNode properties = (ObjectNode) key.get("properties");
        properties.put("keyUri", "https://" + vaultName + ".vault.azure.net:443/keys/" + name);
        String version = String.format(Locale.ROOT, "%032x", Math.abs((long) (vaultName + name).hashCode()));
        properties.put("keyUriWithVersion", "https://" + vaultName + ".vault.azure.net:443/keys/" + name + "/" + version);
        if (rotation) {
            ObjectNode policy = properties.putObject("rotationPolicy");
            policy.putObject("attributes").put("expiryTime", "P1Y");
            ArrayNode actions = policy.putArray("lifetimeActions");
            ObjectNode rotate = actions.addObject();
            rotate.putObject("trigger").put("timeAfterCreate", "P180D");
            rotate.putObject("action").put("type", "rotate");
            ObjectNode notify = actions.addObject();
            notify.putObject("trigger").put("timeBeforeExpiry", "P30D");
            notify.putObject("action").put("type", "notify");
        }
        add(key);
        ObjectNode keyVersion = key.deepCopy();
        keyVersion.remove("properties");
        keyVersion.set("properties", properties.deepCopy());
        ((ObjectNode) keyVersion.get("properties")).remove("rotationPolicy");
        keyVersion.put("id", key.get("id").asText() + "/versions/" + version);
        keyVersion.put("name", version);
        keyVersion.put("type", KEY_VERSION_TYPE);
        add(keyVersion);
        return key;
    }

    /** A diagnostic setting on {@code resource}, with the id in ARM's lower-case {@code microsoft.insights} form. */
    public ObjectNode diagnosticSetting(ObjectNode resource, String name, String example) {
        ObjectNode setting = example(example);
        setting.put("id", resource.get("id").asText() + "/providers/microsoft.insights/diagnosticSettings/" + name);
        setting.put("name", name);
        return add(setting);
    }

    /** A role assignment at {@code scope} (its own shape: the examples hold none). */
    public ObjectNode roleAssignment(String scope, String name, String principalId, String roleDefinitionGuid) {
        ObjectNode assignment = MAPPER.createObjectNode();
        assignment.put("id", scope + "/providers/Microsoft.Authorization/roleAssignments/" + name);
        assignment.put("name", name);
        assignment.put("type", ROLE_ASSIGNMENT_TYPE);
        ObjectNode properties = assignment.putObject("properties");
        String subscription = scope.split("/")[2];
        properties.put("roleDefinitionId", "/subscriptions/" + subscription
                + "/providers/Microsoft.Authorization/roleDefinitions/" + roleDefinitionGuid);
        properties.put("principalId", principalId);
        properties.put("principalType", "ServicePrincipal");
        properties.put("scope", scope);
        return add(assignment);
    }

    /** A role definition listed at subscription scope (its own shape: the examples hold none). */
    public ObjectNode roleDefinition(String subscription, String guid, String roleName, String... dataActions) {
        ObjectNode definition = MAPPER.createObjectNode();
        definition.put("id", "/subscriptions/" + subscription + "/providers/Microsoft.Authorization/roleDefinitions/" + guid);
        definition.put("name", guid);
        definition.put("type", ROLE_DEFINITION_TYPE);
        ObjectNode properties = definition.putObject("properties");
        properties.put("roleName", roleName);
        properties.put("type", "BuiltInRole");
        ObjectNode permission = properties.putArray("permissions").addObject();
        permission.putArray("actions");
        permission.putArray("notActions");
        ArrayNode data = permission.putArray("dataActions");
        for (String action : dataActions) {
            data.add(action);
        }
        permission.putArray("notDataActions");
        properties.putArray("assignableScopes").add("/");
        return add(definition);
    }

    /**
     * Every resource as a plain ARM list page, the way an export holds them. The snapshot contract needs a
     * type on every resource, so the diagnostic setting that ARM serves with {@code "type": ""} is exported
     * with its type, as lensix's own collection records it.
     */
    public Path writeExport(Path file) {
        ObjectNode page = MAPPER.createObjectNode();
        ArrayNode value = page.putArray("value");
        for (ObjectNode resource : resources.values()) {
            ObjectNode copy = resource.deepCopy();
            if (copy.path("type").asText("").isBlank()) {
                copy.put("type", DIAG_TYPE);
            }
            value.add(copy);
        }
        try {
            Files.writeString(file, MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(page));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
