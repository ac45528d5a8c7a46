package io.zprof.examples.customcollector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.model.ReportEvent;
import io.zprof.core.Zprof;
import io.zprof.core.status.RuleStatus;
import io.zprof.examples.customcollector.internal.QueueDepthCollectorProvider;
import io.zprof.testing.InMemoryReporter;
import io.zprof.testing.ManualClock;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extension story end to end: this module's jar holds one collector provider class and one services line; the
 * engine, unchanged, finds it, samples the new {@code queue.depth} metric from a real queue's management bean, and a
 * built-in {@code sustained} rule configured on that metric fires. The test drives the cycles
 * ({@code manualSampling()}), the time ({@link ManualClock}) and the queue itself: no sleeps, no polling.
 */
class ThirdPartyCollectorTest {
    private static final String BEAN = "io.zprof.examples.customcollector:type=Queue,name=orders";

    @TempDir
    Path tmp;

    private final BlockingQueue<String> orders = new LinkedBlockingQueue<>();
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @BeforeEach
    void publishTheQueue() throws Exception {
        QueueStatsMXBean stats = orders::size;
        server.registerMBean(stats, new ObjectName(BEAN));
    }

    @AfterEach
    void withdrawTheQueue() throws Exception {
        server.unregisterMBean(new ObjectName(BEAN));
    }

    @Test
    void aSustainedRuleWatchesTheNewMetricAndFiresAfterItsSamples() {
        InMemoryReporter reporter = new InMemoryReporter();
        ManualClock clock = new ManualClock();
        Map<String, String> settings = Map.of("zprof.warmup", "0", "zprof.dump.path", tmp.toString(),
                "zprof.reporters", InMemoryReporter.DEFAULT_NAME,
                "zprof.collector.queuedepth.mbean", BEAN,
                "zprof.rule.backlog.type", "sustained",
                "zprof.rule.backlog.metric", QueueDepthCollectorProvider.QUEUE_DEPTH.key(),
                "zprof.rule.backlog.threshold", "100",
                "zprof.rule.backlog.count", "3",
                "zprof.rule.backlog.of", "3");
        try (Zprof zprof = Zprof.builder().properties(ConfigProperties.of(settings)).reporter(reporter).clock(clock)
                .manualSampling().build()) {
            zprof.start();
            // above, above, a dip, above, above: never three in a row
            for (int depth : new int[] {150, 150, 50, 150, 150}) {
                fillTo(depth);
                assertTrue(zprof.sampleNow());
                assertEquals(0, backlog(zprof).firedCount(), "depth " + depth + ": " + backlog(zprof));
                clock.advance(Duration.ofSeconds(5));
            }
            // the third sample above 100 in a row
            fillTo(150);
            assertTrue(zprof.sampleNow());
            assertEquals(1, backlog(zprof).firedCount(), backlog(zprof).toString());

            ReportEvent event = reporter.awaitEvents(1, Duration.ofSeconds(10)).get(0);
            assertEquals("backlog", event.rule());
            assertEquals("queue.depth", event.metric());
            assertEquals(150.0, event.value());
            assertEquals("fired: 3 of the last 3 samples above 100.0, at least 3", event.reason());
        }
    }

    private void fillTo(int depth) {
        orders.clear();
        for (int i = 0; i < depth; i++) {
            orders.add("order-" + i);
        }
    }

    private static RuleStatus backlog(Zprof zprof) {
        return zprof.status().rules().stream().filter(r -> r.rule().equals("backlog")).findFirst().orElseThrow();
    }
}
