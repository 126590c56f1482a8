package dev.lensix.input.terraform.mapping;

import dev.lensix.input.terraform.ArmShape;
import dev.lensix.input.terraform.MappingContext;
import dev.lensix.input.terraform.PlanInstance;
import dev.lensix.input.terraform.TfType;

import java.util.Map;
import java.util.Optional;

/**
 * {@code azurerm_key_vault_access_policy} as one entry of its Key Vault's {@code properties.accessPolicies}, where
 * Resource Manager keeps it: {@code tenant_id}, {@code object_id} (an identity of the plan refers to the same stand-in
 * as that identity), {@code key_permissions} and the other permission lists.
 */
public final class KeyVaultAccessPolicyMapping extends OneArmType {

    public KeyVaultAccessPolicyMapping() {
        super("azurerm_key_vault_access_policy", KeyVaultMapping.ARM_TYPE, Map.of("key_vault_id", TfType.STRING,
                "tenant_id", TfType.STRING, "object_id", TfType.STRING, "key_permissions", TfType.LIST,
                "secret_permissions", TfType.LIST, "certificate_permissions", TfType.LIST, "storage_permissions", TfType.LIST));
    }

    @Override
    public String armId(PlanInstance instance, MappingContext context) {
        return partOf(instance, context).orElse("");
    }

    @Override
    public Optional<String> partOf(PlanInstance instance, MappingContext context) {
        return ArmIds.id(context.resolve(instance, "key_vault_id"));
    }

    @Override
    public boolean isPart() {
        return true;
    }

    @Override
    public void map(PlanInstance instance, ArmShape arm, MappingContext context) {
        arm.arrayAt("/properties/accessPolicies")
                .add(KeyVaultMapping.policy(instance, "", "", "/properties/accessPolicies/0", arm, context));
    }
}
