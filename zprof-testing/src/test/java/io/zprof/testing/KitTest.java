package io.zprof.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.ReportEvent;
import io.zprof.api.port.Reporter;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The kit's small parts: the context, the clock and the in-memory reporter. */
class KitTest {
    @Test
    void contextScopesSettingsRemembersReadsAndMakesNamedDaemonThreads() throws Exception {
        ZprofConfig cfg = ZprofConfig.builder().collectInterval(Duration.ofSeconds(7)).build();
        TestProviderContext ctx = TestProviderContext.of(cfg, Map.of("zprof.reporter.x.url", "http://h/",
                "zprof.reporter.x.headers.A", "1", "zprof.reporter.y.url", "other"));
        assertEquals(cfg, ctx.config());
        assertEquals("http://h/", ctx.scoped("reporter", "x").get("url"));
        assertEquals(Map.of("A", "1"), ctx.scoped("reporter", "x").getMap("headers"));
        assertEquals(Set.of("zprof.reporter.x.url", "zprof.reporter.x.headers", "zprof.reporter.x.headers.",
                        "zprof.reporter.x.headers.A"),
                ctx.settingsRead());
        CountDownLatch ran = new CountDownLatch(1);
        Thread t = ctx.threadFactory("upload").newThread(ran::countDown);
        assertEquals("zprof-upload-1", t.getName());
        assertTrue(t.isDaemon());
        t.start();
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        assertEquals(ZprofConfig.defaults(), TestProviderContext.of(Map.of()).config());
        AssertionError refused = assertThrows(AssertionError.class, () -> ctx.forbiddingThreads().threadFactory("spin"));
        assertTrue(refused.getMessage().contains("(spin)"), refused.getMessage());
        assertEquals("http://h/", ctx.forbiddingThreads().scoped("reporter", "x").get("url"));
    }

    @Test
    void manualClockMovesOnlyWhenTold() {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), clock.instant());
        assertEquals(Instant.parse("2026-01-01T00:01:30Z"), clock.advance(Duration.ofSeconds(90)));
        assertEquals(Instant.parse("2026-01-01T00:01:30Z").toEpochMilli(), clock.millis());
        clock.set(Instant.parse("2027-01-01T00:00:00Z"));
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), clock.instant());
    }

    @Test
    void inMemoryReporterRecordsFailsWhenToldAndCountsCloses() throws Exception {
        InMemoryReporter provider = new InMemoryReporter();
        Reporter r = provider.create(TestProviderContext.of(Map.of()));
        ReportEvent a = ReportEvent.builder().eventId("a").rule("cpu").build();
        r.report(a);
        provider.failWith(new IOException("down"));
        ReportEvent b = ReportEvent.builder().eventId("b").build();
        assertEquals("down", assertThrows(IOException.class, () -> r.report(b)).getMessage());
        provider.succeed();
        r.report(b);
        assertEquals(List.of(a, b), provider.events());
        assertEquals(3, provider.attempts());
        assertEquals(List.of(a), provider.awaitEvents(1, Duration.ofSeconds(1)));
        AssertionError none = assertThrows(AssertionError.class, () -> provider.awaitEvents(3, Duration.ofMillis(20)));
        assertTrue(none.getMessage().contains("2 of 3 events"), none.getMessage());
        r.close();
        r.close();
        assertEquals(1, provider.created());
        assertEquals(1, provider.closed());
    }

    @Test
    void awaitEventsIsWokenByADeliveryOnAnotherThread() throws Exception {
        InMemoryReporter provider = new InMemoryReporter("mine");
        Reporter r = provider.create(TestProviderContext.of(Map.of()));
        ReportEvent e = ReportEvent.builder().eventId("x").build();
        Thread t = new Thread(() -> {
            try {
                r.report(e);
            } catch (IOException ex) {
                throw new AssertionError(ex);
            }
        });
        t.start();
        assertEquals(List.of(e), provider.awaitEvents(1, Duration.ofSeconds(10)));
        t.join();
    }
}
