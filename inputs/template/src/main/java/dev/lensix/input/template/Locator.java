package dev.lensix.input.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lensix.api.resource.Resource;
import dev.lensix.api.resource.SourceLocation;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a declared resource is written in the file a user keeps: the JSON template itself, or the {@code .bicep}
 * file it was compiled from.
 *
 * <pre>{@code
 * Locator locator = Locator.ofJson("infra/main.json", file);
 * locator.declaration(vault);                  // infra/main.json:14:5 to line 40
 * locator.properties(vault).get("properties"); // infra/main.json:20:7
 * }</pre>
 */
interface Locator {

    /** The file as reports name it. */
    String file();

    /** Where the resource is declared. */
    SourceLocation declaration(Declared declared);

    /** Where its properties are set, by dotted ARM path. */
    Map<String, SourceLocation> properties(Declared declared);

    /** Where a JSON pointer of the compiled template is, for an error message: {@code file:line}. */
    String describe(String pointer);

    /** Locations in a JSON template: each resource's object and the members written in it. */
    static Locator ofJson(String file, LocatedJson json) {
        return new Locator() {
            @Override
            public String file() {
                return file;
            }

            @Override
            public SourceLocation declaration(Declared declared) {
                return json.placeOf(declared.pointer())
                        .map(place -> new SourceLocation(file, place.line(), place.column(), place.endLine()))
                        .orElseGet(() -> SourceLocation.at(file, 1, 1));
            }

            @Override
            public Map<String, SourceLocation> properties(Declared declared) {
                Map<String, SourceLocation> places = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = declared.source().fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> member = it.next();
                    if (!IGNORED.contains(member.getKey())) {
                        collect(member.getValue(), "/" + TemplateDeployment.escape(member.getKey()), declared.pointer(), places);
                    }
                }
                return places;
            }

            private void collect(JsonNode node, String relative, String base, Map<String, SourceLocation> places) {
                json.placeOf(base + relative).ifPresent(place ->
                        places.put(Resource.pointerToPath(relative), SourceLocation.at(file, place.line(), place.column())));
                if (node.isObject()) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> member = it.next();
                        collect(member.getValue(), relative + "/" + TemplateDeployment.escape(member.getKey()), base, places);
                    }
                } else if (node.isArray()) {
                    for (int i = 0; i < node.size(); i++) {
                        collect(node.get(i), relative + "/" + i, base, places);
                    }
                }
            }

            @Override
            public String describe(String pointer) {
                for (String at = pointer; ; at = at.substring(0, at.lastIndexOf('/'))) {
                    Optional<LocatedJson.Place> place = json.placeOf(at);
                    if (place.isPresent()) {
                        return file + ":" + place.get().line();
                    }
                    if (at.isEmpty()) {
                        return file;
                    }
                }
            }
        };
    }

    /** Members of a declaration that are no ARM property. */
    Set<String> IGNORED = Set.of("apiVersion", "dependsOn", "condition", "copy", "comments", "resources", "existing");
}
