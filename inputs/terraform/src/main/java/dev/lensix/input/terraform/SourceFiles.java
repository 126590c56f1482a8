package dev.lensix.input.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lensix.api.input.SourcePaths;
import dev.lensix.api.resource.SourceLocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code .tf} files of a plan's modules: the root module's folder (the plan file's own folder when it holds
 * {@code .tf} files, else the source root), and each child module's folder from its call's local {@code source}
 * ({@code ./modules/backup}) or, for registry and git sources, from Terraform's {@code .terraform/modules/modules.json}.
 * Paths are given relative to the source root when they lie under it.
 *
 * <pre>{@code
 * SourceFiles sources = new SourceFiles(Path.of("infra/plan.json"), Path.of("."), plan.configuration());
 * Optional<SourceFiles.Found> vault = sources.find(List.of("backup"), "azurerm_recovery_services_vault", "this");
 * }</pre>
 */
final class SourceFiles {

    private static final Logger LOG = LoggerFactory.getLogger(SourceFiles.class);

    /** A resource block found, and the file it is in as reports name it. */
    record Found(String file, HclOutline.Block block) {

        SourceLocation declaration() {
            return new SourceLocation(file, block.line(), block.column(), Math.max(block.line(), block.endLine()));
        }

        Optional<SourceLocation> locate(String path) {
            return block.find(path).map(place -> SourceLocation.at(file, place.line(), place.column()));
        }
    }

    private final Path sourceRoot;
    private final Optional<Path> rootModule;
    private final JsonNode configuration;
    private final Map<String, String> installedModules;
    private final Map<Path, Map<Path, HclOutline>> outlines = new HashMap<>();
    // asked once per resource instance: worked out once per module and per file
    private final Map<List<String>, Optional<Path>> moduleFolders = new HashMap<>();
    private final Map<Path, String> reportNames = new HashMap<>();

    SourceFiles(Path planFile, Path sourceRoot, JsonNode configuration) {
        this.sourceRoot = sourceRoot.toAbsolutePath().normalize();
        Path planFolder = Optional.ofNullable(planFile.toAbsolutePath().normalize().getParent()).orElse(this.sourceRoot);
        this.rootModule = holdsTf(planFolder) ? Optional.of(planFolder)
                : holdsTf(this.sourceRoot) ? Optional.of(this.sourceRoot) : Optional.empty();
        this.configuration = configuration;
        this.installedModules = rootModule.map(SourceFiles::installedModules).orElse(Map.of());
        if (rootModule.isEmpty()) {
            LOG.debug("{}: no .tf files beside the plan or in the source root {}: results point into the plan", planFile, sourceRoot);
        }
    }

    /** The resource block {@code type.name} in the module at {@code modulePath} (module call names from the root). */
    Optional<Found> find(List<String> modulePath, String type, String name) {
        Optional<Path> folder = moduleFolders.computeIfAbsent(List.copyOf(modulePath), this::moduleFolder);
        if (folder.isEmpty()) {
            return Optional.empty();
        }
        Map<Path, HclOutline> files = outlinesOf(folder.get());
        for (Map.Entry<Path, HclOutline> file : files.entrySet()) {
            Optional<HclOutline.Block> block = file.getValue().resource(type, name);
            if (block.isPresent()) {
                return Optional.of(new Found(reportNames.computeIfAbsent(file.getKey(), this::reportName), block.get()));
            }
        }
        // a file edited since the plan was made, or text lensix could not outline past a point (an unclosed brace)
        LOG.debug("no resource \"{}\" \"{}\" block in the {} .tf files of {}: its results point at its change in the plan",
                type, name, files.size(), folder.get());
        return Optional.empty();
    }

    /** How reports name a file: relative to the source root with {@code /}, else absolute. */
    String reportName(Path file) {
        return SourcePaths.shown(sourceRoot, file);
    }

    private Optional<Path> moduleFolder(List<String> modulePath) {
        if (rootModule.isEmpty()) {
            return Optional.empty();
        }
        Path folder = rootModule.get();
        JsonNode module = configuration.path("root_module");
        for (int depth = 0; depth < modulePath.size(); depth++) {
            JsonNode call = module.path("module_calls").path(modulePath.get(depth));
            String source = call.path("source").asText("");
            if (source.startsWith("./") || source.startsWith("../")) {
                folder = folder.resolve(source).normalize();
            } else {
                String installed = installedModules.get(String.join(".", modulePath.subList(0, depth + 1)));
                if (installed == null) {
                    return Optional.empty();
                }
                folder = rootModule.get().resolve(installed).normalize();
            }
            module = call.path("module");
        }
        return Files.isDirectory(folder) ? Optional.of(folder) : Optional.empty();
    }

    private Map<Path, HclOutline> outlinesOf(Path folder) {
        return outlines.computeIfAbsent(folder, dir -> {
            Map<Path, HclOutline> byFile = new java.util.TreeMap<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(SourceFiles::isTf).sorted().toList()) {
                    try {
                        byFile.put(file, HclOutline.of(Files.readString(file, StandardCharsets.UTF_8)));
                    } catch (IOException | java.io.UncheckedIOException e) {
                        LOG.debug("{}: cannot read: {}", file, e.getMessage());
                    }
                }
            } catch (IOException e) {
                LOG.debug("{}: cannot list: {}", dir, e.getMessage());
            }
            return byFile;
        });
    }

    private static boolean isTf(Path file) {
        return Files.isRegularFile(file) && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tf");
    }

    private static boolean holdsTf(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(SourceFiles::isTf);
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code .terraform/modules/modules.json}: where {@code terraform init} put each module, by key ({@code a.b}). */
    private static Map<String, String> installedModules(Path root) {
        Path manifest = root.resolve(".terraform").resolve("modules").resolve("modules.json");
        if (!Files.isRegularFile(manifest)) {
            return Map.of();
        }
        try {
            Map<String, String> dirs = new HashMap<>();
            for (JsonNode module : PlanDocument.mapper().readTree(manifest.toFile()).path("Modules")) {
                String key = module.path("Key").asText("");
                String dir = module.path("Dir").asText("");
                if (!key.isEmpty() && !dir.isEmpty()) {
                    dirs.put(key, dir);
                }
            }
            return dirs;
        } catch (IOException e) {
            LOG.debug("{}: cannot read: {}", manifest, e.getMessage());
            return Map.of();
        }
    }
}
