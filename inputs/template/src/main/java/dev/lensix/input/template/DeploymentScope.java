package dev.lensix.input.template;

import dev.lensix.api.input.InputException;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a template is deployed, which decides the ids it gives its resources: {@code --scope
 * /subscriptions/ID/resourceGroups/NAME}, or, without it, {@link #PLACEHOLDER}. Only ids depend on it: every check
 * compares ids within the deployment, so verdicts are the same under any scope.
 *
 * <pre>{@code
 * DeploymentScope scope = DeploymentScope.parse("/subscriptions/1111.../resourceGroups/backup-prod");
 * scope.resourceGroupId(); // "/subscriptions/1111.../resourceGroups/backup-prod"
 * }</pre>
 *
 * @param subscriptionId the subscription's id
 * @param resourceGroup  the resource group's name
 * @param location       what {@code resourceGroup().location} gives
 * @param tenantId       what {@code subscription().tenantId} and {@code tenant().tenantId} give
 */
public record DeploymentScope(String subscriptionId, String resourceGroup, String location, String tenantId) {

    static final String ZERO_GUID = "00000000-0000-0000-0000-000000000000";
    /** The scope of a scan given no {@code --scope}, as documented in the README. */
    public static final DeploymentScope PLACEHOLDER = new DeploymentScope(ZERO_GUID, "lensix-template-rg", "westeurope", ZERO_GUID);

    private static final Pattern RESOURCE_GROUP = Pattern.compile(
            "/subscriptions/([^/]+)/resourceGroups/([^/]+)/?", Pattern.CASE_INSENSITIVE);

    public static DeploymentScope parse(String scope) throws InputException {
        Matcher m = RESOURCE_GROUP.matcher(scope.strip());
        if (!m.matches()) {
            throw new InputException("--scope " + scope + ": give a resource group as /subscriptions/ID/resourceGroups/NAME");
        }
        return new DeploymentScope(m.group(1).toLowerCase(Locale.ROOT), m.group(2), PLACEHOLDER.location(), PLACEHOLDER.tenantId());
    }

    /** The same subscription, another resource group: a nested deployment's {@code resourceGroup}. */
    DeploymentScope inResourceGroup(String name) {
        return new DeploymentScope(subscriptionId, name, location, tenantId);
    }

    DeploymentScope inSubscription(String id) {
        return new DeploymentScope(id, resourceGroup, location, tenantId);
    }

    String subscriptionScopeId() {
        return "/subscriptions/" + subscriptionId;
    }

    String resourceGroupId() {
        return subscriptionScopeId() + "/resourceGroups/" + resourceGroup;
    }
}
