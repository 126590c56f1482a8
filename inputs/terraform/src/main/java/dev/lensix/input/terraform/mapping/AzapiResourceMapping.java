package dev.lensix.input.terraform.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lensix.input.terraform.ArmShape;
import dev.lensix.input.terraform.MappingContext;
import dev.lensix.input.terraform.PlanInstance;
import dev.lensix.input.terraform.TfType;
import dev.lensix.input.terraform.TfValue;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code azapi_resource}: its {@code body} is already the ARM request body, so it is taken as it is (an object, or
 * the JSON string azapi 1.x takes), its parts known only after apply marked not known. The type is {@code type}
 * without its {@code @api-version}; the id is {@code parent_id}, then {@code /providers/TYPE/NAME} for a top-level or
 * extension type, or {@code /CHILD/NAME} for a child type ({@code Microsoft.KeyVault/vaults/keys}). {@code location}
 * and the {@code identity} block are mapped as for the azurerm types.
 */
public final class AzapiResourceMapping implements ArmMapping {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code body} is not listed: azapi takes an object, or a JSON string in its older versions. */
    private static final Map<String, TfType> TYPES = types();

    @Override
    public String terraformType() {
        return "azapi_resource";
    }

    @Override
    public Map<String, TfType> attributeTypes() {
        return TYPES;
    }

    private static Map<String, TfType> types() {
        Map<String, TfType> types = new HashMap<>(Identities.TYPES);
        types.putAll(TfType.declared("type string, parent_id string, name string, location string, id string"));
        return Map.copyOf(types);
    }

    @Override
    public String armType(PlanInstance instance) {
        String type = instance.value("type").text().orElse("");
        int at = type.indexOf('@');
        return at < 0 ? type : type.substring(0, at);
    }

    @Override
    public String armId(PlanInstance instance, MappingContext context) {
        Optional<String> known = ArmIds.knownArmId(instance, "id");
        if (known.isPresent()) {
            return known.get();
        }
        String type = armType(instance);
        String parent = ArmIds.withoutTrailingSlashes(ArmIds.id(context.resolve(instance, "parent_id"))
                .orElse("/subscriptions/" + context.subscriptionId()));
        String[] segments = type.split("/");
        return segments.length > 2
                ? parent + "/" + segments[segments.length - 1] + "/" + ArmIds.name(instance)
                : parent + "/providers/" + type + "/" + ArmIds.name(instance);
    }

    @Override
    public void map(PlanInstance instance, ArmShape arm, MappingContext context) {
        arm.copy("/location", instance, "location");
        Identities.map(instance, "identity.0", arm, context);
        TfValue body = instance.value("body");
        arm.from("/properties", "body");
        switch (body.kind()) {
            case UNKNOWN -> arm.notKnown("/properties", arm.reasonNotKnown("body", body));
            case SENSITIVE -> arm.notKnown("/properties", "sensitive in the plan (" + instance.address()
                    + ".body): lensix does not read sensitive values");
            case WRONG_TYPE -> arm.notKnown("/properties", arm.reasonNotKnown("body", body));
            case ABSENT -> { }
            case KNOWN -> copyBody(instance, body.node(), arm);
        }
    }

    private static void copyBody(PlanInstance instance, JsonNode body, ArmShape arm) {
        JsonNode object = body;
        if (body.isTextual()) {
            try {
                object = JSON.readTree(body.asText());
            } catch (JsonProcessingException e) {
                arm.notKnown("/properties", instance.address() + ".body is not JSON: " + e.getOriginalMessage());
                return;
            }
        }
        if (!object.isObject()) {
            arm.notKnown("/properties", instance.address() + ".body is not a JSON object");
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (!name.toLowerCase(Locale.ROOT).matches("id|type|name")) {
                arm.put("/" + escape(name), field.getValue().deepCopy());
                arm.from("/" + escape(name), "body." + name);
            }
        }
        markUnknown(instance.afterUnknown().path("body"), "", arm, instance.address());
    }

    /** Every {@code true} of {@code after_unknown.body}, as a pointer not known. */
    private static void markUnknown(JsonNode mirror, String pointer, ArmShape arm, String address) {
        if (mirror.isBoolean() && mirror.booleanValue() && !pointer.isEmpty()) {
            arm.notKnown(pointer, "known only after apply (" + address + ".body" + pointer.replace('/', '.') + ")");
        } else if (mirror.isObject()) {
            mirror.fields().forEachRemaining(field -> markUnknown(field.getValue(), pointer + "/" + escape(field.getKey()), arm, address));
        } else if (mirror.isArray()) {
            for (int i = 0; i < mirror.size(); i++) {
                markUnknown(mirror.get(i), pointer + "/" + i, arm, address);
            }
        }
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
