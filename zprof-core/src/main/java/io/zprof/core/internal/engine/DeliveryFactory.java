package io.zprof.core.internal.engine;

import io.zprof.api.config.ReportConfig;
import io.zprof.api.model.ReportEvent;
import io.zprof.api.spi.ProviderContext;
import io.zprof.core.internal.report.NamedReporter;
import io.zprof.core.internal.report.ReportDispatcher;
import io.zprof.core.status.ReporterStatus;
import io.zprof.api.model.ReportOutcome;
import io.zprof.api.port.Reporter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Clock;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Builds report delivery for the reporters a configuration names: one {@link ReportDispatcher} (queues, workers,
 * retries, spool), its spool in {@code zprof.report.spool.path} or {@code <dump directory>/.spool}.
 */
public final class DeliveryFactory implements BiFunction<List<NamedReporter>, ProviderContext, Delivery> {
    /** The production factory. */
    public static final DeliveryFactory INSTANCE = new DeliveryFactory();

    private DeliveryFactory() {
    }

    @Override
    public Delivery apply(List<NamedReporter> reporters, ProviderContext ctx) {
        return new Dispatching(reporters, ctx);
    }

    /**
     * One {@link ReportDispatcher} at a time. A later configuration with other reporters or report settings gets a
     * new dispatcher (the spool is handed over as before); a reporter instance both use is closed only when no
     * configuration uses it any more.
     */
    private static final class Dispatching implements Delivery {
        /** The engine: the spool of its earlier dispatcher is handed over to its next one, and to no one else. */
        private final Object owner;
        private volatile ReportDispatcher dispatcher;
        /** The reporters in force: what a closing dispatcher must leave open. */
        private volatile List<NamedReporter> reporters;
        private ReportConfig config;
        private Path spool;

        Dispatching(List<NamedReporter> reporters, ProviderContext ctx) {
            this.owner = ctx instanceof EngineProviderContext ? ((EngineProviderContext) ctx).engine() : new Object();
            this.dispatcher = start(reporters, ctx);
        }

        private ReportDispatcher start(List<NamedReporter> next, ProviderContext ctx) {
            ReportConfig rc = ctx.config().report();
            Path dir = rc.spool().directory() != null ? rc.spool().directory()
                    : ctx.config().dump().directory().resolve(".spool");
            List<NamedReporter> shielded = new ArrayList<>(next.size());
            for (NamedReporter r : next) {
                shielded.add(new NamedReporter(r.name(), new Shielded(r.reporter())));
            }
            ReportDispatcher d = new ReportDispatcher(shielded, rc, dir, new ZprofThreadFactory("report"),
                    Clock.systemUTC(), owner);
            d.start();
            reporters = List.copyOf(next);
            config = rc;
            spool = dir;
            return d;
        }

        @Override
        public synchronized void reconfigure(List<NamedReporter> next, ProviderContext ctx) {
            ReportConfig rc = ctx.config().report();
            Path dir = rc.spool().directory() != null ? rc.spool().directory()
                    : ctx.config().dump().directory().resolve(".spool");
            if (sameInstances(reporters, next) && rc.equals(config) && dir.equals(spool)) {
                return;
            }
            ReportDispatcher old = dispatcher;
            dispatcher = start(next, ctx);
            old.close();
        }

        private static boolean sameInstances(List<NamedReporter> a, List<NamedReporter> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!a.get(i).name().equals(b.get(i).name()) || a.get(i).reporter() != b.get(i).reporter()) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void enqueue(ReportEvent event) {
            dispatcher.enqueue(event);
        }

        @Override
        public List<ReporterStatus> status() {
            return dispatcher.status();
        }

        @Override
        public synchronized void close() {
            reporters = List.of();
            dispatcher.close();
        }

        /** A reporter as one dispatcher sees it: closing it closes the reporter unless a later one still uses it. */
        private final class Shielded implements Reporter {
            private final Reporter reporter;

            Shielded(Reporter reporter) {
                this.reporter = reporter;
            }

            @Override
            public ReportOutcome report(ReportEvent event) throws IOException {
                return reporter.report(event);
            }

            @Override
            public void close() {
                if (reporters.stream().noneMatch(r -> r.reporter() == reporter)) {
                    reporter.close();
                }
            }
        }
    }
}
