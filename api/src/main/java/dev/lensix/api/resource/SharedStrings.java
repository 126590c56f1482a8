package dev.lensix.api.resource;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Text that recurs across many results (subscription ids, resource group names, a key URI four checks quote) kept as
 * one String: a large scan holds every result until its reports are written, and a copy of each recurring value per
 * result costs tens of megabytes. Bounded: past its limit a table hands back what it is given. Safe to share between
 * threads.
 *
 * <pre>{@code
 * private static final SharedStrings GROUPS = new SharedStrings(16_384);
 * String group = GROUPS.shared(id.substring(start, end));   // the same String for every result in that group
 * }</pre>
 */
public final class SharedStrings {

    private final Map<String, String> table = new ConcurrentHashMap<>();
    private final int limit;

    /** @param limit the most distinct strings kept */
    public SharedStrings(int limit) {
        this.limit = limit;
    }

    /** The String equal to {@code value} this table already holds, else {@code value} (kept, while there is room). */
    public String shared(String value) {
        String known = table.get(value);
        if (known != null) {
            return known;
        }
        if (table.size() < limit) {
            known = table.putIfAbsent(value, value);
        }
        return known != null ? known : value;
    }
}
