package io.zprof.core.internal.engine;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.ReportEvent;
import io.zprof.core.internal.report.NamedReporter;
import io.zprof.core.status.ReporterStatus;
import java.util.List;

/**
 * The engine's view of report delivery, one for the engine's whole life: {@link #apply} the configured reporters at
 * start and after every update, hand events over without blocking, see counters, flush on close.
 */
interface Delivery extends AutoCloseable {
    /** No reporters configured. */
    Delivery NONE = new Delivery() {
        @Override
        public void apply(List<NamedReporter> reporters, ZprofConfig config) {
            if (!reporters.isEmpty()) {
                throw new IllegalStateException("no report delivery: reporters " + reporters + " cannot be applied");
            }
        }

        @Override
        public void enqueue(ReportEvent event) {
        }

        @Override
        public List<ReporterStatus> status() {
            return List.of();
        }

        @Override
        public void close() {
        }
    };

    /**
     * Brings delivery in line with a configuration, per reporter name: the same name with the same {@link
     * io.zprof.api.port.Reporter} instance changes nothing; the same name with a new instance swaps the reporter and
     * keeps the name's queue, spool and counters; a new name gets a new channel; a name no longer listed is flushed
     * within {@code zprof.report.flushtimeout} and closed, in the background. The delivery owns the reporters it was
     * given: it closes those it no longer uses. Call it once the configuration is validated: it changes nothing when
     * it throws, and cannot be undone.
     *
     * @param reporters the reporters now configured, in order, with distinct names (may be empty)
     * @param config    the configuration: {@code zprof.report.*}, and the dump directory for the default spool path
     * @throws IllegalArgumentException when a name is listed twice
     */
    void apply(List<NamedReporter> reporters, ZprofConfig config);

    /** @param event handed to every reporter's queue; never blocks */
    void enqueue(ReportEvent event);

    /** @return counters per reporter, in configured order */
    List<ReporterStatus> status();

    /** Flushes within the configured bound, stops the workers and closes the reporters. */
    @Override
    void close();
}
