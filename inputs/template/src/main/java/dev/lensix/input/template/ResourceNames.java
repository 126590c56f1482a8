package dev.lensix.input.template;

import dev.lensix.policy.language.ExpressionException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How Resource Manager makes an id from a type and a name: {@code Microsoft.KeyVault/vaults/keys} named
 * {@code kv/cmk} under a resource group is {@code .../providers/Microsoft.KeyVault/vaults/kv/keys/cmk}; an extension
 * type written the old way, {@code Microsoft.KeyVault/vaults/providers/diagnosticSettings} named
 * {@code kv/Microsoft.Insights/audit}, is the diagnostic setting {@code audit} on the vault {@code kv}.
 *
 * <pre>{@code
 * ResourceNames.Placed vault = ResourceNames.place(groupId, "Microsoft.KeyVault/vaults", "kv-prod");
 * vault.id();   // /subscriptions/.../resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-prod
 * vault.type(); // Microsoft.KeyVault/vaults
 * }</pre>
 */
final class ResourceNames {

    /** A resource placed: its id, its ARM type, its own name (the last segment) and the full name it was given. */
    record Placed(String id, String type, String name, String fullName) {
    }

    private ResourceNames() {
    }

    /** True for {@code Namespace.Name/type[/child...]}. */
    static boolean isType(String text) {
        int slash = text.indexOf('/');
        return slash > 0 && text.substring(0, slash).contains(".") && !text.startsWith("/") && !text.endsWith("/");
    }

    /** {@code resourceId()}'s rule: a type and one name per type segment, below {@code base}. */
    static String idUnder(String base, List<String> typeAndNames) {
        if (typeAndNames.isEmpty() || !isType(typeAndNames.get(0))) {
            throw new ExpressionException("a resource type (Namespace/type) is expected, not "
                    + (typeAndNames.isEmpty() ? "nothing" : "'" + typeAndNames.get(0) + "'"));
        }
        List<String> names = new ArrayList<>();
        typeAndNames.subList(1, typeAndNames.size()).forEach(name -> names.addAll(Arrays.asList(name.split("/"))));
        return place(base, typeAndNames.get(0), String.join("/", names)).id();
    }

    /**
     * The resource of {@code type} and (full, {@code /}-separated) {@code name} deployed below {@code base} (a
     * resource group's id, or the resource an extension resource's {@code scope} names).
     */
    static Placed place(String base, String type, String name) {
        String[] types = type.split("/");
        String[] names = name.split("/", -1);
        int providers = indexOfProviders(types);
        if (providers < 0) {
            if (names.length != types.length - 1) {
                throw new ExpressionException("the name '" + name + "' has " + names.length + " segment"
                        + (names.length == 1 ? "" : "s") + ", and the type " + type + " needs " + (types.length - 1));
            }
            return new Placed(base + "/providers/" + types[0] + segmentsOf(types, 1, types.length, names, 0), type,
                    names[names.length - 1], name);
        }
        // Namespace/parent.../providers/extensionType...: the names are the parent's, the extension's namespace, its names
        int parentTypes = providers - 1;
        int extensionTypes = types.length - providers - 1;
        if (names.length != parentTypes + 1 + extensionTypes) {
            throw new ExpressionException("the name '" + name + "' does not fit the extension type " + type
                    + " (parent names, the extension's namespace, then its names)");
        }
        String parentId = base + "/providers/" + types[0] + segmentsOf(types, 1, providers, names, 0);
        String namespace = names[parentTypes];
        String extensionType = namespace + "/" + String.join("/", Arrays.copyOfRange(types, providers + 1, types.length));
        String id = parentId + "/providers/" + namespace + segmentsOf(types, providers + 1, types.length, names, parentTypes + 1);
        return new Placed(id, extensionType, names[names.length - 1], name);
    }

    private static String segmentsOf(String[] types, int fromType, int toType, String[] names, int fromName) {
        StringBuilder path = new StringBuilder();
        for (int t = fromType, n = fromName; t < toType; t++, n++) {
            path.append('/').append(types[t]).append('/').append(names[n]);
        }
        return path.toString();
    }

    private static int indexOfProviders(String[] types) {
        for (int i = 1; i < types.length; i++) {
            if (types[i].equalsIgnoreCase("providers")) {
                return i;
            }
        }
        return -1;
    }

    /** The id of the resource an id of a child names: the id without its last type and name. */
    static String parentOf(String id) {
        String trimmed = id.endsWith("/") ? id.substring(0, id.length() - 1) : id;
        int last = trimmed.lastIndexOf('/');
        int type = last < 0 ? -1 : trimmed.lastIndexOf('/', last - 1);
        return type < 0 ? "" : trimmed.substring(0, type);
    }

    /** Ids compare ignoring case. */
    static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }
}
