package dev.lensix.engine.plugin;

import com.google.inject.Injector;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * pf4j's plug-in manager with extensions built by Guice, and with every plug-in that fails to load
 * remembered (pf4j itself only logs it) so lensix can show it.
 */
final class LensixPluginManager extends DefaultPluginManager {

    private final Map<Path, RuntimeException> loadFailures = new LinkedHashMap<>();

    LensixPluginManager(List<Path> roots, Injector injector, String systemVersion) {
        super(roots);
        // The factory needs the injector, which the superclass constructor cannot see yet.
        this.extensionFactory = new GuiceExtensionFactory(injector);
        setSystemVersion(systemVersion);
    }

    /**
     * No fallback root: given no existing plugins folder, pf4j would otherwise scan {@code ./plugins}
     * (or {@code -Dpf4j.pluginsDir}) and load whatever it finds in the user's working directory.
     */
    @Override
    protected List<Path> createPluginsRoot() {
        return List.of();
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

    @Override
    protected PluginWrapper loadPluginFromPath(Path pluginPath) {
        try {
            return super.loadPluginFromPath(pluginPath);
        } catch (RuntimeException e) {
            loadFailures.put(pluginPath, e);
            throw e instanceof PluginRuntimeException pre ? pre : new PluginRuntimeException(e, e.getMessage());
        }
    }

    Map<Path, RuntimeException> loadFailures() {
        return loadFailures;
    }
}
