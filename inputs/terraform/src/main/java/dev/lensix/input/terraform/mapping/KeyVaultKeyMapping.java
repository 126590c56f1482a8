package dev.lensix.input.terraform.mapping;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lensix.input.terraform.ArmShape;
import dev.lensix.input.terraform.MappingContext;
import dev.lensix.input.terraform.PlanInstance;
import dev.lensix.input.terraform.TfType;
import dev.lensix.input.terraform.TfValue;

import java.util.Map;
import java.util.Optional;

/**
 * {@code azurerm_key_vault_key} as {@code Microsoft.KeyVault/vaults/keys}.
 *
 * <table>
 *   <tr><th>ARM</th><th>Terraform</th></tr>
 *   <tr><td>id</td><td>{@code resource_id}, else the vault's id ({@code key_vault_id}) and {@code /keys/NAME}</td></tr>
 *   <tr><td>{@code properties.kty}, {@code keySize}, {@code keyOps}</td><td>{@code key_type}, {@code key_size}, {@code key_opts}</td></tr>
 *   <tr><td>{@code properties.attributes.enabled}</td><td>{@code true}: the provider creates enabled keys</td></tr>
 *   <tr><td>{@code properties.attributes.exp}, {@code nbf}</td><td>{@code expiration_date}, {@code not_before_date} (as epoch seconds)</td></tr>
 *   <tr><td>{@code properties.keyUri}</td><td>{@code versionless_id}; for a new key {@code https://VAULT.vault.azure.net/keys/NAME}</td></tr>
 *   <tr><td>{@code properties.keyUriWithVersion}</td><td>{@code id}; for a new key the URI with the version
 *       {@value #VERSION_KNOWN_AFTER_APPLY}, which a vault that refers to the key's {@code id} gets too</td></tr>
 *   <tr><td>{@code properties.rotationPolicy.lifetimeActions}</td><td>{@code rotation_policy[0].automatic[0]} (Rotate, with
 *       {@code time_after_create} or {@code time_before_expiry}), {@code notify_before_expiry} (Notify)</td></tr>
 *   <tr><td>{@code properties.rotationPolicy.attributes.expiryTime}</td><td>{@code rotation_policy[0].expire_after}</td></tr>
 * </table>
 */
public final class KeyVaultKeyMapping extends OneArmType {

    /** How the vault a key refers to tells its URI. */
    private static final KeyVaultMapping KEY_VAULTS = new KeyVaultMapping();

    private static final Map<String, TfType> TYPES = TfType.declared("""
            key_vault_id string, key_type string, key_size number, key_opts list, key_opts.* string,
            expiration_date string, not_before_date string, versionless_id string, resource_id string,
            resource_versionless_id string, rotation_policy list, rotation_policy.*.automatic list,
            rotation_policy.*.automatic.*.time_after_create string,
            rotation_policy.*.automatic.*.time_before_expiry string, rotation_policy.*.notify_before_expiry string,
            rotation_policy.*.expire_after string""");

    /** The version of a key created by the plan: Key Vault gives it on creation. */
    public static final String VERSION_KNOWN_AFTER_APPLY = "versionknownafterapply";

    static final String ARM_TYPE = "Microsoft.KeyVault/vaults/keys";

    public KeyVaultKeyMapping() {
        super("azurerm_key_vault_key", ARM_TYPE, TYPES);
    }

    @Override
    public String armId(PlanInstance instance, MappingContext context) {
        Optional<String> known = ArmIds.knownArmId(instance, "resource_versionless_id")
                .or(() -> ArmIds.knownArmId(instance, "resource_id"));
        if (known.isPresent()) {
            return ArmIds.withoutVersion(known.get());
        }
        String vault = ArmIds.id(context.resolve(instance, "key_vault_id")).orElse("/subscriptions/" + context.subscriptionId()
                + "/resourceGroups/unknown-resource-group/providers/Microsoft.KeyVault/vaults/unknown-vault");
        return vault + "/keys/" + ArmIds.name(instance);
    }

