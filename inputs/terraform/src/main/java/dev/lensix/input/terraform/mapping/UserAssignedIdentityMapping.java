package dev.lensix.input.terraform.mapping;

import dev.lensix.input.terraform.ArmShape;
import dev.lensix.input.terraform.MappingContext;
import dev.lensix.input.terraform.PlanInstance;
import dev.lensix.input.terraform.TfType;
import dev.lensix.input.terraform.TfValue;

import java.util.Map;
import java.util.Optional;

/**
 * {@code azurerm_user_assigned_identity} as {@code Microsoft.ManagedIdentity/userAssignedIdentities}: its
 * {@code principal_id}, {@code client_id} and {@code tenant_id}, each the shared stand-in when known only after apply,
 * so that the vaults it is attached to and the access it is granted name the same principal.
 */
public final class UserAssignedIdentityMapping extends OneArmType {

    private static final Map<String, TfType> TYPES = TfType.declared("principal_id string, client_id string, tenant_id string");

    static final String ARM_TYPE = "Microsoft.ManagedIdentity/userAssignedIdentities";

    public UserAssignedIdentityMapping() {
        super("azurerm_user_assigned_identity", ARM_TYPE, TYPES);
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
        return super.derived(instance, attribute, context);
    }
}
