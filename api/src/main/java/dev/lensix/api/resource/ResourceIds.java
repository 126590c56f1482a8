package dev.lensix.api.resource;

import java.util.Locale;
import java.util.Optional;

/**
 * Reading ARM resource ids, case-insensitively as ARM compares them.
 *
 * <pre>{@code
 * ResourceIds.subscriptionId("/subscriptions/0b1f.../resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv")
 *     // Optional[0b1f...]
 * ResourceIds.parentId(".../vaults/kv/keys/k1")                  // Optional[.../vaults/kv]
 * ResourceIds.parentId(".../vaults/kv/providers/Microsoft.Insights/diagnosticSettings/d") // Optional[.../vaults/kv]
 * ResourceIds.isWithin(".../vaults/kv/keys/k1", "/subscriptions/0b1f...")  // true: a role assignment there covers the key
 * }</pre>
 */
public final class ResourceIds {

    private ResourceIds() {
    }

    /** The canonical form ids are compared and indexed by. */
    public static String key(String id) {
        String trimmed = id.strip();
        while (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    public static Optional<String> subscriptionId(String id) {
        return segmentAfter(id, "subscriptions");
    }

    public static Optional<String> resourceGroup(String id) {
        return segmentAfter(id, "resourceGroups");
    }

    /** The last segment of the id, the resource's own name. */
    public static String lastSegment(String id) {
        String text = trimmed(id);
        return text.substring(text.lastIndexOf('/') + 1);
    }

    /**
     * The id of the resource this one is a child or an extension of: {@code .../vaults/kv} for
     * {@code .../vaults/kv/keys/k1}, for {@code .../vaults/kv/providers/Microsoft.Insights/diagnosticSettings/d}
     * and for the short form {@code .../vaults/kv/diagnosticSettings/d}. Empty for a top-level resource.
     */
    public static Optional<String> parentId(String id) {
        // the segments as {@link #segments} gives them, found by where each ends instead of split into strings
        String text = trimmed(id);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        int count = 1;
        for (int i = text.indexOf('/'); i >= 0; i = text.indexOf('/', i + 1)) {
            count++;
        }
        int[] ends = new int[count];
        int k = 0;
        for (int i = text.indexOf('/'); i >= 0; i = text.indexOf('/', i + 1)) {
            ends[k++] = i;
        }
        ends[count - 1] = text.length();
        int lastProviders = -1;
        int firstProviders = -1;
        for (int i = 0; i < count; i += 2) {
            if (isProviders(text, ends, i)) {
                lastProviders = i;
                firstProviders = firstProviders < 0 ? i : firstProviders;
            }
        }
        if (lastProviders < 0) {
            return Optional.empty();
        }
        int afterNamespace = count - (lastProviders + 2);
        if (afterNamespace > 2 && afterNamespace % 2 == 0) {
            return Optional.of("/" + text.substring(0, ends[count - 3]));
        }
        // an extension resource: its parent is the resource id before the last providers, if that is one
        if (afterNamespace == 2 && firstProviders < lastProviders && lastProviders - (firstProviders + 2) >= 2) {
            return Optional.of("/" + text.substring(0, ends[lastProviders - 1]));
        }
        return Optional.empty();
    }

    /**
     * ARM ids alternate keyword and value ({@code subscriptions/S/resourceGroups/R/providers/NS/type/name/...}), and
     * {@code providers NS} keeps that rhythm: the keyword sits at an even index, a resource named "providers" at an odd one.
     */
    private static boolean isProviders(String text, int[] ends, int index) {
        int start = index == 0 ? 0 : ends[index - 1] + 1;
        return ends[index] - start == PROVIDERS.length() && text.regionMatches(true, start, PROVIDERS, 0, PROVIDERS.length());
    }

    private static final String PROVIDERS = "providers";

    /** The id stripped, without slashes at either end. */
    private static String trimmed(String id) {
        String text = id.strip();
        int start = afterLeadingSlashes(text);
        return text.substring(start, beforeTrailingSlashes(text, start));
    }

    private static int afterLeadingSlashes(String text) {
        int start = 0;
        while (start < text.length() && text.charAt(start) == '/') {
            start++;
        }
        return start;
    }

    private static int beforeTrailingSlashes(String text, int start) {
        int end = text.length();
        while (end > start && text.charAt(end - 1) == '/') {
            end--;
        }
        return end;
    }

    /**
     * True when {@code id} is {@code scope} itself or lies below it, as Azure RBAC inherits: {@code scope}'s segments
     * are a prefix of {@code id}'s, compared case-insensitively, whole segments only ({@code .../vaults/kv} covers
     * {@code .../vaults/kv/keys/k1} but not {@code .../vaults/kv2}). The root scope {@code /} covers every id. A
     * management group scope covers no id here, since an id does not say which management group holds its
     * subscription. A blank scope or id is within nothing.
     */
    public static boolean isWithin(String id, String scope) {
        if (scope == null || scope.isBlank() || id == null || id.isBlank()) {
            return false;
        }
        String[] scopeSegments = segments(scope);
        String[] idSegments = segments(id);
        if (scopeSegments.length > idSegments.length) {
            return false;
        }
        for (int i = 0; i < scopeSegments.length; i++) {
            if (!scopeSegments[i].equalsIgnoreCase(idSegments[i])) {
                return false;
            }
        }
        return true;
    }

    /** The first non-empty segment after a segment equal to {@code name}: {@link #segments} without splitting. */
    private static Optional<String> segmentAfter(String id, String name) {
        // within the slashes trimmed() would cut, without copying the id for every result that names its group
        String text = id.strip();
        int segment = afterLeadingSlashes(text);
        int end = beforeTrailingSlashes(text, segment);
        while (segment < end) {
            int slash = segmentEnd(text, segment, end);
            if (slash < end && slash - segment == name.length() && text.regionMatches(true, segment, name, 0, name.length())) {
                int next = segmentEnd(text, slash + 1, end);
                if (next > slash + 1) {
                    return Optional.of(text.substring(slash + 1, next));
                }
            }
            segment = slash + 1;
        }
        return Optional.empty();
    }

    private static int segmentEnd(String text, int from, int end) {
        int slash = text.indexOf('/', from);
        return slash < 0 || slash > end ? end : slash;
    }

    private static String[] segments(String id) {
        String trimmed = trimmed(id);
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
