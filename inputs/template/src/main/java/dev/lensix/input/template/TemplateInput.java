package dev.lensix.input.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.input.Collected;
import dev.lensix.api.input.CollectionLedger;
import dev.lensix.api.input.CoverageRule;
import dev.lensix.api.input.Input;
import dev.lensix.api.input.InputException;
import dev.lensix.api.input.SourcePaths;
import dev.lensix.api.report.ScanProblem;
import dev.lensix.api.resource.Coverage;
import dev.lensix.api.resource.Origin;
import dev.lensix.api.resource.Resource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ARM templates and Bicep files as an input: each template evaluated as Resource Manager would deploy it
 * ({@link TemplateDeployment}), each resource it deploys in its ARM shape with the line that declares it.
 *
 * <pre>{@code
 * TemplateInput.Options options = new TemplateInput.Options(Optional.empty(), List.of("env=prod"),
 *         DeploymentScope.PLACEHOLDER, Path.of("."), Bicep.onPath());
 * Collected collected = new TemplateInput(List.of(Path.of("infra/main.bicep")), options).read(checks);
 * }</pre>
 *
 * <p>What a template covers: the children and extension resources (keys, diagnostic settings, role assignments) of a
 * resource it deploys are all that resource has once deployed; resources deployed elsewhere are not in it.
 */
public final class TemplateInput implements Input {

    private static final String ACCESS_POLICIES = "microsoft.keyvault/vaults/accesspolicies";

    /**
     * How templates are deployed.
     *
     * @param parametersFile {@code --parameters FILE}, for every template; else each template's paired file
     * @param overrides      {@code --parameter NAME=VALUE}, on top
     * @param scope          the deployment scope ids are made in
     * @param sourceRoot     the folder reported paths are relative to
     * @param bicep          how {@code .bicep} files are compiled
     */
    public record Options(Optional<Path> parametersFile, List<String> overrides, DeploymentScope scope, Path sourceRoot,
                          Bicep bicep) {
        public Options {
            overrides = List.copyOf(overrides);
        }

        /** The options with the deployment scope of {@code --scope}, or the placeholder. */
        public static Options of(Optional<Path> parametersFile, List<String> overrides, Optional<String> scope,
                                 Path sourceRoot, Bicep bicep) throws InputException {
            return new Options(parametersFile, overrides,
                    scope.isPresent() ? DeploymentScope.parse(scope.get()) : DeploymentScope.PLACEHOLDER, sourceRoot, bicep);
        }
    }

    private final List<Path> templates;
    private final List<String> scope;
    private final Options options;

    public TemplateInput(List<Path> templates, List<String> scope, Options options) {
        this.templates = List.copyOf(templates);
        this.scope = List.copyOf(scope);
        this.options = options;
    }

    public TemplateInput(List<Path> templates, Options options) {
        this(templates, templates.stream().map(Path::toString).toList(), options);
    }

    /** True for the {@code $schema} of a deployment template. */
    public static boolean isTemplateSchema(String schema) {
        return schema.toLowerCase(Locale.ROOT).contains("deploymenttemplate.json");
    }

    /** True for the {@code $schema} of a parameters file. */
    public static boolean isParametersSchema(String schema) {
        return schema.toLowerCase(Locale.ROOT).contains("deploymentparameters.json");
    }

