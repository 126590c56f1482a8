package dev.lensix.input.terraform.mapping;

import dev.lensix.input.terraform.ArmShape;
import dev.lensix.input.terraform.MappingContext;
import dev.lensix.input.terraform.PlanInstance;
import dev.lensix.input.terraform.TfValue;

import java.util.Optional;

/**
 * {@code azurerm_user_assigned_identity} as {@code Microsoft.ManagedIdentity/userAssignedIdentities}: its
 * {@code principal_id}, {@code client_id} and {@code tenant_id}, each the shared stand-in when known only after apply,
 * so that the vaults it is attached to and the access it is granted name the same principal.
 */
public final class UserAssignedIdentityMapping implements ArmMapping {

    static final String ARM_TYPE = "Microsoft.ManagedIdentity/userAssignedIdentities";

    @Override
    public String terraformType() {
        return "azurerm_user_assigned_identity";
    }

    @Override
    public String armType(PlanInstance instance) {
        return ARM_TYPE;
    }

    @Override
    public String armId(PlanInstance instance, MappingContext context) {
        return ArmIds.inResourceGroup(instance, context, ARM_TYPE);
    }

    @Override
    public void map(PlanInstance instance, ArmShape arm, MappingContext context) {
        arm.copy("/location", instance, "location");
        for (String[] field : new String[][] {{"principalId", "principal_id"}, {"clientId", "client_id"}, {"tenantId", "tenant_id"}}) {
            arm.set("/properties/" + field[0], field[1], context.resolve(instance, field[1]));
        }
    }

    @Override
    public Optional<String> derived(PlanInstance instance, String attribute, MappingContext context) {
        if (attribute.equals("principal_id") || attribute.equals("client_id") || attribute.equals("tenant_id")) {
            TfValue known = instance.value(attribute);
            return known.isKnown() ? known.text() : Optional.of(context.stillUnknown(instance, attribute));
        }
        return ArmMapping.super.derived(instance, attribute, context);
    }
}
