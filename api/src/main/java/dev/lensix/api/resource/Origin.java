package dev.lensix.api.resource;

import dev.lensix.api.check.Evidence;
import dev.lensix.api.check.Observation;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a resource read from a file was declared: the file read ({@code plan.json}), the resource's address in it
 * (a Terraform address, a template's symbolic name), the declaration ({@code resource "azurerm_key_vault" "main" {}),
 * and where its properties are set, by the dotted path evidence names them with. Resources read from Azure itself
 * have none.
 *
 * <pre>{@code
 * Origin origin = new Origin("plan.json", "module.backup.azurerm_recovery_services_vault.legacy",
 *         new SourceLocation("modules/backup/main.tf", 12, 1, 30),
 *         Map.of("properties.encryption.keyVaultProperties.keyUri", SourceLocation.at("modules/backup/main.tf", 20, 5)));
 * origin.locationOf("properties.encryption.keyVaultProperties.keyUri"); // line 20
 * origin.locationOf("properties.enableSoftDelete");                    // the declaration, line 12
 * }</pre>
 *
 * @param input       the file that was read, as given
 * @param address     the resource's address in it, unique within the file and stable when lines move
 * @param declaration where the resource is declared
 * @param properties  where properties are set, by dotted ARM path ({@code properties.enablePurgeProtection})
 */
public record Origin(String input, String address, SourceLocation declaration, Map<String, SourceLocation> properties) {

    public Origin {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(declaration, "declaration");
        properties = Map.copyOf(properties);
    }

    /**
     * Where the value at a dotted path is set: the path itself, else the nearest enclosing path that is set in the
     * file ({@code properties.encryption} for {@code properties.encryption.kekIdentity}), else the declaration.
     */
    public SourceLocation locationOf(String path) {
        return setAt(path).orElse(declaration);
    }

    private Optional<SourceLocation> setAt(String path) {
        return DottedPaths.nearest(properties, path);
    }

    /**
     * The place that decides a result on the resource {@code resourceId} this origin belongs to: the first value the
     * evidence read on it that the file sets, else the declaration.
     */
    public SourceLocation decidingLocation(Evidence evidence, String resourceId) {
        for (Observation observation : evidence.observations()) {
            if (observation.kind() != Observation.Kind.NOTE && observation.resourceId().equals(resourceId)) {
                Optional<SourceLocation> set = setAt(observation.path());
                if (set.isPresent()) {
                    return set.get();
                }
            }
        }
        return declaration;
    }
}
