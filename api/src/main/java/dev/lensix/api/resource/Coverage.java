package dev.lensix.api.resource;

import java.util.Objects;

/**
 * Whether a kind of resource was collected for a scope, so a check can tell "there are none" from
 * "nobody looked". A check that needs something not collected returns ERROR, never PASS.
 *
 * <pre>{@code
 * Coverage keys = inventory.coverage("Microsoft.KeyVault/vaults/keys", vault);
 * if (!keys.collected()) {
 *     return Verdict.error("keys not collected: " + keys.reason(), evidence.build());
 * }
 * }</pre>
 *
 * @param collected true when the collection was made (it may still be empty)
 * @param reason    why not, when not collected; empty otherwise
 */
public record Coverage(boolean collected, String reason) {

    public static final Coverage COLLECTED = new Coverage(true, "");

    public Coverage {
        Objects.requireNonNull(reason, "reason");
    }

    public static Coverage notCollected(String reason) {
        return new Coverage(false, reason);
    }
}
