package io.zprof.reporter.http.internal;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.port.Reporter;
import io.zprof.api.spi.ProviderContext;
import io.zprof.api.spi.ReporterProvider;
import io.zprof.reporter.http.HttpReporter;
import io.zprof.reporter.http.HttpReporterConfig;
import java.util.Optional;
import java.util.Set;

/** Provides the {@code http} reporter, configured from {@code zprof.reporter.http.*}. */
public final class HttpReporterProvider implements ReporterProvider {
    /** For {@link java.util.ServiceLoader}. */
    public HttpReporterProvider() {
    }

    @Override
    public String name() {
        return "http";
    }

    /** @return its settings: those of {@link HttpReporterConfig#fromProperties} */
    @Override
    public Optional<Set<String>> settingKeys() {
        return Optional.of(HttpReporterConfig.SETTING_KEYS);
    }

    @Override
    public void validate(ProviderContext context) {
        config(context);
    }

    /**
     * @param config a configuration
     * @return the call timeout, the only engine setting it reads besides its own settings
     */
    @Override
    public Object engineSettingsRead(ZprofConfig config) {
        return config.report().callTimeout();
    }

    @Override
    public Reporter create(ProviderContext context) {
        return new HttpReporter(config(context));
    }

    private HttpReporterConfig config(ProviderContext context) {
        return HttpReporterConfig.fromProperties(context.scoped("reporter", name()), context.config().report().callTimeout());
    }
}
