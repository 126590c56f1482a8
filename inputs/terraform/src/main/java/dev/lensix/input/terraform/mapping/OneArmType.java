package dev.lensix.input.terraform.mapping;

import dev.lensix.input.terraform.MappingContext;
import dev.lensix.input.terraform.PlanInstance;

/**
 * A mapping of one Terraform type to one ARM type, deployed in the resource group the instance names unless the
 * mapping says otherwise by overriding {@link #armId}: the shape most mappings have.
 *
 * <pre>{@code
 * public final class KeyVaultMapping extends OneArmType {
 *     public KeyVaultMapping() {
 *         super("azurerm_key_vault", "Microsoft.KeyVault/vaults");
 *     }
 *
 *     public void map(PlanInstance instance, ArmShape arm, MappingContext context) {
 *         arm.copy("/properties/enablePurgeProtection", instance, "purge_protection_enabled");
 *     }
 * }
 * }</pre>
 */
public abstract class OneArmType implements ArmMapping {

    private final String terraformType;
    private final String armType;

    protected OneArmType(String terraformType, String armType) {
        this.terraformType = terraformType;
        this.armType = armType;
    }

    @Override
    public final String terraformType() {
        return terraformType;
    }

    @Override
    public final String armType(PlanInstance instance) {
        return armType;
    }

    /** The id in the instance's resource group ({@code resource_group_name}), with its {@code name}. */
    @Override
    public String armId(PlanInstance instance, MappingContext context) {
        return ArmIds.inResourceGroup(instance, context, armType);
    }
}
