package dev.lensix.engine.plugin;

import com.google.inject.ConfigurationException;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import dev.lensix.api.check.Check;
import dev.lensix.api.check.CheckDescriptor;
import dev.lensix.api.report.Reporter;
import dev.lensix.api.report.ScanProblem;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads and starts the check and reporter plug-ins of one or more plugins folders, builds their
 * extensions through Guice, and keeps account of everything that went wrong. A plug-in that fails to
 * load or start, is disabled by its version requirement, or whose extension cannot be built becomes a
 * {@link ScanProblem} and a non-started {@link PluginInfo}: never a silent gap.
 *
 * <pre>{@code
 * try (PluginHost host = PluginHost.start(List.of(appPlugins, userPlugins), injector, "0.1.0")) {
 *     host.checks().forEach(check -> System.out.println(check.descriptor().id()));
 * }
 * }</pre>
 */
public final class PluginHost implements AutoCloseable {

    private final LensixPluginManager manager;
    private final List<PluginInfo> plugins;
    private final List<LoadedCheck> checks;
    private final List<LoadedReporter> reporters;
    private final List<ScanProblem> problems;

    private PluginHost(LensixPluginManager manager, List<PluginInfo> plugins, List<LoadedCheck> checks,
                       List<LoadedReporter> reporters, List<ScanProblem> problems) {
        this.manager = manager;
        this.plugins = List.copyOf(plugins);
        this.checks = List.copyOf(checks);
        this.reporters = List.copyOf(reporters);
        this.problems = List.copyOf(problems);
    }

    /**
     * @param roots         plugins folders; those that do not exist are skipped
     * @param injector      builds the extensions
     * @param systemVersion lensix's release version (no {@code -SNAPSHOT}), checked against each {@code Plugin-Requires}
     */
    public static PluginHost start(List<Path> roots, Injector injector, String systemVersion) {
        return start(roots, injector, systemVersion, LOAD_TIMEOUT);
    }

    /**
     * @param loadTimeout how long a plug-in's constructor and {@code start()} together, and an extension's
     *                    construction and metadata ({@code descriptor()}, {@code formatName()}), may take before the
     *                    plug-in or extension is given up as failed
     */
    public static PluginHost start(List<Path> roots, Injector injector, String systemVersion, Duration loadTimeout) {
        List<Path> existing = roots.stream().filter(Files::isDirectory).toList();
        LensixPluginManager manager = new LensixPluginManager(existing, injector, systemVersion, loadTimeout);
        List<ScanProblem> problems = new ArrayList<>();
        try {
            manager.loadPlugins();
            manager.startPlugins();
        } catch (PluginRuntimeException e) {
            problems.add(new ScanProblem("plugins", "plug-ins could not be resolved: " + oneLine(e)));
        }
        List<PluginInfo> plugins = describePlugins(manager, systemVersion);
        for (PluginInfo plugin : plugins) {
            if (!plugin.started()) {
                problems.add(new ScanProblem("plugin:" + plugin.id(), "plug-in " + plugin.id() + " " + plugin.state()
                        + ": " + plugin.reason() + " (" + plugin.path() + ")"));
            }
        }
        List<LoadedCheck> checks = new ArrayList<>();
        List<LoadedReporter> reporters = new ArrayList<>();
        buildExtensions(manager, loadTimeout, problems, checks, reporters);
        checks.sort(Comparator.comparing(check -> check.descriptor().id()));
        reporters.sort(Comparator.comparing(LoadedReporter::formatName));
        return new PluginHost(manager, plugins, checks, reporters, problems);
    }

    /** The default of how long plug-in code may take while loading: {@link #start(List, Injector, String, Duration)}. */
    public static final Duration LOAD_TIMEOUT = Duration.ofSeconds(30);

    public List<PluginInfo> plugins() {
        return plugins;
    }

    /** Every check built, sorted by id. */
    public List<LoadedCheck> checks() {
        return checks;
    }

    /** Every reporter built, sorted by format name. */
    public List<LoadedReporter> reporters() {
        return reporters;
    }

