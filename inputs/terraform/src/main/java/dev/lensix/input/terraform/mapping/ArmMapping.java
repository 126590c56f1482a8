package dev.lensix.input.terraform.mapping;

import dev.lensix.input.terraform.ArmShape;
import dev.lensix.input.terraform.MappingContext;
import dev.lensix.input.terraform.PlanInstance;
import dev.lensix.input.terraform.TfType;

import java.util.Map;
import java.util.Optional;

/**
 * How one Terraform resource type becomes the ARM resource the checks read: one class per type, listed in
 * {@link ArmMappings}. A contributor adds a type by writing one and adding it there; a type that always becomes the
 * same ARM type extends {@link OneArmType}.
 *
 * <pre>{@code
 * final class AzapiResourceMapping implements ArmMapping {
 *     public String terraformType() { return "azapi_resource"; }
 *     public String armType(PlanInstance instance) { return typeWithoutApiVersion(instance); }
 *     public String armId(PlanInstance instance, MappingContext context) { return idFromParent(instance, context); }
 *     public void map(PlanInstance instance, ArmShape arm, MappingContext context) {
 *         arm.copy("/properties", instance, "body.properties");
 *     }
 * }
 * }</pre>
 *
 * A value the plan knows only after apply is marked not known ({@link ArmShape#copy} does it), never guessed; a
 * sensitive one is never read.
 */
public interface ArmMapping {

    String terraformType();

    /** The ARM type the instance becomes. */
    String armType(PlanInstance instance);

    /** The ARM id it will have: the plan's own when it knows it, else made from its name and where it goes. */
    String armId(PlanInstance instance, MappingContext context);

    /** Fills the ARM object (id, type and name are set already). */
    void map(PlanInstance instance, ArmShape arm, MappingContext context);

    /**
     * An attribute known only after apply that this mapping can nonetheless tell, for the resources that refer to it:
     * {@code id} is the ARM id; a key's {@code versionless_id} its URI. Empty when it cannot.
     */
    default Optional<String> derived(PlanInstance instance, String attribute, MappingContext context) {
        return attribute.equals("id") ? Optional.of(context.armId(instance)) : Optional.empty();
    }

    /**
     * For a resource that is part of another's ARM object (an access policy is part of its Key Vault's): the ARM id of
     * that other, whose arrays this one's are appended to. Empty for a resource of its own.
     */
    default Optional<String> partOf(PlanInstance instance, MappingContext context) {
        return Optional.empty();
    }

    /**
     * The Terraform types of the attributes this mapping reads, by path with {@code *} for list indexes
     * ({@code encryption.*.key_id}): a plan value of another JSON type there is not known, rather than read as what it
     * is not. Attributes not listed are not checked.
     */
    default Map<String, TfType> attributeTypes() {
        return Map.of();
    }

    /** True for a type that is part of another resource's ARM object ({@link #partOf}) rather than one of its own. */
    default boolean isPart() {
        return false;
    }
}
