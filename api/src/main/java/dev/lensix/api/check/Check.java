package dev.lensix.api.check;

import dev.lensix.api.resource.Inventory;
import dev.lensix.api.resource.Resource;
import org.pf4j.ExtensionPoint;

/**
 * A posture check: evaluated once on every resource of its {@link CheckDescriptor#targetType() target type}.
 *
 * <p>A check is a pure function of the inventory: no network, no files, no clock of its own (inject a
 * {@link java.time.Clock} with {@code @jakarta.inject.Inject}), and thread-safe. It never turns missing data
 * into PASS: when what it needs was not collected it returns {@link Verdict#error}. An exception it throws
 * becomes an ERROR result for that resource and the scan goes on.
 *
 * <pre>{@code
 * @Extension
 * public final class VaultHasTagsCheck implements Check {
 *     static final CheckDescriptor DESCRIPTOR = CheckDescriptor.builder("kv_untagged")...build();
 *
 *     public CheckDescriptor descriptor() { return DESCRIPTOR; }
 *
 *     public Verdict evaluate(Resource vault, Inventory inventory) {
 *         Evidence.Builder evidence = Evidence.builder();
 *         JsonNode owner = evidence.read(vault, "/tags/owner");
 *         return owner.isTextual()
 *             ? Verdict.pass("vault has an owner", evidence.build())
 *             : Verdict.fail("vault has no owner tag", evidence.build());
 *     }
 * }
 * }</pre>
 */
public interface Check extends ExtensionPoint {

    /** The check's metadata; the same object on every call. */
    CheckDescriptor descriptor();

    /**
     * Whether this check has anything to say about {@code resource}. A resource it does not apply to
     * gets no result at all (not a PASS). Defaults to every resource of the target type.
     */
    default boolean appliesTo(Resource resource, Inventory inventory) {
        return true;
    }

    /** Evaluates {@code resource}, reading related resources from {@code inventory} only. */
    Verdict evaluate(Resource resource, Inventory inventory);
}
