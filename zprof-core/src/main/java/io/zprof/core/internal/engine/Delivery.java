package io.zprof.core.internal.engine;

import io.zprof.api.model.ReportEvent;
import io.zprof.api.spi.ProviderContext;
import io.zprof.core.internal.report.NamedReporter;
import io.zprof.core.status.ReporterStatus;
import java.util.List;

/**
 * The engine's view of report delivery: hand an event over without blocking; take a later configuration's reporters;
 * see counters; flush on close.
 */
interface Delivery extends AutoCloseable {
    /** No reporters configured. */
    Delivery NONE = new Delivery() {
        @Override
        public void enqueue(ReportEvent event) {
        }

        @Override
        public void reconfigure(List<NamedReporter> reporters, ProviderContext ctx) {
            // only a delivery made for reporters is shared with a later configuration
        }

        @Override
        public List<ReporterStatus> status() {
            return List.of();
        }

        @Override
        public void close() {
        }
    };

    /** @param event handed to every reporter's queue; never blocks */
    void enqueue(ReportEvent event);

    /**
     * Puts a later configuration's reporters and report settings in force, for a delivery that lives on from one
     * configuration to the next. Reporters are known by name: one given as the same instance as before keeps its
     * channel (queue, spool, counters) untouched; one given as a new instance takes the old one's place in its
     * channel, and the old instance is closed; a name no longer given has its channel flushed and closed; a new
     * name gets a channel. Called after everything was validated and built, so it must not fail; never blocks on
     * a reporter.
     *
     * @param reporters the reporters in force from now on, at least one
     * @param ctx       the configuration they were made for
     */
    void reconfigure(List<NamedReporter> reporters, ProviderContext ctx);

    /** @return counters per reporter */
    List<ReporterStatus> status();

    /** Flushes within the configured bound and stops the workers. */
    @Override
    void close();
}
