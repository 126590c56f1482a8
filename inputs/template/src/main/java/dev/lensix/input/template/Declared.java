package dev.lensix.input.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lensix.policy.language.ExpressionException;
import dev.lensix.policy.language.Values;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One resource a template declares, placed (id, type, name) when the template is read and evaluated only when its
 * body is wanted: by the scan, or by another resource's {@code reference()}.
 *
 * <pre>{@code
 * Declared vault = deployment.declared().get(0);
 * vault.body();     // {"id": ".../vaults/rsv-prod", "type": "Microsoft.RecoveryServices/vaults", "properties": {...}}
 * vault.notKnown(); // {"/properties/encryption/keyVaultProperties/keyUri": "listKeys() reads from Azure at deployment"}
 * }</pre>
 */
final class Declared {

    /** What the declaration is. */
    enum Kind {
        /** Deployed by the template. */
        RESOURCE,
        /** {@code "existing": true}: only referred to, deployed elsewhere. */
        EXISTING,
        /** A nested deployment ({@code Microsoft.Resources/deployments}). */
        DEPLOYMENT
    }

    /** Template keywords of a resource declaration that are not part of the deployed resource. */
    private static final Set<String> KEYWORDS = Set.of("apiversion", "dependson", "condition", "copy", "comments",
            "scope", "resources", "existing", "id", "name", "type", "subscriptionid", "resourcegroup", "import");

    private enum State { PENDING, EVALUATING, DONE }

    private final Kind kind;
    private final ResourceNames.Placed placed;
    private final String address;
    private final JsonNode source;
    private final String pointer;
    private final TemplateScope scope;
    private final Optional<String> conditionNotKnown;
    private final TemplateDeployment nested;

    private State state = State.PENDING;
    private ObjectNode body;
    private final Map<String, String> notKnown = new LinkedHashMap<>();

    Declared(Kind kind, ResourceNames.Placed placed, String address, JsonNode source, String pointer, TemplateScope scope,
             Optional<String> conditionNotKnown, TemplateDeployment nested) {
        this.kind = kind;
        this.placed = placed;
        this.address = address;
        this.source = source;
        this.pointer = pointer;
        this.scope = scope;
        this.conditionNotKnown = conditionNotKnown;
        this.nested = nested;
    }

    Kind kind() {
        return kind;
    }

    String id() {
        return placed.id();
    }

    String type() {
        return placed.type();
    }

    String name() {
        return placed.name();
    }

    /** The name as the template gives it, with its parents' ({@code vault/key}). */
    String fullName() {
        return placed.fullName();
    }

    /** The address reports name it by: the symbolic name, or type and name; a nested deployment's before it. */
    String address() {
        return address;
    }

    /** The declaration's JSON in the file, before evaluation. */
    JsonNode source() {
        return source;
    }

    /** Where the declaration is in the file, as a JSON pointer. */
    String pointer() {
        return pointer;
    }

    TemplateDeployment nested() {
        return nested;
    }

    /** The resource as it will be deployed, with what is known only at deployment left out (see {@link #notKnown}). */
    ObjectNode body() {
        if (state == State.EVALUATING) {
            throw new KnownAtDeployment("known only at deployment: " + placed.id() + " refers to its own deployed state");
        }
        if (state == State.PENDING) {
            state = State.EVALUATING;
            try {
                body = evaluate();
            } finally {
                state = State.DONE;
            }
        }
        return body;
    }

    /** JSON pointers in {@link #body} to why each is not known before deployment. */
    Map<String, String> notKnown() {
        body();
        return notKnown;
    }

    private ObjectNode evaluate() {
        ObjectNode arm = Values.NODES.objectNode();
        arm.put("id", placed.id());
        arm.put("name", placed.name());
        arm.put("type", placed.type());
        for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            if (KEYWORDS.contains(member.getKey().toLowerCase(java.util.Locale.ROOT))) {
                continue;
            }
            JsonNode value = scope.deployment().evaluate(member.getValue(), scope, "/" + member.getKey(), notKnown);
            if (value != null) {
                arm.set(member.getKey(), value);
            }
        }
        DeployedState.complete(arm);
        conditionNotKnown.ifPresent(reason -> {
            notKnown.put("/properties", reason);
            notKnown.put("", reason); // whether it is deployed at all: Resource.deploymentNotKnown
        });
        return arm;
    }

    /** The resource as {@code reference()} sees it once deployed: what the template sets, the rest not known. */
    JsonNode deployed(boolean full) {
        if (kind == Kind.EXISTING) {
            throw new KnownAtDeployment("known only at deployment: read from " + placed.id() + ", which the template"
                    + " refers to as existing (deployed elsewhere)");
        }
        if (kind == Kind.DEPLOYMENT) {
            ObjectNode deployment = Values.NODES.objectNode();
            deployment.putObject("properties");
            deployment.set("outputs", nested.outputsObject());
            Map<String, String> reasons = new HashMap<>(nested.outputsNotKnown());
            reasons.putAll(notKnown);
            return DeployedState.view(deployment, "", reasons, "the deployment " + address);
        }
        ObjectNode arm = body();
        if (full) {
            return DeployedState.view(arm, "", notKnown, placed.id());
        }
        JsonNode properties = arm.path("properties");
        if (!properties.isObject()) {
            String reason = notKnown.get("/properties");
            throw new KnownAtDeployment(reason != null ? reason : "known only at deployment: the properties of "
                    + placed.id() + " are set by Azure");
        }
        return DeployedState.view((ObjectNode) properties, "/properties", notKnown, placed.id());
    }

    /** What {@code resourceInfo('symbolicName')} gives. */
    JsonNode info() {
        ObjectNode info = Values.NODES.objectNode().put("id", placed.id()).put("name", placed.name()).put("type", placed.type());
        JsonNode apiVersion = source.path("apiVersion");
        if (apiVersion.isTextual()) {
            info.put("apiVersion", apiVersion.textValue());
        }
        return info;
    }

    static ExpressionException notDeclared(String what) {
        return new KnownAtDeployment("known only at deployment: read from " + what + ", which this template does not deploy");
    }
}
