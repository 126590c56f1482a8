package dev.lensix.input.terraform.mapping;

import dev.lensix.input.terraform.ArmShape;
import dev.lensix.input.terraform.MappingContext;
import dev.lensix.input.terraform.PlanInstance;
import dev.lensix.input.terraform.TfType;
import dev.lensix.input.terraform.TfValue;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code azurerm_role_assignment} as {@code Microsoft.Authorization/roleAssignments}: {@code properties.scope} from
 * {@code scope}, {@code principalId} from {@code principal_id}, {@code condition}, and {@code roleDefinitionId} from
 * {@code role_definition_id}, or from {@code role_definition_name} for the built-in roles in {@link #BUILT_IN_ROLES}
 * (the provider looks the name up only at apply). Its id is the scope's, then
 * {@code /providers/Microsoft.Authorization/roleAssignments/NAME}.
 */
public final class RoleAssignmentMapping extends OneArmType {

    private static final Map<String, TfType> TYPES = TfType.declared(
            "scope string, principal_id string, principal_type string, condition string, role_definition_id string,"
                    + " role_definition_name string");

    static final String ARM_TYPE = "Microsoft.Authorization/roleAssignments";

    /** Built-in role names, lower-cased, and their ids (the same in every tenant). */
    static final Map<String, String> BUILT_IN_ROLES = Map.of(
            "key vault crypto service encryption user", "e147488a-f6f5-4113-8e2d-b22465e65bf6",
            "key vault crypto user", "12338af0-0e69-4776-bea7-57ae8d297424",
            "key vault crypto officer", "14b46e9e-c2b7-41b4-b07b-48a6ebf60603",
            "key vault administrator", "00482a5a-887f-4fb3-b363-3b7fe8e74483",
            "key vault reader", "21090545-7ca7-4776-b22c-e363652d74d2",
            "key vault secrets user", "4633458b-17de-408a-b874-0445c86b69e6",
            "owner", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
            "contributor", "b24988ac-6180-42a0-ab88-20f7382dd24c",
            "reader", "acdd72a7-3385-48ef-bd42-f606fba81ae7");

    public RoleAssignmentMapping() {
        super("azurerm_role_assignment", ARM_TYPE, TYPES);
    }

    @Override
    public String armId(PlanInstance instance, MappingContext context) {
        Optional<String> known = ArmIds.knownArmId(instance, "id");
        if (known.isPresent()) {
            return known.get();
        }
        String scope = ArmIds.id(context.resolve(instance, "scope")).orElse("/subscriptions/" + context.subscriptionId());
        return ArmIds.withoutTrailingSlashes(scope) + "/providers/" + ARM_TYPE + "/" + ArmIds.name(instance);
    }

    @Override
    public void map(PlanInstance instance, ArmShape arm, MappingContext context) {
        arm.set("/properties/scope", "scope", context.resolve(instance, "scope"));
        arm.set("/properties/principalId", "principal_id", context.resolve(instance, "principal_id"));
        arm.copy("/properties/principalType", instance, "principal_type");
        arm.copy("/properties/condition", instance, "condition");
        TfValue definition = context.resolve(instance, "role_definition_id");
        if (definition.kind() != TfValue.Kind.UNKNOWN) {
            arm.set("/properties/roleDefinitionId", "role_definition_id", definition);
            if (definition.isKnown()) {
                return;
            }
        }
        TfValue name = instance.value("role_definition_name");
        arm.from("/properties/roleDefinitionId", name.kind() == TfValue.Kind.ABSENT ? "role_definition_id" : "role_definition_name");
        Optional<String> builtIn = name.text().map(text -> BUILT_IN_ROLES.get(text.strip().toLowerCase(Locale.ROOT)));
        if (builtIn.isPresent()) {
            arm.put("/properties/roleDefinitionId", "/subscriptions/" + context.subscriptionId()
                    + "/providers/Microsoft.Authorization/roleDefinitions/" + builtIn.get());
        } else if (name.isKnown()) {
            arm.notKnown("/properties/roleDefinitionId", "role " + name.node().asText() + " (" + instance.address()
                    + ".role_definition_name): its id is looked up only at apply, and it is not a built-in role lensix knows;"
                    + " give role_definition_id instead");
        } else {
            arm.notKnown("/properties/roleDefinitionId", arm.reasonNotKnown("role_definition_id", definition));
        }
    }
}
