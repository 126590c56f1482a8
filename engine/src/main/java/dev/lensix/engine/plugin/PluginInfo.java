package dev.lensix.engine.plugin;

/**
 * One plug-in found in a plugins folder and what became of it.
 *
 * @param id      the plug-in id, or the file name when its descriptor could not be read
 * @param version its version, empty when unknown
 * @param state   {@code started}, {@code failed} or {@code disabled}
 * @param path    where it was found
 * @param reason  why it is not started, one line; empty when started
 */
public record PluginInfo(String id, String version, String state, String path, String reason) {

    public static final String STARTED = "started";
    public static final String FAILED = "failed";
    public static final String DISABLED = "disabled";

    public boolean started() {
        return STARTED.equals(state);
    }
}
