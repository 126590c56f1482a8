package dev.lensix.input.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lensix.policy.language.CoreFunctions;
import dev.lensix.policy.language.Expression;
import dev.lensix.policy.language.ExpressionException;
import dev.lensix.policy.language.FunctionLibrary;
import dev.lensix.policy.language.LanguageFunction;
import dev.lensix.policy.language.Scope;
import dev.lensix.policy.language.Values;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The functions of an ARM template: the core ones Azure Policy shares, plus those that read the deployment
 * ({@code parameters}, {@code variables}, {@code resourceId}, {@code resourceGroup}, {@code reference},
 * {@code copyIndex} ...). Functions whose value Resource Manager learns only while deploying ({@code list*},
 * {@code newGuid}, {@code utcNow}, {@code reference} to a resource deployed elsewhere) raise
 * {@link KnownAtDeployment}.
 */
final class TemplateFunctions {

    /** The suffixes and endpoints of the Azure public cloud, as {@code environment()} gives them. */
    private static final ObjectNode AZURE_CLOUD = azureCloud();

    static final FunctionLibrary LIBRARY = CoreFunctions.LIBRARY.with(List.of(
            fn("parameters", 1, 1, (args, scope) -> deployment(scope).parameter(text(args, 0, scope, "parameters"))),
            fn("variables", 1, 1, (args, scope) -> deployment(scope).variable(text(args, 0, scope, "variables"))),
            fn("resourceId", 2, Integer.MAX_VALUE, (args, scope) -> Values.NODES.textNode(resourceId(texts(args, scope, "resourceId"),
                    deployment(scope).scope()))),
            fn("subscriptionResourceId", 2, Integer.MAX_VALUE, (args, scope) -> Values.NODES.textNode(
                    subscriptionResourceId(texts(args, scope, "subscriptionResourceId"), deployment(scope).scope()))),
            fn("tenantResourceId", 2, Integer.MAX_VALUE, (args, scope) -> Values.NODES.textNode(
                    ResourceNames.idUnder("", texts(args, scope, "tenantResourceId")))),
            fn("extensionResourceId", 3, Integer.MAX_VALUE, (args, scope) -> {
                List<String> parts = texts(args, scope, "extensionResourceId");
                return Values.NODES.textNode(ResourceNames.idUnder(parts.get(0), parts.subList(1, parts.size())));
            }),
            fn("resourceGroup", 0, 0, (args, scope) -> resourceGroup(deployment(scope).scope())),
            fn("subscription", 0, 0, (args, scope) -> subscription(deployment(scope).scope())),
            fn("tenant", 0, 0, (args, scope) -> {
                ObjectNode tenant = Values.NODES.objectNode();
                String id = deployment(scope).scope().tenantId();
                return tenant.put("countryCode", "").put("displayName", "").put("id", "/tenants/" + id).put("tenantId", id);
            }),
            fn("deployment", 0, 0, (args, scope) -> {
                ObjectNode deployment = Values.NODES.objectNode().put("name", deployment(scope).name());
                deployment.putObject("properties").put("templateHash", "");
                return deployment;
            }),
            fn("environment", 0, 0, (args, scope) -> AZURE_CLOUD.deepCopy()),
            fn("copyIndex", 0, 2, TemplateFunctions::copyIndex),
            fn("reference", 1, 3, (args, scope) -> deployment(scope).reference(text(args, 0, scope, "reference"),
                    args.size() == 3 && text(args, 2, scope, "reference").equalsIgnoreCase("full"))),
            fn("resourceInfo", 1, 1, (args, scope) -> deployment(scope).resourceInfo(text(args, 0, scope, "resourceInfo"))),
            fn("newGuid", 0, 0, (args, scope) -> {
                throw new KnownAtDeployment("known only at deployment: newGuid() makes a new value at each one");
            }),
            fn("utcNow", 0, 1, (args, scope) -> {
                throw new KnownAtDeployment("known only at deployment: utcNow() is its time");
            }),
            fn("uri", 2, 2, TemplateFunctions::uri),
            fn("items", 1, 1, TemplateFunctions::items),
            fn("objectKeys", 1, 1, (args, scope) -> {
                ArrayNode keys = Values.NODES.arrayNode();
                object(args.get(0).eval(scope), "objectKeys").fieldNames().forEachRemaining(keys::add);
                return keys;
            }),
            secret("list"), secret("listKeys"), secret("listSecrets"), secret("listConnectionStrings"),
            secret("listAccountSas"), secret("listServiceSas"), secret("listCredentials"), secret("listCredential"),
            secret("listAdminKeys"), secret("listQueryKeys"), secret("listCallbackUrl")));

    private TemplateFunctions() {
    }

    private static LanguageFunction fn(String spelled, int min, int max, LanguageFunction.Body body) {
        return LanguageFunction.of(spelled, min, max, body);
    }

    private static LanguageFunction secret(String name) {
        return fn(name, 1, 3, (args, scope) -> {
            throw new KnownAtDeployment("known only at deployment: " + name + "() reads it from Azure");
        });
    }

    private static TemplateDeployment deployment(Scope scope) {
        return ((TemplateScope) scope).deployment(); // this library is only ever a TemplateScope's
    }

