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
 * engine stopped, or removed every reporter), and a later generation gets a new one.
 */
public final class DeliveryFactory implements BiFunction<List<NamedReporter>, ProviderContext, Delivery> {
    private final Clock clock;
    private Delivery shared;
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
        ReportDispatcher dispatcher = new ReportDispatcher(new ZprofThreadFactory("report"), clock);
        dispatcher.start();
        return new Delivery() {
            @Override
            public void apply(List<NamedReporter> reporters, ZprofConfig config) {
                dispatcher.apply(reporters, config.report(), spoolDirectory(config));
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
        };
    }

    /**
     * @param config a configuration
     * @return where its reporters spool: {@code zprof.report.spool.path}, or {@code <dump directory>/.spool}
     */
    static Path spoolDirectory(ZprofConfig config) {
        ReportConfig rc = config.report();
        return rc.spool().directory() != null ? rc.spool().directory() : config.dump().directory().resolve(".spool");
    }

    @Override
    public synchronized Delivery apply(List<NamedReporter> reporters, ProviderContext ctx) {
        if (shared == null) {
            shared = create(clock);
        }
        Delivery delivery = shared;
        delivery.apply(reporters, ctx.config());
        openViews++;
        return new Delivery() {
            private boolean closed;

            @Override
            public void apply(List<NamedReporter> next, ZprofConfig config) {
                delivery.apply(next, config);
            }

            @Override
            public void enqueue(ReportEvent event) {
                delivery.enqueue(event);
            }

            @Override
            public List<ReporterStatus> status() {
                return delivery.status();
            }

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

    private void viewClosed(Delivery delivery) {
        synchronized (this) {
            if (--openViews > 0 || shared != delivery) {
                return;
            }
            shared = null;
        }
        delivery.close();
    }
}
