package io.zprof.dumper.jfr.internal;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.DumpKind;
import io.zprof.api.port.Dumper;
import io.zprof.api.spi.DumperProvider;
import io.zprof.api.spi.ProviderContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Provides the {@code report} dumper: the incident report (one self-contained HTML file) the engine asks for after
 * the other files of every captured event. Disable it with {@code zprof.providers.disabled=report}.
 */
public final class ReportDumperProvider implements DumperProvider {
    /** For {@link java.util.ServiceLoader}. */
    public ReportDumperProvider() {
    }

    /** @return {@code report} */
    @Override
    public String name() {
        return "report";
    }

    /** @return its settings: none */
    @Override
    public Optional<Set<String>> settingKeys() {
        return Optional.of(Set.of());
    }

    /** @return the report kind */
    @Override
    public Set<DumpKind> kinds() {
        return Set.of(DumpKind.REPORT);
    }

    /**
     * @param config a configuration
     * @return nothing: the report reads the event's files, not the configuration, so it is never rebuilt
     */
    @Override
    public Object engineSettingsRead(ZprofConfig config) {
        return List.of();
    }

    /**
     * @param context the configuration in force
     * @return a report writer; it holds nothing
     */
    @Override
    public Dumper create(ProviderContext context) {
        return new ReportDumper();
    }
}