    private static String text(List<Expression> args, int index, Scope scope, String function) {
        return CoreFunctions.text(args.get(index).eval(scope), function);
    }

    private static List<String> texts(List<Expression> args, Scope scope, String function) {
        List<String> texts = new ArrayList<>();
        args.forEach(arg -> texts.add(CoreFunctions.text(arg.eval(scope), function)));
        return texts;
    }

    /** {@code resourceId([subscriptionId], [resourceGroupName], type, name...)}. */
    static String resourceId(List<String> parts, DeploymentScope scope) {
        int type = typeIndex(parts, "resourceId");
        String subscription = type == 2 ? parts.get(0) : scope.subscriptionId();
        String group = type >= 1 ? parts.get(type - 1) : scope.resourceGroup();
        if (type > 2) {
            throw new ExpressionException("resourceId() takes at most a subscription and a resource group before the type");
        }
        return ResourceNames.idUnder("/subscriptions/" + subscription + "/resourceGroups/" + group,
                parts.subList(type, parts.size()));
    }

    static String subscriptionResourceId(List<String> parts, DeploymentScope scope) {
        int type = typeIndex(parts, "subscriptionResourceId");
        if (type > 1) {
            throw new ExpressionException("subscriptionResourceId() takes at most a subscription before the type");
        }
        String subscription = type == 1 ? parts.get(0) : scope.subscriptionId();
        return ResourceNames.idUnder("/subscriptions/" + subscription, parts.subList(type, parts.size()));
    }

    /** The first part that is a resource type ({@code Microsoft.KeyVault/vaults}). */
    private static int typeIndex(List<String> parts, String function) {
        for (int i = 0; i < parts.size(); i++) {
            if (ResourceNames.isType(parts.get(i))) {
                return i;
            }
        }
        throw new ExpressionException(function + "() is given no resource type (Namespace/type)");
    }

    private static JsonNode resourceGroup(DeploymentScope scope) {
        ObjectNode group = Values.NODES.objectNode()
                .put("id", scope.resourceGroupId())
                .put("name", scope.resourceGroup())
                .put("type", "Microsoft.Resources/resourceGroups")
                .put("location", scope.location());
        group.putObject("properties").put("provisioningState", "Succeeded");
        return group;
    }

    private static JsonNode subscription(DeploymentScope scope) {
        return Values.NODES.objectNode()
                .put("id", scope.subscriptionScopeId())
                .put("subscriptionId", scope.subscriptionId())
                .put("tenantId", scope.tenantId())
                .put("displayName", scope.subscriptionId());
    }

    private static JsonNode copyIndex(List<Expression> args, Scope scope) {
        TemplateScope template = (TemplateScope) scope;
        String loop = null;
        long offset = 0;
        for (Expression arg : args) {
            JsonNode value = arg.eval(scope);
            if (value.isTextual() && loop == null && offset == 0 && !value.textValue().strip().matches("-?\\d+")) {
                loop = value.textValue();
            } else {
                offset = CoreFunctions.integer(value, "copyIndex");
            }
        }
        return Values.integer(template.copyIndex(loop) + offset);
    }

    private static JsonNode uri(List<Expression> args, Scope scope) {
        String base = CoreFunctions.text(args.get(0).eval(scope), "uri");
        String relative = CoreFunctions.text(args.get(1).eval(scope), "uri");
        try {
            return Values.NODES.textNode(new URI(base).resolve(relative).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new ExpressionException("uri() was given '" + base + "', which is not a URI");
        }
    }

    private static JsonNode items(List<Expression> args, Scope scope) {
        ArrayNode items = Values.NODES.arrayNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = object(args.get(0).eval(scope), "items").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            items.addObject().put("key", entry.getKey()).set("value", entry.getValue());
        }
        return items;
    }

    private static JsonNode object(JsonNode value, String function) {
        if (!value.isObject()) {
            throw new ExpressionException(function + "() needs an object, not " + Values.describe(value));
        }
        return value;
    }

    private static ObjectNode azureCloud() {
        ObjectNode cloud = Values.NODES.objectNode()
                .put("name", "AzureCloud")
                .put("gallery", "https://gallery.azure.com/")
                .put("graph", "https://graph.windows.net/")
                .put("portal", "https://portal.azure.com")
                .put("resourceManager", "https://management.azure.com/")
                .put("vmImageAliasDoc", "");
        cloud.putObject("authentication")
                .put("loginEndpoint", "https://login.microsoftonline.com/")
                .put("audiences", "https://management.core.windows.net/")
                .put("tenant", "common")
                .put("identityProvider", "AAD");
        cloud.putObject("suffixes")
                .put("acrLoginServer", ".azurecr.io")
                .put("azureDatalakeAnalyticsCatalogAndJob", "azuredatalakeanalytics.net")
                .put("azureDatalakeStoreFileSystem", "azuredatalakestore.net")
                .put("azureFrontDoorEndpointSuffix", "azurefd.net")
                .put("keyvaultDns", ".vault.azure.net")
                .put("sqlServerHostname", ".database.windows.net")
                .put("storage", "core.windows.net");
        return cloud;
    }
}
