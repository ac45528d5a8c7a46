package io.zprof.core.internal.engine;

import io.zprof.api.config.ReportConfig;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.ReportEvent;
import io.zprof.api.spi.ProviderContext;
import io.zprof.core.internal.report.NamedReporter;
import io.zprof.core.internal.report.ReportDispatcher;
import io.zprof.core.status.ReporterStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Makes an engine's report delivery: one long-lived {@link ReportDispatcher} (queues, workers, retries, spool in
 * {@code zprof.report.spool.path} or {@code <dump directory>/.spool}) on the engine's clock.
 *
 * <p>{@link #create(Clock)} is the engine's one delivery for its life. The {@link BiFunction} form serves an engine
 * that asks for a delivery per configuration generation: every generation gets a view of this factory's one
 * dispatcher, applied with that generation's reporters; the dispatcher closes when the last open view closes (the
 * engine stopped, or removed every reporter), and a later generation gets a new one. One factory per engine.
 */
public final class DeliveryFactory implements BiFunction<List<NamedReporter>, ProviderContext, Delivery> {
    private final Clock clock;
    private DispatcherDelivery shared;
    private int openViews;

    /** @param clock the engine's clock ({@code Zprof.builder().clock(...)}): time stamps, timeouts and backoff */
    public DeliveryFactory(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param clock the engine's clock
     * @return a running delivery with no reporters yet: {@link Delivery#apply} names them
     */
    static Delivery create(Clock clock) {
        return new DispatcherDelivery(clock);
    }

    @Override
    public synchronized Delivery apply(List<NamedReporter> reporters, ProviderContext ctx) {
        if (shared == null) {
            shared = new DispatcherDelivery(clock);
        }
        DispatcherDelivery delivery = shared;
        delivery.apply(reporters, ctx.config());
        openViews++;
        return new DispatcherDelivery(delivery.dispatcher) {
            private boolean closed;

            @Override
            public void close() {
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                    closed = true;
                }
                viewClosed(delivery);
            }
        };
    }

    private void viewClosed(DispatcherDelivery delivery) {
        synchronized (this) {
            if (--openViews > 0 || shared != delivery) {
                return;
            }
            shared = null;
        }
        delivery.close();
    }

    /** The delivery of one {@link ReportDispatcher}. */
    private static class DispatcherDelivery implements Delivery {
        final ReportDispatcher dispatcher;

        DispatcherDelivery(Clock clock) {
            this(new ReportDispatcher(new ZprofThreadFactory("report"), clock));
            dispatcher.start();
        }

        DispatcherDelivery(ReportDispatcher dispatcher) {
            this.dispatcher = dispatcher;
        }

        @Override
        public void apply(List<NamedReporter> reporters, ZprofConfig config) {
            ReportConfig rc = config.report();
            Path spool = rc.spool().directory() != null ? rc.spool().directory()
                    : config.dump().directory().resolve(".spool");
            dispatcher.apply(reporters, rc, spool);
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
        public void close() {
            dispatcher.close();
        }
    }
}
