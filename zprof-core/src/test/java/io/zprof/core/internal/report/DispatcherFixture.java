package io.zprof.core.internal.report;

import io.zprof.core.status.ReporterStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zprof.api.config.ReportConfig;
import io.zprof.core.fixtures.MutableClock;
import io.zprof.api.config.RetryConfig;
import io.zprof.api.config.SpoolConfig;
import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.EventType;
import io.zprof.api.model.ReportEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadFactory;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Shared set-up: real temp directories, real threads (tracked), real files as artifacts, time moved by the test. */
abstract class DispatcherFixture {
    /** How far {@link #drive} moves the clock per look: past the 1-20 ms backoff of {@link #fastRetry} in a few. */
    static final Duration STEP = Duration.ofMillis(10);

    @TempDir
    Path tmp;

    /** The delivery's one time source: tests move it instead of waiting for it. */
    final MutableClock clock = new MutableClock(Instant.now());

    final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
    final ThreadFactory factory = r -> {
        Thread t = new Thread(r);
        t.setDaemon(true);
        threads.add(t);
        return t;
    };
    private final List<ReportDispatcher> open = new ArrayList<>();

    @AfterEach
    void closeDispatchers() throws InterruptedException {
        for (ReportDispatcher d : open) {
            closeDriven(d);
        }
    }

    /**
     * Closes a dispatcher on a helper thread while moving the test's clock, so that a retry still waiting for its
     * backoff does not hold the flush up to its real-time bound.
     */
    void closeDriven(ReportDispatcher d) throws InterruptedException {
        Thread closer = new Thread(d::close, "test-close");
        closer.start();
        while (closer.isAlive()) {
            if (!d.callInFlight()) {
                clock.advance(Duration.ofSeconds(1));
            }
            closer.join(2);
        }
    }

    Path dumps() throws IOException {
        return Files.createDirectories(tmp.resolve("dumps"));
    }

    Path spoolDir() {
        return tmp.resolve("spool");
    }

    static RetryConfig fastRetry(int attempts) {
        return new RetryConfig(attempts, Duration.ofMillis(1), Duration.ofMillis(20), Duration.ofSeconds(10), Duration.ZERO);
    }

    ReportConfig config(int queueSize, boolean spool) {
        return ReportConfig.defaults().queueSize(queueSize).flushTimeout(Duration.ofSeconds(2))
                .callTimeout(Duration.ofSeconds(10)).retry(fastRetry(3))
                .spool(new SpoolConfig(spool, 64L * 1024 * 1024, spoolDir()));
    }

    ReportDispatcher dispatcher(ReportConfig config, NamedReporter... reporters) {
        ReportDispatcher d = new ReportDispatcher(List.of(reporters), config, spoolDir(), factory, clock);
        open.add(d);
        return d;
    }

    ReportDispatcher started(ReportConfig config, NamedReporter... reporters) {
        ReportDispatcher d = dispatcher(config, reporters);
        d.start();
        return d;
    }

    /**
     * Waits for a condition while moving the test's clock {@link #STEP} at a time whenever no call is in flight:
     * backoff and retries pass in the test's time, never the wall clock's, and a call in progress never times out
     * because the test moved time.
     */
    void drive(String what, BooleanSupplier condition, ReportDispatcher d) {
        Await.until(what, () -> {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (!d.callInFlight()) {
                clock.advance(STEP);
            }
            return false;
        }, d::status);
    }

    static NamedReporter named(String name, ScriptedReporter r) {
        return new NamedReporter(name, r);
    }

    Path artifact(String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(name.hashCode()).nextBytes(bytes);
        return Files.write(dumps().resolve(name), bytes);
    }

    static ReportEvent event(String id, Path... artifacts) throws IOException {
        return event(id, Instant.parse("2026-01-01T12:00:00Z"), artifacts);
    }

    static ReportEvent event(String id, Instant t, Path... artifacts) throws IOException {
        List<ArtifactRef> refs = new ArrayList<>();
        for (Path p : artifacts) {
            refs.add(new ArtifactRef(p.getFileName().toString(), "cpu", p, Files.size(p)));
        }
        return ReportEvent.builder().eventId(id).type(EventType.TRIGGER).time(t).rule("cpu").value(91.5)
                .average(Double.NaN).reason("cpu 91.5% > abs 80%").thresholds(Map.of("min", 20.0, "abs", 80.0))
                .labels(Map.of("app", "demo", "env", "test")).artifacts(refs).from(t.minusSeconds(30))
                .until(t.plusSeconds(10)).build();
    }

    static ReporterStatus status(ReportDispatcher d, int index) {
        return d.status().get(index);
    }

    /** Every accepted event is in exactly one place. */
    static void assertAccounted(ReporterStatus s) {
        assertEquals(s.enqueued() + s.recovered(),
                s.delivered() + s.skipped() + s.failedPermanent() + s.droppedQueueFull() + s.droppedOnClose()
                        + s.queued() + s.spooled(), () -> "accounting does not add up: " + s);
    }

    /** @return the spool entries (directories) of a reporter on disk */
    List<Path> spoolEntries(String reporter) throws IOException {
        Path dir = spoolDir().resolve(reporter);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    boolean threadAlive(String name) {
        synchronized (threads) {
            return threads.stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
        }
    }
}
