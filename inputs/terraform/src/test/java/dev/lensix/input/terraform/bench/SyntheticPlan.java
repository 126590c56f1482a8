package dev.lensix.input.terraform.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a synthetic Terraform plan of N resources beside its main.tf, for the plan benchmark: groups of five
 * (a Key Vault, its key with a rotation policy, a Recovery Services vault encrypted with that key, an access policy
 * for the vault's identity, a diagnostic setting on the Key Vault), every reference resolved through the configuration
 * as in a real plan, one group in ten without encryption and without the diagnostic setting.
 *
 * <pre>{@code java -cp ... dev.lensix.input.terraform.bench.SyntheticPlan 10000 /tmp/lensix-bench/plan-10000}</pre>
 */
public final class SyntheticPlan {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TENANT = "9c4a2e71-6b0d-4c8e-9f3a-5d21e7b84c10";

    private SyntheticPlan() {
    }

    public static void main(String[] args) throws IOException {
        int resources = Integer.parseInt(args[0]);
        Path folder = Files.createDirectories(Path.of(args[1]));
        write(resources, folder);
    }

    /** Writes {@code folder/plan.json} and {@code folder/main.tf}; returns the plan's path. */
    public static Path write(int resources, Path folder) throws IOException {
        ObjectNode plan = JSON.createObjectNode();
        plan.put("format_version", "1.2").put("terraform_version", "1.9.8");
        ArrayNode changes = plan.putArray("resource_changes");
        ObjectNode root = plan.putObject("configuration");
        root.putObject("provider_config").putObject("azurerm").put("name", "azurerm").putObject("expressions")
                .putObject("subscription_id").put("constant_value", "6f1c2d3e-1111-4aaa-8bbb-00000000a001");
        ArrayNode configured = root.putObject("root_module").putArray("resources");
        try (Writer tf = Files.newBufferedWriter(folder.resolve("main.tf"), StandardCharsets.UTF_8)) {
            for (int group = 0; group * 5 < resources; group++) {
                boolean weak = group % 10 == 9;
                String kv = "kv" + group;
                String vaultName = "kv-bench-" + group;
                change(changes, "azurerm_key_vault", kv, obj("name", vaultName, "location", "westeurope", "resource_group_name", "rg-bench",
                        "tenant_id", TENANT, "sku_name", "standard", "soft_delete_retention_days", 90, "purge_protection_enabled", !weak),
                        obj("id", true, "vault_uri", true));
                config(configured, "azurerm_key_vault", kv, obj());
                tf.write("resource \"azurerm_key_vault\" \"" + kv + "\" {\n  name                     = \"" + vaultName
                        + "\"\n  location                 = \"westeurope\"\n  resource_group_name      = \"rg-bench\"\n  tenant_id"
                        + "                = \"" + TENANT + "\"\n  sku_name                 = \"standard\"\n  purge_protection_enabled = "
                        + !weak + "\n}\n\n");
                ObjectNode rotation = JSON.createObjectNode();
                rotation.putArray("automatic").addObject().put("time_before_expiry", "P30D");
                rotation.put("expire_after", "P365D");
                ObjectNode key = obj("name", "cmk", "key_type", "RSA", "key_size", 3072);
                key.putArray("key_opts").add("wrapKey").add("unwrapKey");
                key.putArray("rotation_policy").add(rotation);
                change(changes, "azurerm_key_vault_key", "key" + group, key,
                        obj("id", true, "key_vault_id", true, "versionless_id", true, "resource_id", true));
                config(configured, "azurerm_key_vault_key", "key" + group, obj("key_vault_id", references("azurerm_key_vault." + kv + ".id")));
                tf.write("resource \"azurerm_key_vault_key\" \"key" + group + "\" {\n  name         = \"cmk\"\n  key_vault_id = azurerm_key_vault."
                        + kv + ".id\n  key_type     = \"RSA\"\n  key_size     = 3072\n  key_opts     = [\"wrapKey\", \"unwrapKey\"]\n\n"
                        + "  rotation_policy {\n    automatic {\n      time_before_expiry = \"P30D\"\n    }\n    expire_after = \"P365D\"\n  }\n}\n\n");
                ObjectNode vault = obj("name", "rsv-bench-" + group, "location", "westeurope", "resource_group_name", "rg-bench", "sku", "Standard");
                vault.putArray("identity").add(obj("type", "SystemAssigned"));
                ObjectNode vaultUnknown = obj("id", true);
                vaultUnknown.putArray("identity").add(obj("principal_id", true));
                ObjectNode vaultConfig = obj();
                if (weak) {
                    vault.putArray("encryption");
                } else {
                    vault.putArray("encryption").add(obj("infrastructure_encryption_enabled", true, "use_system_assigned_identity", true));
                    vaultUnknown.putArray("encryption").add(obj("key_id", true));
                    vaultConfig.putArray("encryption").add(obj("key_id", references("azurerm_key_vault_key.key" + group + ".versionless_id")));
                }
                change(changes, "azurerm_recovery_services_vault", "rsv" + group, vault, vaultUnknown);
                config(configured, "azurerm_recovery_services_vault", "rsv" + group, vaultConfig);
                tf.write("resource \"azurerm_recovery_services_vault\" \"rsv" + group + "\" {\n  name                = \"rsv-bench-" + group
                        + "\"\n  location            = \"westeurope\"\n  resource_group_name = \"rg-bench\"\n  sku                 = \"Standard\"\n\n"
                        + "  identity {\n    type = \"SystemAssigned\"\n  }\n"
                        + (weak ? "" : "\n  encryption {\n    key_id                            = azurerm_key_vault_key.key" + group
                        + ".versionless_id\n    infrastructure_encryption_enabled = true\n  }\n") + "}\n\n");
                ObjectNode access = obj("tenant_id", TENANT);
                access.putArray("key_permissions").add("Get").add("WrapKey").add("UnwrapKey");
                change(changes, "azurerm_key_vault_access_policy", "access" + group, access, obj("id", true, "key_vault_id", true, "object_id", true));
                config(configured, "azurerm_key_vault_access_policy", "access" + group, obj("key_vault_id", references("azurerm_key_vault." + kv + ".id"),
                        "object_id", references("azurerm_recovery_services_vault.rsv" + group + ".identity[0].principal_id")));
                tf.write("resource \"azurerm_key_vault_access_policy\" \"access" + group + "\" {\n  key_vault_id    = azurerm_key_vault." + kv
                        + ".id\n  tenant_id       = \"" + TENANT + "\"\n  object_id       = azurerm_recovery_services_vault.rsv" + group
                        + ".identity[0].principal_id\n  key_permissions = [\"Get\", \"WrapKey\", \"UnwrapKey\"]\n}\n\n");
                if (!weak) {
                    ObjectNode setting = obj("name", "audit", "log_analytics_workspace_id",
                            "/subscriptions/6f1c2d3e-1111-4aaa-8bbb-00000000a001/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/law");
                    setting.putArray("enabled_log").add(obj("category_group", "audit"));
                    change(changes, "azurerm_monitor_diagnostic_setting", "audit" + group, setting, obj("id", true, "target_resource_id", true));
                    config(configured, "azurerm_monitor_diagnostic_setting", "audit" + group,
                            obj("target_resource_id", references("azurerm_key_vault." + kv + ".id")));
                    tf.write("resource \"azurerm_monitor_diagnostic_setting\" \"audit" + group + "\" {\n  name                       = \"audit\"\n"
                            + "  target_resource_id         = azurerm_key_vault." + kv + ".id\n  log_analytics_workspace_id = \"/subscriptions/"
                            + "6f1c2d3e-1111-4aaa-8bbb-00000000a001/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/law\"\n\n"
                            + "  enabled_log {\n    category_group = \"audit\"\n  }\n}\n\n");
                }
            }
        }
        Path file = folder.resolve("plan.json");
        JSON.writeValue(file.toFile(), plan);
        return file;
    }

    private static void change(ArrayNode changes, String type, String name, ObjectNode after, ObjectNode unknown) {
        ObjectNode change = changes.addObject();
        change.put("address", type + "." + name).put("mode", "managed").put("type", type).put("name", name)
                .put("provider_name", "registry.terraform.io/hashicorp/azurerm");
        ObjectNode body = change.putObject("change");
        body.putArray("actions").add("create");
        body.putNull("before");
        body.set("after", after);
        body.set("after_unknown", unknown);
        body.put("before_sensitive", false);
        body.putObject("after_sensitive");
    }

    private static void config(ArrayNode configured, String type, String name, ObjectNode expressions) {
        configured.addObject().put("address", type + "." + name).put("mode", "managed").put("type", type).put("name", name)
                .put("provider_config_key", "azurerm").set("expressions", expressions);
    }

    private static ObjectNode references(String reference) {
        ObjectNode expression = JSON.createObjectNode();
        ArrayNode list = expression.putArray("references");
        list.add(reference);
        list.add(reference.substring(0, reference.lastIndexOf('.', reference.indexOf('.', reference.indexOf('.') + 1))));
        return expression;
    }

    private static ObjectNode obj(Object... pairs) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            if (value instanceof Boolean flag) {
                node.put((String) pairs[i], flag);
            } else if (value instanceof Integer number) {
                node.put((String) pairs[i], number);
            } else if (value instanceof ObjectNode object) {
                node.set((String) pairs[i], object);
            } else {
                node.put((String) pairs[i], (String) value);
            }
        }
        return node;
    }
}