    /** Everything that kept a plug-in or extension from working. */
    public List<ScanProblem> problems() {
        return problems;
    }

    private static List<PluginInfo> describePlugins(LensixPluginManager manager, String systemVersion) {
        List<PluginInfo> infos = new ArrayList<>();
        Set<Path> known = new HashSet<>();
        for (PluginWrapper wrapper : manager.getPlugins()) {
            known.add(wrapper.getPluginPath());
            PluginDescriptor descriptor = wrapper.getDescriptor();
            PluginState state = wrapper.getPluginState();
            String path = wrapper.getPluginPath().toString();
            if (state == PluginState.STARTED) {
                infos.add(new PluginInfo(wrapper.getPluginId(), descriptor.getVersion(), PluginInfo.STARTED, path, ""));
            } else if (state == PluginState.DISABLED) {
                infos.add(new PluginInfo(wrapper.getPluginId(), descriptor.getVersion(), PluginInfo.DISABLED, path,
                        disabledReason(manager, descriptor, systemVersion)));
            } else {
                Throwable failure = wrapper.getFailedException();
                String reason = failure != null ? "failed to start: " + oneLine(failure)
                        : "not started (state " + state.toString().toLowerCase(java.util.Locale.ROOT) + ")";
                infos.add(new PluginInfo(wrapper.getPluginId(), descriptor.getVersion(), PluginInfo.FAILED, path, reason));
            }
        }
        manager.loadFailures().forEach((path, failure) -> {
            if (known.add(path)) {
                infos.add(new PluginInfo(path.getFileName().toString(), "", PluginInfo.FAILED, path.toString(),
                        "failed to load: " + oneLine(failure)));
            }
        });
        manager.loaded().forEach((path, descriptor) -> {
            if (known.add(path)) {
                infos.add(new PluginInfo(descriptor.getPluginId(), descriptor.getVersion(), PluginInfo.FAILED,
                        path.toString(), "not started: " + manager.unmetDependencies()
                        .getOrDefault(path, "its dependencies could not be resolved")));
            }
        });
        infos.sort(Comparator.comparing(PluginInfo::id).thenComparing(PluginInfo::path));
        return infos;
    }

    private static String disabledReason(LensixPluginManager manager, PluginDescriptor descriptor, String systemVersion) {
        String requires = descriptor.getRequires();
        if (requires != null && !requires.isBlank() && !"*".equals(requires.strip())
                && !manager.getVersionManager().checkVersionConstraint(systemVersion, requires)) {
            return "requires lensix " + requires.strip() + ", this is lensix " + systemVersion;
        }
        return "disabled in the plugins folder (disabled.txt or enabled.txt)";
    }

