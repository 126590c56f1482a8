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

    private static final Map<String, TfType> TYPES = TfType.declared(
            "key_vault_id string, tenant_id string, object_id string, key_permissions list, secret_permissions list,"
                    + " certificate_permissions list, storage_permissions list");

    public KeyVaultAccessPolicyMapping() {
        super("azurerm_key_vault_access_policy", KeyVaultMapping.ARM_TYPE, TYPES);
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
