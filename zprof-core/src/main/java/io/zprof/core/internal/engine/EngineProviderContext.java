package io.zprof.core.internal.engine;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.spi.ProviderContext;
import java.util.concurrent.ThreadFactory;

/**
 * The {@link ProviderContext} handed to providers: the configuration in force and engine-owned threads.
 *
 * @param config     the configuration
 * @param properties its flat properties
 */
record EngineProviderContext(ZprofConfig config, ConfigProperties properties) implements ProviderContext {
    @Override
    public ThreadFactory threadFactory(String purpose) {
        return new ZprofThreadFactory(purpose);
    }
}
