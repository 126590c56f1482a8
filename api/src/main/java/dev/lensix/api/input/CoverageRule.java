package dev.lensix.api.input;

import dev.lensix.api.resource.Coverage;
import dev.lensix.api.resource.Resource;

import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether resources of a type were collected for a scope (a resource, for its children and extension
 * resources, or the subscription it is in). An input states it in {@link Collected}; the inventory answers
 * {@code Inventory.coverage} with it.
 *
 * <pre>{@code
 * CoverageRule plain = CoverageRule.typesSeen(typesSeen, resources);
 * CoverageRule rule = (type, scope) -> ledger.find(type, scope).orElseGet(() -> plain.coverage(type, scope));
 * }</pre>
 */
@FunctionalInterface
public interface CoverageRule {

    Coverage coverage(String type, Resource scope);

    /**
     * The rule of plain exports: a type was collected when any resource of it was seen, kept or not, anywhere in
     * the inputs. Types compare ignoring case.
     *
     * @param typesSeen every type seen, kept or not
     * @param resources the resources kept; their types count as seen
     */
    static CoverageRule typesSeen(Collection<String> typesSeen, Collection<Resource> resources) {
        Set<String> seen = new HashSet<>();
        typesSeen.forEach(type -> seen.add(typeKey(type)));
        Set<String> spellings = new HashSet<>();
        resources.forEach(resource -> spellings.add(resource.type()));
        spellings.forEach(type -> seen.add(typeKey(type)));
        return (type, scope) -> seen.contains(typeKey(type))
                ? Coverage.COLLECTED
                : Coverage.notCollected("no " + type + " resources were in the inputs");
    }

    /**
     * True for a type whose resources belong to another resource: a child ({@code Microsoft.KeyVault/vaults/keys}) or
     * one of the extension types the checks read ({@code Microsoft.Insights/diagnosticSettings},
     * {@code Microsoft.Authorization/roleAssignments}). A file that declares a resource declares all of these it
     * will have, which is how plan and template inputs answer for them.
     */
    static boolean belongsToAResource(String type) {
        String key = typeKey(type);
        int end = key.length();
        while (end > 0 && key.charAt(end - 1) == '/') {
            end--;
        }
        int first = key.indexOf('/');
        boolean child = first >= 0 && first < end && key.lastIndexOf('/', end - 1) > first; // three steps or more
        return child || key.equals("microsoft.insights/diagnosticsettings")
                || key.equals("microsoft.authorization/roleassignments");
    }

    private static String typeKey(String type) {
        return type.strip().toLowerCase(Locale.ROOT);
    }
}
