package dev.lensix.engine.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lensix.api.resource.Resource;

/** Builds ARM resources for tests. */
public final class Resources {

    public static final String SUBSCRIPTION = "0b1f6471-1bf0-4dda-aec3-111122223333";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Resources() {
    }

    /** A resource with just {@code id}, {@code type}, {@code name} (the id's last segment) and a location. */
    public static Resource resource(String id, String type) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("id", id);
        json.put("type", type);
        json.put("name", id.substring(id.lastIndexOf('/') + 1));
        json.put("location", "westeurope");
        return Resource.of(json);
    }

    /** {@code /subscriptions/SUB/resourceGroups/rg/providers/<type>/<name>} */
    public static String id(String type, String name) {
        return "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg/providers/" + type + "/" + name;
    }

    /** A top-level resource of {@code type} named {@code name} in resource group {@code rg}. */
    public static Resource named(String type, String name) {
        return resource(id(type, name), type);
    }

    public static Resource parse(String json) {
        try {
            return Resource.of(MAPPER.readTree(json));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
