package dev.lensix.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lensix.api.resource.Resource;

/**
 * The resource a condition reads: its identity, and its JSON (a copy narrowed to one array element inside a
 * field count).
 *
 * @param narrowed true inside a field count, where {@code json} is no longer the resource as collected
 */
record Subject(Resource resource, JsonNode json, boolean narrowed) {

    static Subject of(Resource resource) {
        return new Subject(resource, resource.json(), false);
    }
}
