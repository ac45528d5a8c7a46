package io.zprof.core.internal.engine;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.spi.ProviderContext;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadFactory;

/**
 * The context a provider's {@code create} gets: the engine's, plus the keys it was selected to serve.
 *
 * @param context  the engine's context
 * @param selected the metric or dump kind keys this provider won
 */
record SelectedProviderContext(ProviderContext context, Set<String> selected) implements ProviderContext {
    /** Defensive copy. */
    SelectedProviderContext {
        selected = Set.copyOf(selected);
    }

    @Override
    public ZprofConfig config() {
        return context.config();
    }

    @Override
    public ConfigProperties properties() {
        return context.properties();
    }

    @Override
    public Optional<Set<String>> selectedKeys() {
        return Optional.of(selected);
    }

    @Override
    public ThreadFactory threadFactory(String purpose) {
        return context.threadFactory(purpose);
    }
}
