package dev.lensix.input.terraform;

import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.input.Collected;
import dev.lensix.api.input.CollectionLedger;
import dev.lensix.api.input.CoverageRule;
import dev.lensix.api.input.Input;
import dev.lensix.api.input.InputException;
import dev.lensix.api.report.ScanProblem;
import dev.lensix.api.resource.Coverage;
import dev.lensix.api.resource.Resource;
import dev.lensix.input.terraform.mapping.ArmMappings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Terraform plans as an input: the JSON of {@code terraform show -json PLANFILE}, each resource of a type lensix
 * maps ({@link ArmMappings}) in the ARM shape it will have once applied, with the {@code .tf} line that declares it.
 *
 * <pre>{@code
 * ScanReport report = scanner.scan(new TerraformPlanInput(List.of(Path.of("plan.json")), Path.of(".")), checks, problems);
 * }</pre>
 *
 * <p>What a plan covers: the children and extension resources (keys, diagnostic settings, role assignments) of a
 * resource it declares are all it will have once applied, so a Key Vault the plan creates without a diagnostic
 * setting has none. Resources deployed outside the plan (the Key Vault of a key it does not declare) are not in it,
 * and what rests on them is not known.
 */
public final class TerraformPlanInput implements Input {

    /** The child and extension types the mappings make. */
    private static final Set<String> DECLARED_CHILD_TYPES = Set.of("microsoft.keyvault/vaults/keys",
            "microsoft.insights/diagnosticsettings", "microsoft.authorization/roleassignments");

    private final List<Path> plans;
    private final List<String> scope;
    private final Path sourceRoot;

    /**
     * @param plans      plan JSON files
     * @param scope      the inputs as the user gave them, for reports
     * @param sourceRoot the folder source paths in reports are relative to
     */
    public TerraformPlanInput(List<Path> plans, List<String> scope, Path sourceRoot) {
        this.plans = List.copyOf(plans);
        this.scope = List.copyOf(scope);
        this.sourceRoot = sourceRoot;
    }

    public TerraformPlanInput(List<Path> plans, Path sourceRoot) {
        this(plans, plans.stream().map(Path::toString).toList(), sourceRoot);
    }

    @Override
    public Collected read(List<CheckDescriptor> checks) throws InputException {
        List<Resource> resources = new ArrayList<>();
        List<ScanProblem> problems = new ArrayList<>();
        Set<String> childTypes = new HashSet<>(DECLARED_CHILD_TYPES);
        for (Path file : plans) {
            PlanDocument plan = PlanDocument.read(file);
            PlanTranslation.Translated translated = new PlanTranslation(plan,
                    new SourceFiles(file, sourceRoot, plan.configuration()), ArmMappings.standard()).translate();
            resources.addAll(translated.resources());
            problems.addAll(translated.problems());
        }
        // azapi resources may be of any type: their child and extension types count as declared too
        resources.forEach(resource -> {
            String type = resource.type().toLowerCase(Locale.ROOT);
            if (CoverageRule.belongsToAResource(type)) {
                childTypes.add(type);
            }
        });
        return new Collected(scope, resources, CollectionLedger.EMPTY, problems, coverage(childTypes));
    }

    private static CoverageRule coverage(Set<String> childTypes) {
        return (type, scope) -> {
            String lower = type.strip().toLowerCase(Locale.ROOT);
            boolean child = CoverageRule.belongsToAResource(lower);
            if (child && scope.origin().isPresent() && childTypes.contains(lower)) {
                return Coverage.COLLECTED;
            }
            return Coverage.notCollected(child
                    ? "a Terraform plan holds no " + type + " resources: lensix does not map them from a plan"
                    : "a Terraform plan holds only the resources it manages: " + type
                    + " resources deployed elsewhere are not in it");
        };
    }
}
