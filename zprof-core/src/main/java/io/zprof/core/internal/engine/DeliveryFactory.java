package io.zprof.core.internal.engine;

import io.zprof.api.config.ReportConfig;
import io.zprof.api.model.ReportEvent;
import io.zprof.api.spi.ProviderContext;
import io.zprof.core.internal.report.NamedReporter;
import io.zprof.core.internal.report.ReportDispatcher;
import io.zprof.core.status.ReporterStatus;
import java.nio.file.Path;
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
        ReportConfig rc = ctx.config().report();
        Path spool = rc.spool().directory() != null ? rc.spool().directory()
                : ctx.config().dump().directory().resolve(".spool");
        // the engine's earlier configuration may still hold the spool: only to it does a new dispatcher wait
        Object owner = ctx instanceof EngineProviderContext ? ((EngineProviderContext) ctx).engine() : new Object();
        ReportDispatcher dispatcher = new ReportDispatcher(reporters, rc, spool, new ZprofThreadFactory("report"),
                Clock.systemUTC(), owner);
        dispatcher.start();
        return new Delivery() {
            @Override
            public void enqueue(ReportEvent event) {
                dispatcher.enqueue(event);
            }

            @Override
            public List<ReporterStatus> status() {
                return dispatcher.status();
            }

            @Override
            public void close() {
                dispatcher.close();
            }
        };
    }
}
