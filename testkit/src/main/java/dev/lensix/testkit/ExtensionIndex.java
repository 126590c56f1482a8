package dev.lensix.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The extension classes pf4j would find: every {@code META-INF/extensions.idx} a class loader sees, which
 * pf4j's annotation processor writes for each {@code @Extension}. A class missing from it is never loaded.
 *
 * <pre>{@code
 * assertThat(ExtensionIndex.classNamesSeenBy(getClass().getClassLoader())).contains(MyCheck.class.getName());
 * }</pre>
 */
public final class ExtensionIndex {

    private ExtensionIndex() {
    }

    /** Every class name listed in the {@code META-INF/extensions.idx} files {@code loader} sees. */
    public static List<String> classNamesSeenBy(ClassLoader loader) {
        List<String> names = new ArrayList<>();
        try {
            for (URL index : Collections.list(loader.getResources("META-INF/extensions.idx"))) {
                try (InputStream in = index.openStream()) {
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                            .map(String::strip)
                            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                            .forEach(names::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