    /** True for a file lensix compiles with the Bicep CLI. */
    public static boolean isBicep(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".bicep");
    }

    /**
     * The {@code .bicep} files among {@code files} that another of them uses as a local module (absolute, normalized):
     * scanned through the file that deploys them, with the parameters it gives.
     */
    public static Set<Path> bicepModulesAmong(List<Path> files) {
        Set<Path> modules = new HashSet<>();
        for (Path file : files) {
            if (!isBicep(file)) {
                continue;
            }
            try {
                for (BicepOutline.Declaration module : BicepOutline.parse(readText(file)).modules()) {
                    if (!module.modulePath().contains(":")) {
                        modules.add(file.toAbsolutePath().normalize().resolveSibling(module.modulePath()).normalize());
                    }
                }
            } catch (InputException e) {
                // unreadable: the scan of that file says so
            }
        }
        return modules;
    }

    @Override
    public Collected read(List<CheckDescriptor> checks) throws InputException {
        List<Resource> resources = new ArrayList<>();
        List<ScanProblem> problems = new ArrayList<>();
        for (Path file : templates) {
            read(file, resources, problems);
        }
        return new Collected(scope, resources, CollectionLedger.EMPTY, problems, coverage());
    }

    private void read(Path file, List<Resource> resources, List<ScanProblem> problems) throws InputException {
        String display = display(file);
        boolean bicep = isBicep(file);
        String text = bicep ? options.bicep().build(file) : readText(file);
        LocatedJson json = LocatedJson.parse(text, display + (bicep ? " (as bicep build writes it)" : ""));
        String schema = json.root().path("$schema").asText("");
        if (!json.root().isObject() || !isTemplateSchema(schema)) {
            throw new InputException(display + ": not an ARM template (its $schema is not .../deploymentTemplate.json#)");
        }
        Locator locator = bicep ? BicepLocator.of(file, display(file), json, this::display) : Locator.ofJson(display, json);
        Map<String, TemplateDeployment.Given> given = TemplateParameters.withOverrides(parameters(file),
                options.overrides(), json.root().path("parameters"));
        TemplateDeployment deployment;
        try {
            deployment = TemplateDeployment.root(json.root(), stem(file), options.scope(), given);
        } catch (TemplateError e) {
            throw new InputException(locator.describe(e.pointer()) + ": " + (e.pointer().isEmpty() ? "" : e.pointer().substring(1)
                    .replace('/', '.') + ": ") + e.getMessage());
        }
        deployment.registry().problems().forEach(problem -> problems.add(new ScanProblem("template:" + display, problem)));
        Map<String, List<Declared>> accessPolicies = new HashMap<>();
        for (Declared declared : deployment.resources()) {
            if (declared.kind() == Declared.Kind.RESOURCE && declared.type().equalsIgnoreCase(ACCESS_POLICIES)) {
                accessPolicies.computeIfAbsent(ResourceNames.key(ResourceNames.parentOf(declared.id())), k -> new ArrayList<>())
                        .add(declared);
            }
        }
        for (Declared declared : deployment.resources()) {
            if (declared.kind() != Declared.Kind.RESOURCE || declared.type().equalsIgnoreCase(ACCESS_POLICIES)) {
                continue;
            }
            ObjectNode body = declared.body().deepCopy();
            Map<String, String> notKnown = new LinkedHashMap<>(declared.notKnown());
            for (Declared policies : accessPolicies.getOrDefault(ResourceNames.key(declared.id()), List.of())) {
                mergeAccessPolicies(body, notKnown, policies);
            }
            Origin origin = new Origin(locator.file(), declared.address(), locator.declaration(declared),
                    locator.properties(declared));
            resources.add(Resource.declared(body, origin, notKnown));
        }
    }

    /** {@code vaults/accessPolicies} ({@code add}) appends its policies to the vault's, as Resource Manager does. */
    private static void mergeAccessPolicies(ObjectNode vault, Map<String, String> notKnown, Declared policies) {
        JsonNode added = policies.body().path("properties").path("accessPolicies");
        ObjectNode properties = vault.path("properties") instanceof ObjectNode given ? given : vault.putObject("properties");
        ArrayNode list = properties.path("accessPolicies") instanceof ArrayNode given ? given : properties.putArray("accessPolicies");
        int offset = list.size();
        added.forEach(policy -> list.add(policy.deepCopy()));
        policies.notKnown().forEach((pointer, reason) -> {
            String prefix = "/properties/accessPolicies/";
            if (pointer.startsWith(prefix)) {
                String rest = pointer.substring(prefix.length());
                int slash = rest.indexOf('/');
                String index = slash < 0 ? rest : rest.substring(0, slash);
                try {
                    notKnown.put(prefix + (offset + Integer.parseInt(index)) + (slash < 0 ? "" : rest.substring(slash)), reason);
                    return;
                } catch (NumberFormatException e) {
                    // below
                }
            }
            notKnown.put("/properties/accessPolicies", policies.id() + ": " + reason);
        });
    }

    private Map<String, TemplateDeployment.Given> parameters(Path template) throws InputException {
        // paired by name: X.parameters.json beside X.json or X.bicep, else X.bicepparam beside X.bicep
        Optional<Path> file = options.parametersFile().or(() -> present(sibling(template, ".parameters.json")));
        if (file.isPresent()) {
            return TemplateParameters.fromFile(file.get(), readText(file.get()));
        }
        if (isBicep(template)) {
            Optional<Path> bicepParams = present(sibling(template, ".bicepparam"));
            if (bicepParams.isPresent()) {
                return TemplateParameters.fromFile(bicepParams.get(), options.bicep().buildParams(bicepParams.get()));
            }
        }
        return Map.of();
    }

    /** The file's name without its extension: {@code main} for {@code main.bicep}, the deployment's name. */
    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private static Optional<Path> present(Path file) {
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** The file beside {@code file} of the same stem: {@code main.parameters.json} for {@code main.json}. */
    public static Path sibling(Path file, String suffix) {
        return file.resolveSibling(stem(file) + suffix);
    }

    private String display(Path file) {
        return SourcePaths.shown(options.sourceRoot(), file);
    }

    static String readText(Path file) throws InputException {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static CoverageRule coverage() {
        return (type, resource) -> {
            boolean childOrExtension = CoverageRule.belongsToAResource(type);
            if (childOrExtension && resource.origin().isPresent()) {
                return Coverage.COLLECTED; // the template declares all its resources will have
            }
            return Coverage.notCollected(childOrExtension
                    ? type + " resources of a resource the template does not deploy are not in it"
                    : "a template holds only the resources it deploys: " + type + " resources deployed elsewhere are not in it");
        };
    }
}
