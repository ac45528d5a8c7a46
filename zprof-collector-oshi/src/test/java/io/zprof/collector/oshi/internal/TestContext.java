package io.zprof.collector.oshi.internal;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.spi.ProviderContext;
import java.util.concurrent.ThreadFactory;

/** The default configuration, as the engine would pass it. */
final class TestContext implements ProviderContext {
    @Override
    public ZprofConfig config() {
        return ZprofConfig.defaults();
    }

    @Override
    public ConfigProperties properties() {
        return ConfigProperties.empty();
    }

    @Override
    public ThreadFactory threadFactory(String purpose) {
        throw new UnsupportedOperationException("collectors create no threads");
    }
}
