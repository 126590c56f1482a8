package dev.lensix.api.input;

import dev.lensix.api.check.CheckDescriptor;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where a scan's resources come from: snapshot files, live Azure. Given the checks that will run, an input reads
 * the resources of the types they evaluate or read (it may read more) and says what it could not collect.
 *
 * <pre>{@code
 * final class FolderInput implements Input {
 *     public Collected read(List<CheckDescriptor> checks) throws InputException {
 *         Set<String> wanted = Input.typesRead(checks);
 *         List<Resource> resources = readFolder().stream()
 *                 .filter(resource -> wanted.contains(resource.type().toLowerCase(Locale.ROOT))).toList();
 *         return new Collected(List.of(folder.toString()), resources, ledger, List.of());
 *     }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface Input {

    /**
     * Reads what {@code checks} need.
     *
     * @throws InputException when the input cannot be read at all; the message is one line for the user
     */
    Collected read(List<CheckDescriptor> checks) throws InputException;

    /** Every resource type the checks evaluate or read, lower-cased. */
    static Set<String> typesRead(List<CheckDescriptor> checks) {
        Set<String> types = new HashSet<>();
        for (CheckDescriptor descriptor : checks) {
            types.add(descriptor.targetType().toLowerCase(Locale.ROOT));
            descriptor.relatedTypes().forEach(type -> types.add(type.toLowerCase(Locale.ROOT)));
        }
        return types;
    }
}