    private static void buildExtensions(LensixPluginManager manager, Duration limit, List<ScanProblem> problems,
                                        List<LoadedCheck> checks, List<LoadedReporter> reporters) {
        Map<String, String> checkOwners = new HashMap<>();
        Map<String, String> formatOwners = new HashMap<>();
        // by plug-in id, not pf4j's start order (file times, hashing): which plug-in keeps a duplicate id is stable
        List<PluginWrapper> started = new ArrayList<>(manager.getStartedPlugins());
        started.sort(Comparator.comparing(PluginWrapper::getPluginId));
        for (PluginWrapper plugin : started) {
            String pluginId = plugin.getPluginId();
            List<String> classNames = new ArrayList<>(manager.getExtensionClassNames(pluginId));
            classNames.sort(Comparator.naturalOrder());
            for (String className : classNames) {
                Object extension;
                try {
                    Class<?> type = plugin.getPluginClassLoader().loadClass(className);
                    extension = TimeLimit.call(limit, "lensix-plugin-build-" + pluginId,
                            () -> manager.getExtensionFactory().create(type));
                } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
                    problems.add(new ScanProblem("plugin:" + pluginId,
                            "plug-in " + pluginId + ": extension " + className + " cannot be built: " + buildFailure(e)));
                    continue;
                }
                if (extension instanceof Check check) {
                    addCheck(pluginId, className, check, limit, checkOwners, checks, problems);
                } else if (extension instanceof Reporter reporter) {
                    addReporter(pluginId, className, reporter, limit, formatOwners, reporters, problems);
                } else {
                    problems.add(new ScanProblem("plugin:" + pluginId, "plug-in " + pluginId + ": extension "
                            + className + " is neither a lensix Check nor a Reporter"));
                }
            }
        }
    }

    private static void addCheck(String pluginId, String className, Check check, Duration limit,
                                 Map<String, String> owners, List<LoadedCheck> checks, List<ScanProblem> problems) {
        CheckDescriptor descriptor;
        try {
            descriptor = TimeLimit.call(limit, "lensix-plugin-build-" + pluginId, check::descriptor);
            if (descriptor == null) {
                throw new IllegalStateException("descriptor() returned null");
            }
        } catch (RuntimeException | LinkageError e) {
            problems.add(new ScanProblem("plugin:" + pluginId, "plug-in " + pluginId + ": check " + className
                    + " has no usable descriptor: " + oneLine(rootCause(e))));
            return;
        }
        String owner = owners.putIfAbsent(descriptor.id(), pluginId);
        if (owner != null) {
            problems.add(new ScanProblem("plugin:" + pluginId, "plug-in " + pluginId + ": check id " + descriptor.id()
                    + " is already provided by plug-in " + owner + "; ignored"));
            return;
        }
        checks.add(new LoadedCheck(check, descriptor, pluginId));
    }

    private static void addReporter(String pluginId, String className, Reporter reporter, Duration limit,
                                    Map<String, String> owners, List<LoadedReporter> reporters, List<ScanProblem> problems) {
        String format;
        String fileName;
        try {
            String[] names = TimeLimit.call(limit, "lensix-plugin-build-" + pluginId,
                    () -> new String[] {reporter.formatName(), reporter.defaultFileName()});
            format = names[0];
            fileName = names[1];
            if (format == null || format.isBlank() || fileName == null || fileName.isBlank()
                    || fileName.contains("/") || fileName.contains("\\")) {
                throw new IllegalStateException("format name and default file name must be plain non-empty names");
            }
        } catch (RuntimeException | LinkageError e) {
            problems.add(new ScanProblem("plugin:" + pluginId, "plug-in " + pluginId + ": reporter " + className
                    + " is unusable: " + oneLine(rootCause(e))));
            return;
        }
        String owner = owners.putIfAbsent(format, pluginId);
        if (owner != null) {
            problems.add(new ScanProblem("plugin:" + pluginId, "plug-in " + pluginId + ": format " + format
                    + " is already provided by plug-in " + owner + "; ignored"));
            return;
        }
        reporters.add(new LoadedReporter(reporter, format, fileName, pluginId));
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Guice's own first line ("Guice configuration errors:") says nothing: use its first error instead. */
    private static String buildFailure(Throwable e) {
        Throwable cause = rootCause(e);
        Collection<Message> messages = cause instanceof ConfigurationException configuration
                ? configuration.getErrorMessages()
                : cause instanceof ProvisionException provision ? provision.getErrorMessages() : List.of();
        if (!messages.isEmpty()) {
            String first = messages.iterator().next().getMessage();
            return first.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElse(oneLine(cause));
        }
        return oneLine(cause);
    }

    static String oneLine(Throwable e) {
        if (e instanceof TimeLimit.Exceeded) {
            return e.getMessage();
        }
        String message = e.getMessage();
        String text = message == null || message.isBlank() ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + message;
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElse(text);
    }

    /** Stops started plug-ins one by one, last started first (pf4j's stopPlugins() fails once one started). */
    @Override
    public void close() {
        List<PluginWrapper> started = new ArrayList<>(manager.getStartedPlugins());
        java.util.Collections.reverse(started);
        for (PluginWrapper plugin : started) {
            try {
                manager.stopPlugin(plugin.getPluginId());
            } catch (RuntimeException e) {
                // stopping is best effort at exit; nothing the user can act on
            }
        }
        manager.unloadPlugins();
    }
}
