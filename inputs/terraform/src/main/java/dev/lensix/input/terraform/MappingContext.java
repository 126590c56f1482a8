package dev.lensix.input.terraform;

import java.util.Optional;

/**
 * What a mapping may ask of the plan it is in: the ARM ids of its resources, references followed to the resources
 * they name, and stand-ins for values known only after apply that other resources of the plan refer to.
 *
 * <pre>{@code
 * TfValue vaultId = context.resolve(instance, "key_vault_id");   // the vault's ARM id, also when it is created by this plan
 * String principal = context.stillUnknown(instance, "identity.0.principal_id");
 * }</pre>
 */
public interface MappingContext {

    /** The ARM id the instance will have once deployed. */
    String armId(PlanInstance instance);

    /** The subscription ids are made in when the plan does not say: the provider's, else a documented placeholder. */
    String subscriptionId();

    /**
     * The attribute's value; when it is known only after apply and its expression refers to a resource of this plan
     * whose mapping can tell that value (an {@code id}, a key's {@code versionless_id}, an identity's
     * {@code principal_id}), that value as known text; else what the plan says.
     */
    TfValue resolve(PlanInstance instance, String tfPath);

    /** The instance of this plan an attribute's expression refers to, when it refers to exactly one. */
    Optional<PlanInstance> referenced(PlanInstance instance, String tfPath);

    /**
     * A stand-in for a value known only after apply, the same wherever the plan refers to it:
     * {@code (known after apply) ADDRESS.identity[0].principal_id}. A vault's identity and the access policy that names
     * it get the same text, so a check can tell the policy grants that vault.
     */
    default String stillUnknown(PlanInstance instance, String tfPath) {
        StringBuilder path = new StringBuilder();
        for (String segment : tfPath.split("\\.")) {
            boolean index = PlanInstance.isIndex(segment);
            path.append(index ? "[" + segment + "]" : (path.length() == 0 ? "" : ".") + segment);
        }
        return "(known after apply) " + instance.address() + "." + path;
    }
}
