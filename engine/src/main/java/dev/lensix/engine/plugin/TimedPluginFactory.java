package dev.lensix.engine.plugin;

import org.pf4j.Plugin;
import org.pf4j.PluginFactory;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginWrapper;

import java.time.Duration;

/**
 * Gives pf4j, for each plug-in, a stand-in whose {@code start()} builds the plug-in's own {@code Plugin} class and
 * starts it within a time limit ({@link TimeLimit}). pf4j marks a plug-in whose start throws as failed and goes on
 * with the others, so a constructor or {@code start()} that hangs fails its plug-in with a reason instead of stopping
 * lensix.
 *
 * <pre>{@code
 * protected PluginFactory createPluginFactory() {
 *     return new TimedPluginFactory(super.createPluginFactory(), Duration.ofSeconds(30));
 * }
 * }</pre>
 */
final class TimedPluginFactory implements PluginFactory {

    private final PluginFactory factory;
    private final Duration limit;

    TimedPluginFactory(PluginFactory factory, Duration limit) {
        this.factory = factory;
        this.limit = limit;
    }

    @Override
    public Plugin create(PluginWrapper wrapper) {
        return new TimedPlugin(wrapper);
    }

    private final class TimedPlugin extends Plugin {
        private final PluginWrapper wrapper;
        private Plugin plugin;

        TimedPlugin(PluginWrapper wrapper) {
            this.wrapper = wrapper;
        }

        @Override
        public void start() {
            try {
                build();
            } catch (TimeLimit.Exceeded e) {
                throw new PluginRuntimeException("its constructor or start() " + e.getMessage());
            }
        }

        private void build() {
            TimeLimit.call(limit, "lensix-plugin-start-" + wrapper.getPluginId(), () -> {
                if (plugin == null) {
                    plugin = factory.create(wrapper);
                    if (plugin == null) {
                        throw new PluginRuntimeException("its plug-in class " + wrapper.getDescriptor().getPluginClass()
                                + " cannot be created");
                    }
                }
                plugin.start();
                return null;
            });
        }

        @Override
        public void stop() {
            if (plugin != null) {
                TimeLimit.call(limit, "lensix-plugin-stop-" + wrapper.getPluginId(), () -> {
                    plugin.stop();
                    return null;
                });
            }
        }

        @Override
        public void delete() {
            if (plugin != null) {
                plugin.delete();
            }
        }
    }
}
