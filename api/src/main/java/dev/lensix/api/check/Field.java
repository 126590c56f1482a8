package dev.lensix.api.check;

import dev.lensix.api.resource.Presence;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A value a check read from a resource, through {@link Evidence.Builder#text}, {@link Evidence.Builder#bool},
 * {@link Evidence.Builder#object} or {@link Evidence.Builder#array}: present, absent by the resource's own choice,
 * or not known. Using a value that is not known ({@link #optional}, {@link #orElse}, {@link #isPresent},
 * {@link #isAbsent}) throws {@link NotKnownException}, which the engine reports as ERROR: no PASS or FAIL can come
 * from data that was not there unless the check asks {@link #isKnown} first and decides what that means.
 *
 * <pre>{@code
 * Field<Boolean> purgeProtection = evidence.bool(vault, "/properties/enablePurgeProtection");
 * return purgeProtection.orElse(false)
 *     ? Verdict.pass("purge protection is on", evidence.build())
 *     : Verdict.fail("purge protection is off", evidence.build());
 * }</pre>
 *
 * @param <T> the value's Java type
 */
public final class Field<T> {

    private final String resourceId;
    private final String path;
    private final Presence presence;
    private final T value;
    private final String reason;
    private final Supplier<Evidence> evidence;

    Field(String resourceId, String path, Presence presence, T value, String reason, Supplier<Evidence> evidence) {
        this.resourceId = Objects.requireNonNull(resourceId, "resourceId");
        this.path = Objects.requireNonNull(path, "path");
        this.presence = Objects.requireNonNull(presence, "presence");
        this.value = value;
        this.reason = Objects.requireNonNull(reason, "reason");
        this.evidence = Objects.requireNonNull(evidence, "evidence");
        if ((presence == Presence.PRESENT) != (value != null)) {
            throw new IllegalArgumentException("a present field has a value, and only a present one");
        }
    }

    /** What the export says; never throws. */
    public Presence presence() {
        return presence;
    }

    /** False when the export cannot say (not in this export, another JSON type, cut short); never throws. */
    public boolean isKnown() {
        return presence != Presence.NOT_KNOWN;
    }

    /** Why the value is not known; empty when it is known. Never throws. */
    public Optional<String> notKnownReason() {
        return isKnown() ? Optional.empty() : Optional.of(reason);
    }

    /** The dotted path: the one read, or, when not known, the value on the way to it that is not known. */
    public String path() {
        return path;
    }

    /** The value, or empty when absent. @throws NotKnownException when not known */
    public Optional<T> optional() {
        requireKnown();
        return Optional.ofNullable(value);
    }

    /** The value, or {@code fallback} when absent (the platform default, say). @throws NotKnownException when not known */
    public T orElse(T fallback) {
        requireKnown();
        return value != null ? value : fallback;
    }

    /** @throws NotKnownException when not known */
    public boolean isPresent() {
        requireKnown();
        return value != null;
    }

    /** True when the resource, read whole, does not set the value. @throws NotKnownException when not known */
    public boolean isAbsent() {
        return !isPresent();
    }

    /** The value when present; empty when absent or not known, so use it only where neither leads to a verdict. */
    public Optional<T> valueIfKnown() {
        return Optional.ofNullable(value);
    }

    private void requireKnown() {
        if (!isKnown()) {
            throw new NotKnownException(resourceId, path, reason, evidence.get());
        }
    }

    @Override
    public String toString() {
        return path + " " + (presence == Presence.PRESENT ? "= " + value : presence.name().toLowerCase(java.util.Locale.ROOT));
    }
}
