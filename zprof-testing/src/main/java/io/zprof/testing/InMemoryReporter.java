package io.zprof.testing;

import io.zprof.api.model.ReportEvent;
import io.zprof.api.model.ReportOutcome;
import io.zprof.api.port.Reporter;
import io.zprof.api.spi.ProviderContext;
import io.zprof.api.spi.ReporterProvider;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A reporter provider that keeps, in memory, the events its reporters deliver, for tests through the real engine:
 * register it with {@code Zprof.builder().reporter(reporter)} and name it in {@code zprof.reporters}. It can be told
 * to fail, to test how a plugin or an application copes with failed deliveries. Thread-safe: the engine calls
 * reporters on their own worker threads while the test reads.
 *
 * <pre>{@code
 * InMemoryReporter reporter = new InMemoryReporter();
 * try (Zprof zprof = Zprof.builder().properties(ConfigProperties.of(Map.of("zprof.reporters", "inmemory", ...)))
 *         .reporter(reporter).manualSampling().build()) {
 *     zprof.start();
 *     zprof.sampleNow();
 *     ReportEvent e = reporter.awaitEvents(1, Duration.ofSeconds(5)).get(0);
 * }
 * }</pre>
 */
public final class InMemoryReporter implements ReporterProvider {
    /** The name of a reporter made with the no-argument constructor. */
    public static final String DEFAULT_NAME = "inmemory";

    private final String name;
    private final List<ReportEvent> delivered = new ArrayList<>();
    private int attempts;
    private int created;
    private int closed;
    private IOException failure;

    /** A reporter named {@value #DEFAULT_NAME}. */
    public InMemoryReporter() {
        this(DEFAULT_NAME);
    }

    /** @param name its name in {@code zprof.reporters} (one lowercase word) */
    public InMemoryReporter(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    /** @return no settings: it reads none */
    @Override
    public Optional<Set<String>> settingKeys() {
        return Optional.of(Set.of());
    }

    @Override
    public Reporter create(ProviderContext context) {
        synchronized (this) {
            created++;
        }
        return new Reporter() {
            private boolean isClosed;

            @Override
            public ReportOutcome report(ReportEvent event) throws IOException {
                return deliver(event);
            }

            @Override
            public void close() {
                synchronized (InMemoryReporter.this) {
                    if (!isClosed) {
                        isClosed = true;
                        closed++;
                    }
                }
            }
        };
    }

    private synchronized ReportOutcome deliver(ReportEvent event) throws IOException {
        attempts++;
        if (failure != null) {
            throw failure;
        }
        delivered.add(event);
        notifyAll();
        return ReportOutcome.success();
    }

    /**
     * From now on every delivery fails with this exception (a {@link io.zprof.api.port.ReportException} carries a
     * retry decision; any other one is retried by the engine), until {@link #succeed()}.
     *
     * @param e what report() throws
     * @return this
     */
    public synchronized InMemoryReporter failWith(IOException e) {
        failure = e;
        return this;
    }

    /** @return this, delivering again from now on */
    public synchronized InMemoryReporter succeed() {
        failure = null;
        return this;
    }

    /**
     * @return the events delivered so far, in delivery order (not always the order the rules fired in: the engine
     *         captures on two workers)
     */
    public synchronized List<ReportEvent> events() {
        return List.copyOf(delivered);
    }

    /** @return report() calls so far, failed ones included */
    public synchronized int attempts() {
        return attempts;
    }

    /** @return how many reporters were created (one per engine start or rebuilding update) */
    public synchronized int created() {
        return created;
    }

    /** @return how many of them were closed (closing one twice counts once) */
    public synchronized int closed() {
        return closed;
    }

    /**
     * Waits, woken by each delivery (no polling), until at least {@code count} events have been delivered.
     *
     * @param count   how many events
     * @param timeout the longest wait
     * @return the first {@code count} events delivered
     * @throws AssertionError when fewer arrived in time, listing those that did
     */
    public synchronized List<ReportEvent> awaitEvents(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (delivered.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(name + ": " + delivered.size() + " of " + count + " events delivered within "
                            + timeout + " (" + attempts + " attempts): " + delivered);
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for events", e);
        }
        return List.copyOf(delivered.subList(0, count));
    }

    @Override
    public String toString() {
        return "InMemoryReporter[" + name + "]";
    }
}
