package dev.lensix.api.input;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How reports name a source file: relative to the source root, with {@code /}, when it lies beneath it, also when
 * one of the two is reached through a symbolic link (a workspace linked into place, macOS's {@code /tmp}); else
 * absolute. SARIF makes the first a {@code %SRCROOT%}-relative URI, which code scanning puts on the pull request's diff.
 *
 * <pre>{@code
 * SourcePaths.shown(Path.of("."), Path.of("infra/main.tf"));   // "infra/main.tf"
 * SourcePaths.shown(Path.of("infra"), Path.of("/etc/main.tf")); // "/etc/main.tf"
 * }</pre>
 */
public final class SourcePaths {

    private SourcePaths() {
    }

    /** {@code file} as reports name it, relative to {@code sourceRoot} when beneath it. */
    public static String shown(Path sourceRoot, Path file) {
        Path root = sourceRoot.toAbsolutePath().normalize();
        Path absolute = file.toAbsolutePath().normalize();
        Path named = absolute;
        if (absolute.startsWith(root)) {
            named = root.relativize(absolute);
        } else {
            try {
                Path realRoot = root.toRealPath();
                Path realFile = absolute.toRealPath();
                if (realFile.startsWith(realRoot)) {
                    named = realRoot.relativize(realFile);
                }
            } catch (IOException e) {
                // a file or root that is not there: named as given
            }
        }
        String text = named.toString().replace('\\', '/');
        return text.isEmpty() ? absolute.toString() : text;
    }
}
