package io.zprof.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.EventType;
import io.zprof.api.model.ReportEvent;
import io.zprof.api.model.ReportOutcome;
import io.zprof.api.port.Reporter;
import io.zprof.core.fixtures.EngineHarness;
import io.zprof.core.fixtures.Poll;
import io.zprof.core.fixtures.TestProviderContext;
import io.zprof.core.internal.report.NamedReporter;
import io.zprof.core.status.ReporterStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's one delivery: reporter sets applied per name, and the per-generation views of one dispatcher. */
class DeliveryFactoryTest {
    /** Generous: a failure means "never happened", not "slow" (a cold JVM on a loaded machine). */
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    /** Records what it receives and whether it was closed. */
    private static final class Recording implements Reporter {
        final List<String> received = new CopyOnWriteArrayList<>();
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public ReportOutcome report(ReportEvent event) {
            received.add(event.eventId());
            return ReportOutcome.success();
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    private static ReportEvent event(String id) {
        return ReportEvent.builder().eventId(id).type(EventType.TRIGGER).time(Instant.now()).rule("cpu").build();
    }

    private ZprofConfig config() {
        return EngineHarness.config(tmp.resolve("dumps")).build();
    }

    private static ReporterStatus status(Delivery d, String name) {
        return d.status().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void eachConfigurationIsAppliedPerReporterName() throws Exception {
        Recording a1 = new Recording();
        Recording a2 = new Recording();
        Recording b = new Recording();
        Delivery d = DeliveryFactory.create(Clock.systemUTC());
        try {
            d.apply(List.of(new NamedReporter("alpha", a1)), config());
            d.enqueue(event("e1"));
            Poll.until("alpha delivers", WAIT, () -> status(d, "alpha").delivered() == 1);
            assertTrue(Files.isDirectory(tmp.resolve("dumps").resolve(".spool").resolve("alpha")),
                    "the spool defaults to <dump directory>/.spool");

            d.apply(List.of(new NamedReporter("alpha", a2), new NamedReporter("beta", b)), config());
            d.enqueue(event("e2"));
            Poll.until("the new alpha instance and beta deliver", WAIT,
                    () -> status(d, "alpha").delivered() == 2 && status(d, "beta").delivered() == 1);
            Poll.until("the replaced instance is closed", WAIT, a1.closed::get);
            assertEquals(List.of("e2"), a2.received);
            assertEquals(List.of("alpha", "beta"), d.status().stream().map(ReporterStatus::name).toList());
            assertEquals(2, status(d, "alpha").enqueued(), "alpha kept its counters");
            assertEquals(2, status(d, "alpha").delivered());
            assertThrows(IllegalArgumentException.class, () -> d.apply(
                    List.of(new NamedReporter("beta", b), new NamedReporter("beta", new Recording())), config()));
            assertEquals(List.of("alpha", "beta"), d.status().stream().map(ReporterStatus::name).toList(),
                    "a refused set changes nothing");
        } finally {
            d.close();
        }
        assertTrue(a2.closed.get() && b.closed.get(), "close() closes the reporters in use");
    }

    @Test
    void generationViewsShareOneDispatcherUntilTheLastOneCloses() {
        DeliveryFactory factory = new DeliveryFactory(Clock.systemUTC());
        TestProviderContext ctx = new TestProviderContext(config(), ConfigProperties.empty());
        Recording first = new Recording();
        Recording second = new Recording();
        Delivery older = factory.apply(List.of(new NamedReporter("alpha", first)), ctx);
        older.enqueue(event("e1"));
        Poll.until("delivered", WAIT, () -> status(older, "alpha").delivered() == 1);

        Delivery newer = factory.apply(List.of(new NamedReporter("alpha", second)), ctx);
        older.close();
        older.close();
        // an earlier generation's capture still hands its event over after the update: the current reporter gets it
        older.enqueue(event("late"));
        newer.enqueue(event("e2"));
        Poll.until("the current reporter delivers both", WAIT, () -> status(newer, "alpha").delivered() == 3);
        assertEquals(List.of("late", "e2"), second.received);
        assertEquals(3, status(newer, "alpha").enqueued(), "one channel across the generations");
        assertFalse(second.closed.get());

        newer.close();
        assertTrue(second.closed.get(), "the last view closes the dispatcher and its reporters");
        Recording third = new Recording();
        Delivery restarted = factory.apply(List.of(new NamedReporter("alpha", third)), ctx);
        try {
            restarted.enqueue(event("e3"));
            Poll.until("a new dispatcher after a restart", WAIT, () -> status(restarted, "alpha").delivered() == 1);
            assertEquals(1, status(restarted, "alpha").enqueued());
        } finally {
            restarted.close();
        }
    }
}
