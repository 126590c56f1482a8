package dev.lensix.engine;

import com.google.inject.AbstractModule;

import java.time.Clock;

/** What the engine offers to plug-in extensions through {@code @jakarta.inject.Inject}. */
public final class EngineModule extends AbstractModule {

    private final Clock clock;

    public EngineModule(Clock clock) {
        this.clock = clock;
    }

    @Override
    protected void configure() {
        bind(Clock.class).toInstance(clock);
    }
}
