package io.zprof.testing;

import io.zprof.api.port.Reporter;
import io.zprof.api.spi.ReporterProvider;

/**
 * The contract of a {@link ReporterProvider}, as JUnit 5 tests: extend it in your test sources and supply the
 * provider, settings it works with and one bad setting. The tests are those every provider owes
 * ({@link ProviderContract}); none of them reports an event, so a URL in the settings need not answer.
 *
 * <pre>{@code
 * class EventLogReporterProviderTest extends ReporterProviderContract<EventLogReporterProvider> {
 *     protected EventLogReporterProvider provider() { return new EventLogReporterProvider(); }
 *     protected Map<String, String> validSettings() { return Map.of("zprof.reporter.eventlog.path", "/tmp/x.log"); }
 *     protected Optional<Map.Entry<String, String>> badSetting() {
 *         return Optional.of(Map.entry("zprof.reporter.eventlog.path", ""));
 *     }
 * }
 * }</pre>
 *
 * @param <P> the provider class under test
 */
public abstract class ReporterProviderContract<P extends ReporterProvider> extends ProviderContract<ReporterProvider, Reporter> {
    /** For subclasses. */
    protected ReporterProviderContract() {
    }

    @Override
    protected abstract P provider();

    @Override
    protected final Class<ReporterProvider> serviceType() {
        return ReporterProvider.class;
    }

    @Override
    protected final String role() {
        return "reporter";
    }
}
