package io.zprof.examples.customreporter;

import io.zprof.examples.customreporter.internal.EventLogReporterProvider;
import io.zprof.testing.ReporterProviderContract;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/** What every provider owes the engine, checked by the kit: name, availability, settings, close, services line. */
class EventLogReporterProviderContractTest extends ReporterProviderContract<EventLogReporterProvider> {
    @TempDir
    Path tmp;

    @Override
    protected EventLogReporterProvider provider() {
        return new EventLogReporterProvider();
    }

    @Override
    protected Map<String, String> validSettings() {
        return Map.of("zprof.reporter.eventlog.path", tmp.resolve("events.log").toString());
    }

    @Override
    protected Optional<Map.Entry<String, String>> badSetting() {
        return Optional.of(Map.entry("zprof.reporter.eventlog.path", "relative/events.log"));
    }
}
