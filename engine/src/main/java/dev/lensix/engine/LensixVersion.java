package dev.lensix.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** lensix's own version, stamped in at build time. */
public final class LensixVersion {

    private static final Properties PROPERTIES = load();

    private LensixVersion() {
    }

    /** The full version, {@code 0.1.0-SNAPSHOT} during development. */
    public static String version() {
        return PROPERTIES.getProperty("version");
    }

    /** The release part, {@code 0.1.0}: what plug-ins' {@code Plugin-Requires} is checked against. */
    public static String release() {
        return PROPERTIES.getProperty("release");
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = LensixVersion.class.getResourceAsStream("lensix-version.properties")) {
            if (in == null) {
                throw new IllegalStateException("lensix-version.properties is missing from the engine jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
