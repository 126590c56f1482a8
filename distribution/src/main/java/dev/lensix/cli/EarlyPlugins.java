package dev.lensix.cli;

import com.google.inject.Guice;
import dev.lensix.engine.EngineModule;
import dev.lensix.engine.LensixVersion;
import dev.lensix.engine.plugin.PluginHost;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The app's own plug-ins, started on a thread of their own as soon as {@code main} sees a command that uses them,
 * while picocli builds its model of the commands: the two are most of a command's start, and each can have a
 * processor. {@link CommonOptions#startPlugins} takes the host when it asks for the same plug-in folders and the
 * system clock; with {@code --plugins-dir}, or when nothing takes it, the plug-ins are started (or stay) as before.
 *
 * <pre>{@code
 * EarlyPlugins.startFor(args);                                     // in main, before parsing
 * Optional<PluginHost> host = EarlyPlugins.take(roots, clock);    // where the command starts its plug-ins
 * }</pre>
 */
final class EarlyPlugins {

    private static final Set<String> COMMANDS = Set.of("scan", "collect", "checks", "plugins");
    private static final Set<String> NO_COMMAND_RUN = Set.of("-h", "--help", "-V", "--version");

    private static final AtomicReference<EarlyPlugins> STARTED = new AtomicReference<>();

    private final List<Path> roots;
    private final CompletableFuture<PluginHost> host;

    private EarlyPlugins(List<Path> roots, CompletableFuture<PluginHost> host) {
        this.roots = roots;
        this.host = host;
    }

    /** Starts the app's plug-ins when {@code args} name a command that will, with the app's folder only. */
    static void startFor(String[] args) {
        if (args.length == 0 || !COMMANDS.contains(args[0]) || CommonOptions.appHome().isEmpty()) {
            return;
        }
        for (String arg : args) {
            if (arg.startsWith("--plugins-dir") || NO_COMMAND_RUN.contains(arg)) {
                return;
            }
        }
        List<Path> roots = List.of(CommonOptions.appHome().get().resolve("plugins"));
        // SLF4J set up here first: initialised by two threads at once, it warns on stderr that it replays their calls
        org.slf4j.LoggerFactory.getILoggerFactory();
        CompletableFuture<PluginHost> host = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                host.complete(start(roots, Clock.systemUTC()));
            } catch (RuntimeException | Error e) {
                host.completeExceptionally(e);
            }
        }, "lensix-plugins-early");
        thread.setDaemon(true);
        thread.start();
        STARTED.set(new EarlyPlugins(roots, host));
    }

    /** The host started early, once, when it is of these roots and this clock; what its start threw is thrown here. */
    static Optional<PluginHost> take(List<Path> roots, Clock clock) {
        EarlyPlugins early = STARTED.getAndSet(null);
        if (early == null) {
            return Optional.empty();
        }
        if (!early.roots.equals(roots) || !clock.equals(Clock.systemUTC())) {
            early.host.thenAccept(PluginHost::close);
            return Optional.empty();
        }
        try {
            return Optional.of(early.host.join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    static PluginHost start(List<Path> roots, Clock clock) {
        return PluginHost.start(roots, Guice.createInjector(new EngineModule(clock)), LensixVersion.release());
    }
}
