package dev.lensix.input.terraform.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lensix.input.terraform.ArmShape;
import dev.lensix.input.terraform.MappingContext;
import dev.lensix.input.terraform.PlanInstance;
import dev.lensix.input.terraform.TfType;
import dev.lensix.input.terraform.TfValue;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A managed identity block ({@code identity { type = "SystemAssigned", identity_ids = [...] }}) as ARM's
 * {@code identity}, for every mapping of a resource that has one: the system-assigned principal (the shared stand-in
 * when known only after apply), and each user-assigned identity with its principal.
 *
 * <pre>{@code
 * Identities.map(instance, "identity.0", arm, context);
 * }</pre>
 */
final class Identities {

    /** The types in an {@code identity} block at {@code identity.*} ({@code identity.*.type}, ...). */
    static final Map<String, TfType> TYPES = TfType.declared(
            "identity list, identity.*.type string, identity.*.principal_id string, identity.*.identity_ids list,"
                    + " identity.*.identity_ids.* string");

    private Identities() {
    }

    static void map(PlanInstance instance, String block, ArmShape arm, MappingContext context) {
        TfValue whole = instance.value(block);
        if (whole.kind() == TfValue.Kind.ABSENT) {
            return;
        }
        if (whole.hidden()) {
            arm.from("/identity", block).notKnown("/identity", arm.reasonNotKnown(block, whole));
            return;
        }
        TfValue type = arm.copy("/identity/type", instance, block + ".type");
        boolean system = type.text().filter(text -> text.toLowerCase(Locale.ROOT).contains("systemassigned")).isPresent();
        TfValue principal = instance.value(block + ".principal_id");
        arm.from("/identity/principalId", block + ".principal_id");
        if (principal.isKnown()) {
            arm.put("/identity/principalId", principal.node());
        } else if (principal.kind() == TfValue.Kind.UNKNOWN && system) {
            arm.put("/identity/principalId", context.stillUnknown(instance, block + ".principal_id"));
        }
        TfValue ids = instance.value(block + ".identity_ids");
        arm.from("/identity/userAssignedIdentities", block + ".identity_ids");
        if (ids.hidden()) {
            arm.notKnown("/identity/userAssignedIdentities", arm.reasonNotKnown(block + ".identity_ids", ids));
        } else if (ids.isKnown() && ids.node().isArray()) {
            ObjectNode attached = arm.objectAt("/identity/userAssignedIdentities");
            for (int i = 0; i < ids.node().size(); i++) {
                TfValue id = context.resolve(instance, block + ".identity_ids." + i);
                Optional<PlanInstance> identity = context.referenced(instance, block + ".identity_ids." + i)
                        .or(() -> context.referenced(instance, block + ".identity_ids"));
                if (id.text().isEmpty()) {
                    arm.notKnown("/identity/userAssignedIdentities", arm.reasonNotKnown(block + ".identity_ids." + i, id));
                    continue;
                }
                ObjectNode entry = attached.putObject(id.text().get());
                identity.filter(found -> found.type().equals("azurerm_user_assigned_identity"))
                        .map(found -> context.resolve(found, "principal_id"))
                        .flatMap(TfValue::text)
                        .ifPresent(principalId -> entry.put("principalId", principalId));
            }
        }
    }
}
