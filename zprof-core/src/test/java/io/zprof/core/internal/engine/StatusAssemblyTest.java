package io.zprof.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.EventType;
import io.zprof.api.model.ReportEvent;
import io.zprof.core.fixtures.FakeLoader;
import io.zprof.core.fixtures.MutableClock;
import io.zprof.core.internal.dump.DumpDirectoryHealth;
import io.zprof.core.internal.engine.EngineCounters.Counter;
import io.zprof.core.status.ProviderState;
import io.zprof.core.status.ProviderStatus;
import io.zprof.core.status.RuleStatus;
import io.zprof.core.status.ZprofStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** status() put together from the engine's parts. */
class StatusAssemblyTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-02T03:04:05Z"));
    private final EngineCounters counters = new EngineCounters();
    private final EventIds ids = new EventIds();
    private final SamplingCycle cycle = new SamplingCycle(clock, counters, ids);
    private final EventPublisher publisher = new EventPublisher(counters, () -> null);
    private final GcHeapCaptures gcHeap = new GcHeapCaptures(new GcHeapCaptures.Services(() -> null, () -> null,
            cycle::history, ids, counters, clock));
    private final StatusAssembly assembly = new StatusAssembly(cycle, gcHeap, counters, publisher,
            new DumpDirectoryHealth(clock));
    private final CycleLock lock = new CycleLock(() -> true);
    private final ZprofConfig config = ZprofConfig.builder().dryRun(true).threads(r -> r.enabled(true)).build();
    private final Generation stoppedGeneration = new Generation(4, config, ConfigProperties.empty(), null);

    @Test
    void itShowsEveryRuleTheGcHeapAndShrinkRulesCountersAndTheRecentEvents() {
        cycle.rules().apply(new RuleTypes(new FakeLoader()).plan(config), false);
        counters.increment(Counter.CYCLES);
        ReportEvent e = new ReportEvent("1", EventType.DRY_RUN, clock.instant(), "threads", 1, 1, "dry", Map.of(),
                Map.of(), List.of(), null, clock.instant(), clock.instant(), null);
        publisher.publish(e, null);
        ZprofStatus s = assembly.assemble(false, stoppedGeneration, lock, 2_500_000, Components.Statuses.NONE);
        assertFalse(s.running());
        assertEquals(4, s.generation());
        assertTrue(s.dryRun());
        List<String> rules = s.rules().stream().map(RuleStatus::rule).toList();
        assertTrue(rules.containsAll(List.of("threads", "gcheap", "shrink")), rules::toString);
        assertEquals("gcheap", rules.get(rules.size() - 2));
        assertEquals("shrink", rules.get(rules.size() - 1));
        assertEquals("disabled", s.rules().get(rules.size() - 1).reason());
        assertEquals(1L, s.counters().get("cycles"));
        assertEquals(1L, s.counters().get("dryRunEvents"));
        assertEquals(2500L, s.counters().get(StatusAssembly.SAMPLER_CPU_COUNTER), "microseconds");
        assertEquals(List.of(e), s.recentEvents());
    }

    @Test
    void withoutASamplerThereIsNoSamplerCpuAndWhileStoppedTheLastGenerationsProvidersShow() {
        ProviderStatus jvm = new ProviderStatus("collector", "jvm", "Jvm", 0, ProviderState.SELECTED, "", List.of());
        ZprofStatus s = assembly.assemble(false, stoppedGeneration, lock, -1,
                new Components.Statuses(List.of(jvm), List.of()));
        assertFalse(s.counters().containsKey(StatusAssembly.SAMPLER_CPU_COUNTER));
        assertEquals(List.of(jvm), s.providers());
    }

    @Test
    void aCycleThatHangsDoesNotHoldItUp() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread stuck = new Thread(() -> {
            lock.tryLock(0);
            held.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        });
        stuck.start();
        try {
            assertTrue(held.await(10, TimeUnit.SECONDS));
            ZprofStatus s = assembly.assemble(false, stoppedGeneration, lock, -1, Components.Statuses.NONE);
            assertEquals(4, s.generation(), "read without the lock");
        } finally {
            release.countDown();
            stuck.join();
        }
    }
}
