package dev.lensix.api.resource;

import java.util.List;
import java.util.Optional;

/**
 * The immutable set of resources a scan sees. Ids and types compare case-insensitively.
 * Lists come sorted by id so that results are deterministic.
 *
 * <pre>{@code
 * for (Resource config : inventory.childrenOf(vault, "Microsoft.RecoveryServices/vaults/backupEncryptionConfigs")) { ... }
 * Optional<Resource> keyVault = inventory.byId("/subscriptions/.../providers/Microsoft.KeyVault/vaults/kv1");
 * }</pre>
 */
public interface Inventory {

    Optional<Resource> byId(String id);

    /** Every resource of an ARM type, sorted by id. */
    List<Resource> ofType(String type);

    /** Children (and extension resources) of {@code parent} of one type, sorted by id. */
    List<Resource> childrenOf(Resource parent, String childType);

    /** Whether resources of {@code type} under {@code scope} were collected at all. */
    Coverage coverage(String type, Resource scope);

    /** How many resources the inventory holds. */
    int size();
}
