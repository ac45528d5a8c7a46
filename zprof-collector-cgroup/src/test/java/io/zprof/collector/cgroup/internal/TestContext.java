package io.zprof.collector.cgroup.internal;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.spi.ProviderContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadFactory;

/** A provider context over a typed configuration and flat properties, as the engine would build it. */
final class TestContext implements ProviderContext {
    private final ZprofConfig config;
    private final ConfigProperties properties;

    TestContext(ZprofConfig config, Map<String, String> properties) {
        this.config = config;
        this.properties = ConfigProperties.of(properties);
    }

    /** @return the defaults, reading the real file system */
    static TestContext system() {
        return new TestContext(ZprofConfig.defaults(), Map.of());
    }

    /**
     * @param root          fixture tree standing for {@code /}
     * @param refreshCycles {@code zprof.collector.cgroup.refreshcycles}
     * @param useCgroup     {@code zprof.resource.cgroup}
     * @return a context reading the fixture
     */
    static TestContext fixture(Path root, int refreshCycles, boolean useCgroup) {
        Map<String, String> p = new HashMap<>();
        p.put("zprof.collector.cgroup.root", root.toString());
        p.put("zprof.collector.cgroup.refreshcycles", Integer.toString(refreshCycles));
        return new TestContext(ZprofConfig.defaults().toBuilder().resource(r -> r.useCgroup(useCgroup)).build(), p);
    }

    @Override
    public ZprofConfig config() {
        return config;
    }

    @Override
    public ConfigProperties properties() {
        return properties;
    }

    @Override
    public ThreadFactory threadFactory(String purpose) {
        throw new UnsupportedOperationException("collectors create no threads");
    }
}
