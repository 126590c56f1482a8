package dev.lensix.api.resource;

/**
 * What an export says about the value at one path of a resource.
 *
 * <ul>
 *   <li>{@link #PRESENT}: the value is there.</li>
 *   <li>{@link #ABSENT}: the resource was read whole and does not set it (ARM omits an optional property, or
 *       writes {@code null} for it): the resource's own choice, which a check may judge.</li>
 *   <li>{@link #NOT_KNOWN}: the export cannot say: the resource came without its {@code properties} (a generic
 *       listing), a value on the way is of another JSON type than ARM returns, or an exporter cut it short.
 *       No verdict may rest on it.</li>
 * </ul>
 */
public enum Presence {
    PRESENT,
    ABSENT,
    NOT_KNOWN
}
