package io.zprof.api.spi;

import io.zprof.api.port.Shrinker;

/** Provides a {@link Shrinker}; the highest-priority available one is used. */
public interface ShrinkerProvider extends ComponentProvider<Shrinker> {
}
