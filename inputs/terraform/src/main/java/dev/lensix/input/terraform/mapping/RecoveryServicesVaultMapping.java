package dev.lensix.input.terraform.mapping;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.lensix.input.terraform.ArmShape;
import dev.lensix.input.terraform.MappingContext;
import dev.lensix.input.terraform.PlanInstance;
import dev.lensix.input.terraform.TfType;
import dev.lensix.input.terraform.TfValue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code azurerm_recovery_services_vault} as {@code Microsoft.RecoveryServices/vaults}.
 *
 * <table>
 *   <tr><th>ARM</th><th>Terraform</th></tr>
 *   <tr><td>{@code location}, {@code sku.name}</td><td>{@code location}, {@code sku}</td></tr>
 *   <tr><td>{@code identity.type}, {@code identity.principalId}</td><td>{@code identity[0].type}, {@code identity[0].principal_id}
 *       (known after apply for a new identity: a stand-in the plan's access policies and role assignments share)</td></tr>
 *   <tr><td>{@code identity.userAssignedIdentities}</td><td>{@code identity[0].identity_ids}, each with the identity's principal</td></tr>
 *   <tr><td>{@code properties.encryption.keyVaultProperties.keyUri}</td><td>{@code encryption[0].key_id}, or the URI of the
 *       plan's {@code azurerm_key_vault_key} it refers to</td></tr>
 *   <tr><td>{@code properties.encryption.infrastructureEncryption}</td><td>{@code encryption[0].infrastructure_encryption_enabled}
 *       ({@code Enabled}/{@code Disabled})</td></tr>
 *   <tr><td>{@code properties.encryption.kekIdentity}</td><td>{@code encryption[0].use_system_assigned_identity},
 *       {@code encryption[0].user_assigned_identity_id}</td></tr>
 * </table>
 * No {@code encryption} block: no {@code properties.encryption}, as Resource Manager returns a vault on platform keys.
 */
public final class RecoveryServicesVaultMapping extends OneArmType {

    static final String ARM_TYPE = "Microsoft.RecoveryServices/vaults";

    public RecoveryServicesVaultMapping() {
        super("azurerm_recovery_services_vault", ARM_TYPE, types());
    }

    @Override
    public void map(PlanInstance instance, ArmShape arm, MappingContext context) {
        arm.copy("/location", instance, "location");
        arm.copy("/sku/name", instance, "sku");
        Identities.map(instance, "identity.0", arm, context);
        arm.objectAt("/properties");
        TfValue encryption = instance.value("encryption.0");
        if (encryption.kind() == TfValue.Kind.ABSENT) {
            return;
        }
        if (encryption.hidden()) {
            // the whole block: which of its settings there will be is not known either
            arm.from("/properties/encryption", "encryption").notKnown("/properties/encryption", arm.reasonNotKnown("encryption", encryption));
            return;
        }
        arm.set("/properties/encryption/keyVaultProperties/keyUri", "encryption.0.key_id",
                context.resolve(instance, "encryption.0.key_id"));
        arm.copy("/properties/encryption/infrastructureEncryption", instance, "encryption.0.infrastructure_encryption_enabled",
                enabled -> TextNode.valueOf(enabled.asBoolean() ? "Enabled" : "Disabled"));
        TfValue system = instance.value("encryption.0.use_system_assigned_identity");
        if (system.kind() == TfValue.Kind.ABSENT) {
            arm.put("/properties/encryption/kekIdentity/useSystemAssignedIdentity", BooleanNode.TRUE); // the provider's default
        } else {
            arm.copy("/properties/encryption/kekIdentity/useSystemAssignedIdentity", instance, "encryption.0.use_system_assigned_identity");
        }
        TfValue userAssigned = context.resolve(instance, "encryption.0.user_assigned_identity_id");
        if (userAssigned.kind() != TfValue.Kind.ABSENT && !userAssigned.text().filter(String::isBlank).isPresent()) {
            arm.set("/properties/encryption/kekIdentity/userAssignedIdentity", "encryption.0.user_assigned_identity_id", userAssigned);
        }
    }

    private static Map<String, TfType> types() {
        Map<String, TfType> types = new HashMap<>(Identities.TYPES);
        types.putAll(TfType.declared("sku string, encryption list, encryption.*.key_id string,"
                + " encryption.*.infrastructure_encryption_enabled bool, encryption.*.use_system_assigned_identity bool,"
                + " encryption.*.user_assigned_identity_id string"));
        return types;
    }

    @Override
    public Optional<String> derived(PlanInstance instance, String attribute, MappingContext context) {
        return attribute.equals("identity.0.principal_id") ? Optional.of(context.stillUnknown(instance, attribute))
                : super.derived(instance, attribute, context);
    }
}
