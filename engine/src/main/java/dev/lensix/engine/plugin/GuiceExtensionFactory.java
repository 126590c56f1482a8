package dev.lensix.engine.plugin;

import com.google.inject.Injector;
import org.pf4j.ExtensionFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds every pf4j extension through Guice, so checks and reporters get their dependencies
 * ({@link java.time.Clock}, ...) by {@code @jakarta.inject.Inject}. One instance per extension class.
 */
final class GuiceExtensionFactory implements ExtensionFactory {

    private final Injector injector;
    private final Map<Class<?>, Object> instances = new ConcurrentHashMap<>();

    GuiceExtensionFactory(Injector injector) {
        this.injector = injector;
    }

    @Override
    public <T> T create(Class<T> extensionClass) {
        return extensionClass.cast(instances.computeIfAbsent(extensionClass, injector::getInstance));
    }
}
