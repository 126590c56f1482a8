package dev.lensix.api.resource;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The immutable set of resources a scan sees. Ids and types compare case-insensitively.
 * Lists come sorted by id so that results are deterministic.
 *
 * <pre>{@code
 * for (Resource config : inventory.childrenOf(vault, "Microsoft.RecoveryServices/vaults/backupEncryptionConfigs")) { ... }
 * Optional<Resource> keyVault = inventory.byId("/subscriptions/.../providers/Microsoft.KeyVault/vaults/kv1");
 * Optional<Resource> holder = KeyVaultKeyUri.parse(keyUri).flatMap(inventory::keyVaultFor);
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

    /**
     * The Key Vault ({@code Microsoft.KeyVault/vaults}) that holds {@code key}: the one whose
     * {@code properties.vaultUri} has the key URI's host (compared case-insensitively, port and trailing slash
     * ignored). Only vaults the inventory kept are considered; empty when none matches, for example when the
     * vault is outside the scanned scope or the key is in a Managed HSM. When two vaults claim the host, the
     * first by id wins.
     *
     * <pre>{@code
     * Optional<Resource> vault = KeyVaultKeyUri.parse("https://kv1.vault.azure.net:443/keys/cmk").flatMap(inventory::keyVaultFor);
     * }</pre>
     *
     * The default looks through {@link #ofType(String)}; an implementation may index it.
     */
    default Optional<Resource> keyVaultFor(KeyVaultKeyUri key) {
        for (Resource vault : ofType(KeyVaultKeyUri.VAULT_TYPE)) {
            Optional<String> host = vault.text("/properties/vaultUri").flatMap(KeyVaultKeyUri::vaultHost);
            if (host.isPresent() && host.get().equals(key.host())) {
                return Optional.of(vault);
            }
        }
        return Optional.empty();
    }

    /**
     * A value derived from this inventory alone, computed once and shared by every evaluation of the scan: an index a
     * check needs across many resources, so that it does not go through all of them again for each resource it
     * evaluates (which grows with the square of the tenant).
     *
     * <pre>{@code
     * private static final Object ASSIGNMENTS_BY_PRINCIPAL = new Object();
     *
     * Map<String, List<Resource>> byPrincipal = inventory.derived(ASSIGNMENTS_BY_PRINCIPAL, MyCheck::assignmentsByPrincipal);
     * }</pre>
     *
     * The default computes it on every call; the engine's inventory keeps it for the scan.
     *
     * @param key     names the value: a constant of the check's own, such as a {@code private static final Object}
     * @param compute a pure function of the inventory returning an immutable, non-null value; it may run more than once
     *                when evaluations race, and must not call {@code derived} itself
     */
    default <T> T derived(Object key, Function<Inventory, T> compute) {
        return compute.apply(this);
    }

    /** How many resources the inventory holds. */
    int size();
}
