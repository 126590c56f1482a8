package dev.lensix.input.terraform.mapping;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lensix.input.terraform.ArmShape;
import dev.lensix.input.terraform.MappingContext;
import dev.lensix.input.terraform.PlanInstance;
import dev.lensix.input.terraform.TfType;
import dev.lensix.input.terraform.TfValue;

import java.util.Map;
import java.util.Optional;

/**
 * {@code azurerm_key_vault} as {@code Microsoft.KeyVault/vaults}.
 *
 * <table>
 *   <tr><th>ARM</th><th>Terraform</th></tr>
 *   <tr><td>{@code properties.tenantId}, {@code properties.sku.name}</td><td>{@code tenant_id}, {@code sku_name}</td></tr>
 *   <tr><td>{@code properties.enableSoftDelete}</td><td>{@code soft_delete_enabled} (azurerm 2.x); {@code true} without it: azurerm
 *       3.0 and later have no such argument, and Azure no longer creates vaults without soft delete</td></tr>
 *   <tr><td>{@code properties.softDeleteRetentionInDays}</td><td>{@code soft_delete_retention_days}</td></tr>
 *   <tr><td>{@code properties.enablePurgeProtection}</td><td>{@code purge_protection_enabled}</td></tr>
 *   <tr><td>{@code properties.enableRbacAuthorization}</td><td>{@code enable_rbac_authorization} (azurerm 3.x),
 *       {@code rbac_authorization_enabled} (4.x)</td></tr>
 *   <tr><td>{@code properties.vaultUri}</td><td>{@code vault_uri}; for a new vault {@code https://NAME.vault.azure.net/}</td></tr>
 *   <tr><td>{@code properties.accessPolicies[]}</td><td>{@code access_policy} blocks (and {@code azurerm_key_vault_access_policy}
 *       resources): {@code tenant_id}, {@code object_id}, {@code key_permissions}, {@code secret_permissions},
 *       {@code certificate_permissions}, {@code storage_permissions}</td></tr>
 * </table>
 */
public final class KeyVaultMapping extends OneArmType {

    private static final Map<String, TfType> TYPES = TfType.declared("""
            tenant_id string, sku_name string, vault_uri string, soft_delete_enabled bool,
            soft_delete_retention_days number, purge_protection_enabled bool, rbac_authorization_enabled bool,
            enable_rbac_authorization bool, access_policy list, access_policy.*.tenant_id string,
            access_policy.*.object_id string, access_policy.*.key_permissions list,
            access_policy.*.secret_permissions list, access_policy.*.certificate_permissions list,
            access_policy.*.storage_permissions list""");

    static final String ARM_TYPE = "Microsoft.KeyVault/vaults";
    private static final String[][] PERMISSIONS = {{"keys", "key_permissions"}, {"secrets", "secret_permissions"},
            {"certificates", "certificate_permissions"}, {"storage", "storage_permissions"}};

    public KeyVaultMapping() {
        super("azurerm_key_vault", ARM_TYPE, TYPES);
    }

    @Override
    public void map(PlanInstance instance, ArmShape arm, MappingContext context) {
        arm.copy("/location", instance, "location");
        arm.copy("/properties/tenantId", instance, "tenant_id");
        arm.put("/properties/sku/family", "A");
        arm.copy("/properties/sku/name", instance, "sku_name");
        if (instance.value("soft_delete_enabled").kind() == TfValue.Kind.ABSENT) {
            arm.put("/properties/enableSoftDelete", BooleanNode.TRUE);
        } else {
            arm.copy("/properties/enableSoftDelete", instance, "soft_delete_enabled");
        }
        arm.copy("/properties/softDeleteRetentionInDays", instance, "soft_delete_retention_days");
        arm.copy("/properties/enablePurgeProtection", instance, "purge_protection_enabled");
        String rbac = instance.value("rbac_authorization_enabled").kind() == TfValue.Kind.ABSENT
                ? "enable_rbac_authorization" : "rbac_authorization_enabled";
        arm.copy("/properties/enableRbacAuthorization", instance, rbac);
        derived(instance, "vault_uri", context).ifPresentOrElse(
                uri -> arm.put("/properties/vaultUri", uri).from("/properties/vaultUri", "name"),
                () -> arm.copy("/properties/vaultUri", instance, "vault_uri"));
        TfValue policies = instance.value("access_policy");
        arm.from("/properties/accessPolicies", "access_policy");
        if (policies.hidden()) {
            arm.notKnown("/properties/accessPolicies", arm.reasonNotKnown("access_policy", policies));
            return;
        }
        ArrayNode array = arm.arrayAt("/properties/accessPolicies");
        for (int i = 0; policies.isKnown() && i < policies.node().size(); i++) {
            String block = "access_policy." + i;
            array.add(policy(instance, block, block + ".", "/properties/accessPolicies/" + i, arm, context));
        }
    }

    /**
     * One access policy in ARM's shape, from attributes at {@code prefix} ({@code access_policy.0.} or "" for an
     * {@code azurerm_key_vault_access_policy}); values known only after apply are marked under {@code pointer}.
     */
    static ObjectNode policy(PlanInstance instance, String sourcePath, String prefix, String pointer, ArmShape arm,
                             MappingContext context) {
        ObjectNode policy = JsonNodeFactory.instance.objectNode();
        arm.from(pointer, sourcePath);
        putResolved(policy, "tenantId", context.resolve(instance, prefix + "tenant_id"), pointer, prefix + "tenant_id", arm);
        putResolved(policy, "objectId", context.resolve(instance, prefix + "object_id"), pointer, prefix + "object_id", arm);
        ObjectNode permissions = policy.putObject("permissions");
        for (String[] kind : PERMISSIONS) {
            TfValue granted = instance.value(prefix + kind[1]);
            if (granted.isKnown() && granted.node().isArray()) {
                permissions.set(kind[0], granted.node().deepCopy());
            } else if (granted.hidden()) {
                arm.notKnown(pointer + "/permissions/" + kind[0], arm.reasonNotKnown(prefix + kind[1], granted));
            } else {
                permissions.putArray(kind[0]);
            }
        }
        return policy;
    }

    private static void putResolved(ObjectNode policy, String field, TfValue value, String pointer, String tfPath, ArmShape arm) {
        if (value.isKnown()) {
            policy.set(field, value.node());
        } else if (value.kind() != TfValue.Kind.ABSENT) {
            arm.notKnown(pointer + "/" + field, arm.reasonNotKnown(tfPath, value));
        }
    }

    @Override
    public Optional<String> derived(PlanInstance instance, String attribute, MappingContext context) {
        if (attribute.equals("vault_uri")) {
            TfValue known = instance.value("vault_uri");
            if (known.isKnown()) {
                return known.text();
            }
            return instance.value("name").text().map(name -> "https://" + name + ".vault.azure.net/");
        }
        return super.derived(instance, attribute, context);
    }

}
