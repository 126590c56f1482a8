package dev.lensix.policy;

import java.util.Optional;

/** The effects lensix runs. A match of the {@code if} condition is a finding for all but {@link #DISABLED}. */
enum Effect {
    AUDIT("Audit"),
    DENY("Deny"),
    AUDIT_IF_NOT_EXISTS("AuditIfNotExists"),
    /** Evaluated as {@link #AUDIT_IF_NOT_EXISTS}: lensix reports, it deploys nothing. */
    DEPLOY_IF_NOT_EXISTS("DeployIfNotExists"),
    /** The check is listed but never run. */
    DISABLED("Disabled");

    /** Effects Azure Policy has that change or block requests rather than report: not checks. */
    static final String UNSUPPORTED = "append, modify, denyAction, manual, mutate, addToNetworkGroup";

    private final String spelled;

    Effect(String spelled) {
        this.spelled = spelled;
    }

    String spelled() {
        return spelled;
    }

    boolean needsRelated() {
        return this == AUDIT_IF_NOT_EXISTS || this == DEPLOY_IF_NOT_EXISTS;
    }

    static Optional<Effect> parse(String text) {
        for (Effect effect : values()) {
            if (effect.spelled.equalsIgnoreCase(text.strip())) {
                return Optional.of(effect);
            }
        }
        return Optional.empty();
    }
}
