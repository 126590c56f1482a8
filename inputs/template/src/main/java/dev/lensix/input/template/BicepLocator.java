package dev.lensix.input.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lensix.api.input.InputException;
import dev.lensix.api.resource.SourceLocation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Locations in the {@code .bicep} files a template was compiled from. A compiled resource is matched to its
 * declaration by symbolic name when the template keeps them (languageVersion 2.0), else by type and order: the
 * second {@code Microsoft.KeyVault/vaults} of the compiled template is the second declared in the file. A module's
 * resources are found in the module's own file when its path is local.
 *
 * <pre>{@code
 * Locator locator = BicepLocator.of(Path.of("infra/main.bicep"), "infra/main.bicep", compiled, this::display);
 * locator.declaration(vault); // infra/main.bicep:12:1 to line 30
 * }</pre>
 */
final class BicepLocator implements Locator {

    /** One deployment of the compiled template and the {@code .bicep} file it came from. */
    private record Source(Path file, String display, BicepOutline outline, SourceLocation fallback) {
    }

    private final String file;
    private final LocatedJson compiled;
    private final Function<Path, String> display;
    private final Map<String, Optional<Source>> sources = new HashMap<>();
    private final Map<String, Optional<Match>> matches = new HashMap<>();

    private BicepLocator(String file, LocatedJson compiled, Function<Path, String> display) {
        this.file = file;
        this.compiled = compiled;
        this.display = display;
    }

    static Locator of(Path bicepFile, String shown, LocatedJson compiled, Function<Path, String> display)
            throws InputException {
        BicepLocator locator = new BicepLocator(shown, compiled, display);
        String text = TemplateInput.readText(bicepFile);
        locator.sources.put("", Optional.of(new Source(bicepFile, shown, BicepOutline.parse(text), SourceLocation.at(shown, 1, 1))));
        return locator;
    }

    @Override
    public String file() {
        return file;
    }

    /** A compiled resource's declaration in its {@code .bicep} file, if one is found. */
    private record Match(Source source, Optional<BicepOutline.Declaration> declaration) {
    }

    @Override
    public SourceLocation declaration(Declared declared) {
        Optional<Match> match = match(declared);
        if (match.isEmpty()) {
            return SourceLocation.at(file, 1, 1);
        }
        Source source = match.get().source();
        return match.get().declaration()
                .map(d -> new SourceLocation(source.display(), d.line(), d.column(), d.end()))
                .orElse(source.fallback());
    }

    @Override
    public Map<String, SourceLocation> properties(Declared declared) {
        Map<String, SourceLocation> places = new LinkedHashMap<>();
        match(declared).ifPresent(match -> match.declaration().ifPresent(d ->
                d.properties().forEach((path, place) ->
                        places.put(path, SourceLocation.at(match.source().display(), place.line(), place.column())))));
        return places;
    }

    /** Found once per declaration pointer: every copy of a loop, and both questions asked of each, share it. */
    private Optional<Match> match(Declared declared) {
        return matches.computeIfAbsent(declared.pointer(), pointer -> {
            String base = baseOf(pointer);
            return source(base).map(source -> new Match(source, find(source, base, pointer)));
        });
    }

    @Override
    public String describe(String pointer) {
        return file + " (compiled template at " + (pointer.isEmpty() ? "/" : pointer) + ")";
    }

    /** The pointer of the template a resource's declaration is in. */
    private static String baseOf(String pointer) {
        int resources = pointer.lastIndexOf("/resources/");
        return resources < 0 ? "" : pointer.substring(0, resources);
    }

    private Optional<BicepOutline.Declaration> find(Source source, String base, String pointer) {
        String key = pointer.substring(pointer.lastIndexOf('/') + 1);
        JsonNode resources = compiled.root().at(base + "/resources");
        if (resources.isObject()) {
            return source.outline().bySymbol(key.replace("~1", "/").replace("~0", "~"));
        }
        int index;
        try {
            index = Integer.parseInt(key);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String type = resources.path(index).path("type").asText("");
        boolean module = type.equalsIgnoreCase("Microsoft.Resources/deployments");
        int order = 0;
        for (int i = 0; i < index; i++) {
            if (resources.path(i).path("type").asText("").equalsIgnoreCase(type)) {
                order++;
            }
        }
        List<BicepOutline.Declaration> candidates = module ? source.outline().modules() : source.outline().ofType(type);
        return order < candidates.size() ? Optional.of(candidates.get(order)) : Optional.empty();
    }

    /** The {@code .bicep} file of the deployment at {@code base}: the file itself, or a module's file. */
    private Optional<Source> source(String base) {
        Optional<Source> known = sources.get(base);
        if (known != null) {
            return known;
        }
        Optional<Source> found = Optional.empty();
        String suffix = "/properties/template";
        if (base.endsWith(suffix)) {
            String declarationPointer = base.substring(0, base.length() - suffix.length());
            Optional<Source> parent = source(baseOf(declarationPointer));
            if (parent.isPresent()) {
                Optional<BicepOutline.Declaration> module = find(parent.get(), baseOf(declarationPointer), declarationPointer);
                if (module.isPresent()) {
                    SourceLocation at = SourceLocation.at(parent.get().display(), module.get().line(), module.get().column());
                    found = Optional.of(moduleSource(parent.get().file(), module.get().modulePath(), at));
                }
            }
        }
        sources.put(base, found);
        return found;
    }

    /** A local module's file, or, for a registry module, its declaration in the parent. */
    private Source moduleSource(Path parentFile, String modulePath, SourceLocation declaration) {
        if (!modulePath.contains(":")) {
            Path moduleFile = parentFile.resolveSibling(modulePath).normalize();
            if (Files.isRegularFile(moduleFile) && moduleFile.toString().toLowerCase(Locale.ROOT).endsWith(".bicep")) {
                try {
                    String shown = display.apply(moduleFile);
                    return new Source(moduleFile, shown, BicepOutline.parse(TemplateInput.readText(moduleFile)),
                            SourceLocation.at(shown, 1, 1));
                } catch (InputException e) {
                    // unreadable: point at the module's declaration
                }
            }
        }
        return new Source(parentFile, declaration.file(), BicepOutline.parse(""), declaration);
    }
}
