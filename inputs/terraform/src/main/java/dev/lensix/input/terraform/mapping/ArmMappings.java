package dev.lensix.input.terraform.mapping;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Terraform resource types lensix reads, one {@link ArmMapping} each. Add a type by writing its mapping and
 * listing it here; resources of other types are counted and not evaluated (no check reads them).
 *
 * <pre>{@code
 * ArmMappings.standard().of("azurerm_key_vault").orElseThrow().armType(instance); // "Microsoft.KeyVault/vaults"
 * }</pre>
 */
public final class ArmMappings {

    private static final ArmMappings STANDARD = new ArmMappings(List.of(
            new RecoveryServicesVaultMapping(),
            new KeyVaultMapping(),
            new KeyVaultKeyMapping(),
            new KeyVaultAccessPolicyMapping(),
            new RoleAssignmentMapping(),
            new DiagnosticSettingMapping(),
            new UserAssignedIdentityMapping(),
            new AzapiResourceMapping()));

    private final Map<String, ArmMapping> byType;

    public ArmMappings(List<ArmMapping> mappings) {
        this.byType = mappings.stream().collect(Collectors.toUnmodifiableMap(ArmMapping::terraformType, Function.identity()));
    }

    public static ArmMappings standard() {
        return STANDARD;
    }

    public Optional<ArmMapping> of(String terraformType) {
        return Optional.ofNullable(byType.get(terraformType));
    }

    /** The Terraform types mapped, sorted. */
    public List<String> types() {
        return byType.keySet().stream().sorted().toList();
    }
}
