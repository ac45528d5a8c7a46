package io.zprof.core.internal.jvm;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.port.Shrinker;
import io.zprof.api.spi.ProviderContext;
import io.zprof.api.spi.ShrinkerProvider;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The built-in shrinker of registered {@code ThreadPoolExecutor}s, registered through core's services file. */
public final class JdkShrinkerProvider implements ShrinkerProvider {
    @Override
    public String name() {
        return "jdk";
    }

    /** @return its settings: none */
    @Override
    public Optional<Set<String>> settingKeys() {
        return Optional.of(Set.of());
    }

    @Override
    public int priority() {
        return PRIORITY_FALLBACK;
    }

    /**
     * @param config a configuration
     * @return nothing: it reads no engine setting, so no update rebuilds it
     */
    @Override
    public Object engineSettingsRead(ZprofConfig config) {
        return List.of();
    }

    @Override
    public Shrinker create(ProviderContext context) {
        return new JdkShrinker();
    }
}
