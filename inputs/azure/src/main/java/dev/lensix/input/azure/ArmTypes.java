package dev.lensix.input.azure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one table of what lensix can collect from live Azure: for each ARM type, how it is listed and at
 * which pinned api-version. The README's "Live Azure" section shows the same table.
 *
 * <ul>
 *   <li>{@link Kind#SUBSCRIPTION} types are listed per subscription and provider type
 *       ({@code /subscriptions/S/providers/Microsoft.KeyVault/vaults}), never through the generic
 *       {@code /resources} listing, which carries no {@code properties};</li>
 *   <li>{@link Kind#CHILD} types are listed per parent ({@code VAULT_ID/keys});</li>
 *   <li>{@link Kind#SINGLETON} types are read per parent by name
 *       ({@code VAULT_ID/backupEncryptionConfigs/backupResourceEncryptionConfig});</li>
 *   <li>{@link Kind#EXTENSION} types are listed per resource they extend
 *       ({@code RESOURCE_ID/providers/Microsoft.Insights/diagnosticSettings}), for the resources of every
 *       host type (Key Vaults, Recovery Services vaults) that a check declaring them reads, as its target or
 *       as a related type.</li>
 * </ul>
 */
public final class ArmTypes {

    /** How a type is listed. */
    public enum Kind { SUBSCRIPTION, CHILD, SINGLETON, EXTENSION }

    /**
     * One row of the table.
     *
     * @param type           the ARM type, as ARM spells it
     * @param kind           how it is listed
     * @param apiVersion     the pinned api-version
     * @param parentType     the parent's type, for {@link Kind#CHILD} and {@link Kind#SINGLETON}
     * @param singletonName  the child's fixed name, for {@link Kind#SINGLETON}
     * @param filter         an OData {@code $filter} for the listing, or empty
     * @param detailPointer  a JSON pointer that a listed item may lack while a GET of the item has it; the
     *                       item is then read on its own ({@code /properties/rotationPolicy} of keys)
     * @param underScope     whether every item's id names the scope it was listed from
     * @param extensionHost  whether extension types (diagnostic settings, role assignments) are read per resource
     *                       of this type when a check that reads it declares them
     * @param note           what the README says about it
     */
    public record ArmType(String type, Kind kind, String apiVersion, String parentType, String singletonName,
                          String filter, String detailPointer, boolean underScope, boolean extensionHost, String note) {

        /** The last segment of the type, the path segment of a child ({@code keys}). */
        String childSegment() {
            return type.substring(type.lastIndexOf('/') + 1);
        }

        /** The path (no host) that lists or reads this type at {@code scope} (a subscription id or a parent's id). */
        String path(String scope) {
            String base = switch (kind) {
                case SUBSCRIPTION -> "/subscriptions/" + scope + "/providers/" + type;
                case CHILD -> trimSlash(scope) + "/" + childSegment();
                case SINGLETON -> trimSlash(scope) + "/" + childSegment() + "/" + singletonName;
                case EXTENSION -> trimSlash(scope) + "/providers/" + type;
            };
            return base + "?api-version=" + apiVersion + (filter.isEmpty() ? "" : "&$filter=" + filter);
        }
    }

    /** Listing the subscriptions the identity can see. */
    public static final String SUBSCRIPTIONS_API_VERSION = "2022-12-01";

    private static final Map<String, ArmType> TABLE = new LinkedHashMap<>();

    static {
        add(new ArmType("Microsoft.RecoveryServices/vaults", Kind.SUBSCRIPTION, "2025-02-01", "", "", "", "", false,
                true, "per subscription"));
        add(new ArmType("Microsoft.RecoveryServices/vaults/backupEncryptionConfigs", Kind.SINGLETON, "2024-04-01",
                "Microsoft.RecoveryServices/vaults", "backupResourceEncryptionConfig", "", "", true, false,
                "per vault: its one config, `backupResourceEncryptionConfig`"));
        add(new ArmType("Microsoft.KeyVault/vaults", Kind.SUBSCRIPTION, "2024-11-01", "", "", "", "", false, true,
                "per subscription"));
        add(new ArmType("Microsoft.KeyVault/vaults/keys", Kind.CHILD, "2024-11-01", "Microsoft.KeyVault/vaults", "", "",
                "/properties/rotationPolicy", true, false,
                "per vault; a key listed without `properties.rotationPolicy` is read on its own (GET)"));
        add(new ArmType("Microsoft.KeyVault/vaults/keys/versions", Kind.CHILD, "2024-11-01",
                "Microsoft.KeyVault/vaults/keys", "", "", "", true, false, "per key"));
        add(new ArmType("Microsoft.Insights/diagnosticSettings", Kind.EXTENSION, "2021-05-01-preview", "", "", "", "",
                true, false, "per resource the declaring check reads"));
        add(new ArmType("Microsoft.Authorization/roleAssignments", Kind.EXTENSION, "2022-04-01", "", "", "", "", false,
                false, "per resource the declaring check reads: the assignments at, above and below that scope, each"
                + " with its own id"));
        add(new ArmType("Microsoft.Authorization/roleDefinitions", Kind.SUBSCRIPTION, "2022-04-01", "", "", "", "", false,
                false, "per subscription, built-in and custom"));
        add(new ArmType("Microsoft.ManagedIdentity/userAssignedIdentities", Kind.SUBSCRIPTION, "2023-01-31", "", "", "",
                "", false, false, "per subscription"));
    }

    private ArmTypes() {
    }

    private static void add(ArmType type) {
        TABLE.put(key(type.type()), type);
    }

    /** The row for {@code type}, compared case-insensitively; empty when lensix cannot collect it. */
    public static Optional<ArmType> of(String type) {
        return Optional.ofNullable(TABLE.get(key(type)));
    }

    /** Every row, in table order. */
    public static List<ArmType> all() {
        return List.copyOf(TABLE.values());
    }

    static String key(String type) {
        return type.strip().toLowerCase(Locale.ROOT);
    }

    static String trimSlash(String id) {
        String trimmed = id.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
