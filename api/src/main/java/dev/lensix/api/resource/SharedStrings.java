package dev.lensix.api.resource;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Text that recurs across many results (subscription ids, resource group names, a key URI four checks quote) kept as
 * one String: a large scan holds every result until its reports are written, and a copy of each recurring value per
 * result costs tens of megabytes. Bounded: past its limit a table hands back what it is given. Safe to share between
 * threads. At most {@code limit} strings of {@code longest} characters are kept, whatever the input.
 *
 * <pre>{@code
 * private static final SharedStrings GROUPS = new SharedStrings(16_384, 90);
 * String group = GROUPS.shared(id.substring(start, end));   // the same String for every result in that group
 * }</pre>
 */
public final class SharedStrings {

    private final Map<String, String> table = new ConcurrentHashMap<>();
    private final int limit;
    private final int longest;

    /**
     * @param limit   the most distinct strings kept
     * @param longest the most characters of a string kept: a longer one is handed back as it is
     */
    public SharedStrings(int limit, int longest) {
        this.limit = limit;
        this.longest = longest;
    }

    /**
     * The String equal to {@code value} this table already holds, else {@code value} (kept, while there is room and it
     * is no longer than the table's longest).
     */
    public String shared(String value) {
        if (value.length() > longest) {
            return value;
        }
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
