package dev.lensix.input.terraform.mapping;

import dev.lensix.input.terraform.MappingContext;
import dev.lensix.input.terraform.PlanInstance;
import dev.lensix.input.terraform.TfType;

import java.util.HashMap;
import java.util.Map;

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

    /** What every resource of the provider has: its id, name, group and location are strings. */
    private static final Map<String, TfType> COMMON = TfType.declared("id string, name string, resource_group_name string,"
            + " location string");

    private final String terraformType;
    private final String armType;
    private final Map<String, TfType> attributeTypes;

    protected OneArmType(String terraformType, String armType) {
        this(terraformType, armType, Map.of());
    }

    /** @param attributeTypes the types of the attributes the mapping reads besides id, name, group and location */
    protected OneArmType(String terraformType, String armType, Map<String, TfType> attributeTypes) {
        this.terraformType = terraformType;
        this.armType = armType;
        Map<String, TfType> all = new HashMap<>(COMMON);
        all.putAll(attributeTypes);
        this.attributeTypes = Map.copyOf(all);
    }

    @Override
    public final Map<String, TfType> attributeTypes() {
        return attributeTypes;
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
