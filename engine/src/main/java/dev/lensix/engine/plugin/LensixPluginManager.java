package dev.lensix.engine.plugin;

import com.google.inject.Injector;
import org.pf4j.CompoundPluginRepository;
import org.pf4j.DefaultPluginManager;
import org.pf4j.DefaultPluginRepository;
import org.pf4j.JarPluginRepository;
import org.pf4j.PluginRepository;
import org.pf4j.DependencyResolver;
import org.pf4j.PluginDependency;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * pf4j's plug-in manager with extensions built by Guice, and with every plug-in that fails to load or whose
 * dependencies are not met remembered (pf4j itself only logs it) so lensix can show it.
 */
final class LensixPluginManager extends DefaultPluginManager {

    private final Map<Path, RuntimeException> loadFailures = new LinkedHashMap<>();
    private final Map<Path, PluginDescriptor> loaded = new LinkedHashMap<>();
    private final Map<Path, String> unmetDependencies = new LinkedHashMap<>();
    private final Set<String> droppedIds = new HashSet<>();
    private boolean droppingUnmet;

    LensixPluginManager(List<Path> roots, Injector injector, String systemVersion, Duration loadTimeout) {
        super(roots);
        // The factories need the injector and the time limit, which the superclass constructor cannot see yet.
        this.extensionFactory = new GuiceExtensionFactory(injector);
        this.pluginFactory = new TimedPluginFactory(createPluginFactory(), loadTimeout);
        setSystemVersion(systemVersion);
        // pf4j's default throws on one plug-in's missing dependency and then starts no plug-in at all.
        // resolveDependencies() drops such plug-ins first, saying why; this is the safety net behind it.
        setResolveRecoveryStrategy(ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE);
    }

    /**
     * No fallback root: given no existing plugins folder, pf4j would otherwise scan {@code ./plugins}
     * (or {@code -Dpf4j.pluginsDir}) and load whatever it finds in the user's working directory.
     */
    @Override
    protected List<Path> createPluginsRoot() {
        return List.of();
    }

    /**
     * Jars and zips are plug-ins; a folder is one only when it holds a plug-in descriptor (an unpacked zip).
     * pf4j would take every folder for a plug-in, so pointing {@code --plugins-dir} at a build's
     * {@code target/} would report {@code classes/}, {@code surefire-reports/} and the like as failed plug-ins.
     */
    @Override
    protected PluginRepository createPluginRepository() {
        return new CompoundPluginRepository()
                .add(new JarPluginRepository(getPluginsRoots()))
                .add(new DefaultPluginRepository(getPluginsRoots()) {
                    @Override
                    public List<Path> getPluginPaths() {
                        return super.getPluginPaths().stream().filter(LensixPluginManager::hasDescriptor).toList();
                    }
                });
    }

    private static boolean hasDescriptor(Path folder) {
        return Files.isRegularFile(folder.resolve("plugin.properties"))
                || Files.isRegularFile(folder.resolve("META-INF").resolve("MANIFEST.MF"))
                || Files.isRegularFile(folder.resolve("classes").resolve("META-INF").resolve("MANIFEST.MF"));
    }

    /** pf4j keeps enabled.txt/disabled.txt in the first root; with none there is nothing to read. */
    @Override
    protected PluginStatusProvider createPluginStatusProvider() {
        if (!getPluginsRoots().isEmpty()) {
            return super.createPluginStatusProvider();
        }
        return new PluginStatusProvider() {
            @Override
            public boolean isPluginDisabled(String pluginId) {
                return false;
            }

            @Override
            public void disablePlugin(String pluginId) {
            }

            @Override
            public void enablePlugin(String pluginId) {
            }
        };
    }

    /**
     * Before pf4j resolves, unloads every plug-in whose required dependency is missing, disabled or of a version
     * it does not accept (and so, round by round, what depends on those), remembering why. Left to itself pf4j
     * either starts no plug-in at all or also drops the plug-in that was depended on.
     */
    @Override
    protected DependencyResolver.Result resolveDependencies() {
        if (droppingUnmet) {
            return null; // unloadPlugin() re-resolves after each unload (and ignores the result): not yet
        }
        droppingUnmet = true;
        try {
            boolean dropped = true;
            while (dropped) {
                dropped = false;
                for (PluginWrapper plugin : new ArrayList<>(getPlugins())) {
                    String unmet = unmetDependency(plugin.getDescriptor());
                    if (unmet != null) {
                        unmetDependencies.put(plugin.getPluginPath(), unmet);
                        droppedIds.add(plugin.getPluginId());
                        unloadPlugin(plugin.getPluginId(), false);
                        dropped = true;
                    }
                }
            }
        } finally {
            droppingUnmet = false;
        }
        return super.resolveDependencies();
    }

    private String unmetDependency(PluginDescriptor descriptor) {
        for (PluginDependency dependency : descriptor.getDependencies()) {
            if (dependency.isOptional()) {
                continue;
            }
            String id = dependency.getPluginId();
            PluginWrapper target = getPlugin(id);
            if (droppedIds.contains(id)) {
                return "requires plug-in " + id + ", which cannot start either";
            }
            if (target == null) {
                return "requires plug-in " + id + ", which is not installed or did not load";
            }
            if (target.getPluginState().isDisabled()) {
                return "requires plug-in " + id + ", which is disabled";
            }
            String wanted = dependency.getPluginVersionSupport();
            String found = target.getDescriptor().getVersion();
            boolean accepted;
            try {
                accepted = getVersionManager().checkVersionConstraint(found, wanted);
            } catch (RuntimeException e) {
                accepted = false;
            }
            if (!accepted) {
                return "requires plug-in " + id + " " + wanted + ", found " + found;
            }
        }
        return null;
    }

    @Override
    protected PluginWrapper loadPluginFromPath(Path pluginPath) {
        try {
            PluginWrapper plugin = super.loadPluginFromPath(pluginPath);
            if (plugin != null) {
                loaded.put(pluginPath, plugin.getDescriptor());
            }
            return plugin;
        } catch (RuntimeException e) {
            loadFailures.put(pluginPath, e);
            throw e instanceof PluginRuntimeException pre ? pre : new PluginRuntimeException(e, e.getMessage());
        }
    }

    Map<Path, RuntimeException> loadFailures() {
        return loadFailures;
    }

    /** Why plug-ins were unloaded before resolution: their dependencies were not met. */
    Map<Path, String> unmetDependencies() {
        return unmetDependencies;
    }

    /** Every plug-in loaded, including those pf4j dropped again because their dependencies were not met. */
    Map<Path, PluginDescriptor> loaded() {
        return loaded;
    }
}
