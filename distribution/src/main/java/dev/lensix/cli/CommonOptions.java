package dev.lensix.cli;

import dev.lensix.engine.plugin.PluginHost;
import dev.lensix.engine.scan.UsageException;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Options every command takes, and the plug-in host they describe. */
final class CommonOptions {

    @Option(names = "--plugins-dir", paramLabel = "DIR",
            description = "Another folder of plug-in jars or zips, besides the app's own plugins/ (repeatable).")
    List<Path> pluginDirs = new ArrayList<>();

    @Option(names = {"-q", "--quiet"}, description = "Print only the totals line and errors.")
    boolean quiet;

    @Option(names = "--debug", description = "Log what plug-ins and libraries do, and print stack traces, on stderr.")
    boolean debug;

    /** The app's own plugins folder ({@code $LENSIX_HOME/plugins}, set by bin/lensix) and then the user's. */
    List<Path> pluginRoots() {
        List<Path> roots = new ArrayList<>();
        appHome().ifPresent(home -> roots.add(home.resolve("plugins")));
        roots.addAll(pluginDirs);
        return roots;
    }

    static Optional<Path> appHome() {
        return Optional.ofNullable(System.getProperty("lensix.home")).filter(home -> !home.isBlank()).map(Path::of);
    }

    /** Every {@code --plugins-dir} must exist: a mistyped one would otherwise silently drop its checks. */
    void requireExistingPluginDirs() throws UsageException {
        for (Path dir : pluginDirs) {
            if (!Files.isDirectory(dir)) {
                throw new UsageException("--plugins-dir " + dir + ": no such folder");
            }
        }
    }

    PluginHost startPlugins(Clock clock) {
        List<Path> roots = pluginRoots();
        return EarlyPlugins.take(roots, clock).orElseGet(() -> EarlyPlugins.start(roots, clock));
    }
}
