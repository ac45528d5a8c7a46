package io.zprof.reporter.pyroscope.internal;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.port.Reporter;
import io.zprof.api.spi.ProviderContext;
import io.zprof.api.spi.ReporterProvider;
import io.zprof.reporter.pyroscope.PyroscopeReporter;
import io.zprof.reporter.pyroscope.PyroscopeReporterConfig;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Provides the {@code pyroscope} reporter, configured from {@code zprof.reporter.pyroscope.*}. */
public final class PyroscopeReporterProvider implements ReporterProvider {
    /** For {@link java.util.ServiceLoader}. */
    public PyroscopeReporterProvider() {
    }

    @Override
    public String name() {
        return "pyroscope";
    }

    /** @return its settings: those of {@link PyroscopeReporterConfig#fromProperties} */
    @Override
    public Optional<Set<String>> settingKeys() {
        return Optional.of(PyroscopeReporterConfig.SETTING_KEYS);
    }

    @Override
    public void validate(ProviderContext context) {
        config(context);
    }

    /**
     * @param config a configuration
     * @return what it reads besides its own settings: whether profiling is on, the dump directory (its state file)
     *         and the call timeout
     */
    @Override
    public Object engineSettingsRead(ZprofConfig config) {
        return List.of(config.profiling().enabled(), config.dump().directory(), config.report().callTimeout());
    }

    @Override
    public Reporter create(ProviderContext context) {
        return new PyroscopeReporter(config(context), context.config().profiling().enabled(),
                context.config().dump().directory().resolve(PyroscopeReporter.STATE_FILE));
    }

    private PyroscopeReporterConfig config(ProviderContext context) {
        return PyroscopeReporterConfig.fromProperties(context.scoped("reporter", name()), context.config().report().callTimeout());
    }
}
