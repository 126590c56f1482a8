package dev.lensix.api.report;

import dev.lensix.api.resource.Origin;
import dev.lensix.api.resource.Resource;
import dev.lensix.api.resource.SharedStrings;

import java.util.Objects;
import java.util.Optional;

/**
 * The identity of the resource a result is about, as every report prints it. Unknown parts are
 * empty strings, never null.
 *
 * <pre>{@code
 * ResourceRef ref = ResourceRef.of(vault);
 * ref.subscriptionId(); // "0b1f6471-..."
 * }</pre>
 */
public record ResourceRef(String id, String type, String name, String subscriptionId, String resourceGroup,
                          String location, Optional<Origin> origin) {

    public ResourceRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(resourceGroup, "resourceGroup");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(origin, "origin");
    }

    /** A resource read from Azure or a snapshot: no file declares it. */
    public ResourceRef(String id, String type, String name, String subscriptionId, String resourceGroup, String location) {
        this(id, type, name, subscriptionId, resourceGroup, location, Optional.empty());
    }

    /** A tenant has a few subscriptions, groups and regions, each named by thousands of results (Azure's names: at most 90 characters). */
    private static final SharedStrings PARTS = new SharedStrings(65_536, 90);

    public static ResourceRef of(Resource resource) {
        return new ResourceRef(resource.id(), resource.type(), resource.name(),
                resource.subscriptionId().map(PARTS::shared).orElse(""), resource.resourceGroup().map(PARTS::shared).orElse(""),
                resource.location().map(PARTS::shared).orElse(""), resource.origin());
    }
}
