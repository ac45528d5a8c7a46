package io.zprof.core.internal.engine;

import io.zprof.api.model.ReportEvent;
import io.zprof.core.status.ReporterStatus;
import java.util.List;

/** The engine's view of report delivery: hand an event over without blocking; see counters; flush on close. */
interface Delivery extends AutoCloseable {
    /** No reporters configured. */
    Delivery NONE = new Delivery() {
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

    /** @param event handed to every reporter's queue; never blocks */
    void enqueue(ReportEvent event);

    /** @return counters per reporter */
    List<ReporterStatus> status();

    /** Flushes within the configured bound and stops the workers. */
    @Override
    void close();
}