    @Override
    public void map(PlanInstance instance, ArmShape arm, MappingContext context) {
        arm.copy("/properties/kty", instance, "key_type");
        arm.copy("/properties/keySize", instance, "key_size");
        arm.copy("/properties/keyOps", instance, "key_opts");
        arm.put("/properties/attributes/enabled", BooleanNode.TRUE);
        epochAttribute(instance, "expiration_date", "/properties/attributes/exp", arm);
        epochAttribute(instance, "not_before_date", "/properties/attributes/nbf", arm);
        derived(instance, "versionless_id", context).ifPresentOrElse(
                uri -> arm.put("/properties/keyUri", uri).from("/properties/keyUri", "name"),
                () -> arm.copy("/properties/keyUri", instance, "versionless_id"));
        derived(instance, "id", context).ifPresentOrElse(
                uri -> arm.put("/properties/keyUriWithVersion", uri).from("/properties/keyUriWithVersion", "name"),
                () -> arm.copy("/properties/keyUriWithVersion", instance, "id"));
        TfValue policy = instance.value("rotation_policy.0");
        arm.from("/properties/rotationPolicy", "rotation_policy");
        if (policy.hidden()) {
            arm.notKnown("/properties/rotationPolicy", arm.reasonNotKnown("rotation_policy", policy));
        } else if (policy.isKnown()) {
            ObjectNode rotation = arm.objectAt("/properties/rotationPolicy");
            ArrayNode actions = rotation.putArray("lifetimeActions");
            arm.from("/properties/rotationPolicy/lifetimeActions", "rotation_policy.0.automatic");
            Optional<String> hidden = firstHidden(instance, arm, "rotation_policy.0.automatic",
                    "rotation_policy.0.automatic.0.time_after_create", "rotation_policy.0.automatic.0.time_before_expiry",
                    "rotation_policy.0.notify_before_expiry", "rotation_policy.0.expire_after");
            if (hidden.isPresent()) {
                // a part of the policy that cannot be read: what it makes of the key's rotation is not known
                rotation.removeAll();
                arm.notKnown("/properties/rotationPolicy", hidden.get());
                return;
            }
            if (instance.value("rotation_policy.0.automatic.0").isKnown()) {
                ObjectNode rotate = actions.addObject();
                ObjectNode trigger = rotate.putObject("trigger");
                instance.value("rotation_policy.0.automatic.0.time_after_create").text()
                        .ifPresent(after -> trigger.put("timeAfterCreate", after));
                instance.value("rotation_policy.0.automatic.0.time_before_expiry").text()
                        .ifPresent(before -> trigger.put("timeBeforeExpiry", before));
                rotate.putObject("action").put("type", "Rotate");
            }
            instance.value("rotation_policy.0.notify_before_expiry").text().ifPresent(before -> {
                ObjectNode notify = actions.addObject();
                notify.putObject("trigger").put("timeBeforeExpiry", before);
                notify.putObject("action").put("type", "Notify");
            });
            instance.value("rotation_policy.0.expire_after").text()
                    .ifPresent(expiry -> rotation.putObject("attributes").put("expiryTime", expiry));
        }
    }

    /** Why the first of these attributes that is unknown, sensitive or of the wrong type is not known; empty when none is. */
    private static Optional<String> firstHidden(PlanInstance instance, ArmShape arm, String... attributes) {
        for (String attribute : attributes) {
            TfValue value = instance.value(attribute);
            if (value.hidden()) {
                return Optional.of(arm.reasonNotKnown(attribute, value));
            }
        }
        return Optional.empty();
    }

    private static void epochAttribute(PlanInstance instance, String attribute, String pointer, ArmShape arm) {
        TfValue date = instance.value(attribute);
        arm.from(pointer, attribute);
        if (date.isKnown()) {
            date.text().flatMap(ArmIds::epochSeconds).ifPresent(seconds -> arm.put(pointer, LongNode.valueOf(seconds)));
        } else if (date.hidden()) {
            arm.notKnown(pointer, arm.reasonNotKnown(attribute, date));
        }
    }

    /**
     * The key's URIs, which a new key does not have before apply but which follow from its vault's name and its own:
     * {@code versionless_id}, and {@code id} with {@value #VERSION_KNOWN_AFTER_APPLY} for the version it will get.
     */
    @Override
    public Optional<String> derived(PlanInstance instance, String attribute, MappingContext context) {
        switch (attribute) {
            case "versionless_id", "id" -> {
                TfValue known = instance.value(attribute);
                if (known.isKnown()) {
                    return known.text();
                }
                Optional<String> base = vaultUri(instance, context).flatMap(vault -> instance.value("name").text()
                        .map(name -> ArmIds.withoutTrailingSlashes(vault) + "/keys/" + name));
                return attribute.equals("id") ? base.map(uri -> uri + "/" + VERSION_KNOWN_AFTER_APPLY) : base;
            }
            case "resource_id", "resource_versionless_id" -> {
                return Optional.of(context.armId(instance));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static Optional<String> vaultUri(PlanInstance instance, MappingContext context) {
        Optional<PlanInstance> vault = context.referenced(instance, "key_vault_id")
                .filter(found -> found.type().equals("azurerm_key_vault"));
        if (vault.isPresent()) {
            return KEY_VAULTS.derived(vault.get(), "vault_uri", context);
        }
        return ArmIds.id(context.resolve(instance, "key_vault_id"))
                .map(id -> id.substring(id.lastIndexOf('/') + 1))
                .map(name -> "https://" + name + ".vault.azure.net/");
    }
}
