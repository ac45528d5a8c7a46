package io.zprof.benchmarks.core;

import io.zprof.api.config.ReportConfig;
import io.zprof.api.model.EventType;
import io.zprof.api.model.ReportEvent;
import io.zprof.api.model.ReportOutcome;
import io.zprof.api.port.Reporter;
import io.zprof.core.internal.engine.ZprofThreadFactory;
import io.zprof.core.internal.report.NamedReporter;
import io.zprof.core.internal.report.ReportDispatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of handing an event to report delivery, as the capture thread pays it: with a reporter that delivers at once
 * (the worker drains concurrently) and with one that hangs (the queue stays full and every enqueue drops the oldest).
 *
 * <p>Run: {@code java -jar zprof-benchmarks/target/benchmarks.jar EnqueueBenchmark -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EnqueueBenchmark {
    /** How the reporter behaves. */
    @Param({"fast", "hanging"})
    public String reporter;

    private ReportDispatcher dispatcher;
    private final CountDownLatch never = new CountDownLatch(1);
    private final ReportEvent event = ReportEvent.builder().eventId("1").type(EventType.TRIGGER).time(Instant.EPOCH)
            .rule("cpu").value(91.5).average(40.2).reason("fired: 91.5 > abs 80.0").thresholds(Map.of("abs", 80.0))
            .labels(Map.of("app", "bench")).from(Instant.EPOCH).until(Instant.EPOCH).build();

    /** A dispatcher with one reporter, spool off so only the in-memory path is measured. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Reporter r = "fast".equals(reporter) ? e -> ReportOutcome.success() : e -> {
            try {
                never.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            return ReportOutcome.success();
        };
        ReportConfig cfg = ReportConfig.defaults().spool(ReportConfig.defaults().spool().enabled(false));
        Path spool = Files.createTempDirectory("zprof-enqueue");
        dispatcher = new ReportDispatcher(List.of(new NamedReporter("bench", r)), cfg, spool,
                new ZprofThreadFactory("report"), Clock.systemUTC());
        dispatcher.start();
    }

    /** Closes the dispatcher. */
    @TearDown(Level.Trial)
    public void tearDown() {
        never.countDown();
        dispatcher.close();
    }

    /** One enqueue. */
    @Benchmark
    public void enqueue() {
        dispatcher.enqueue(event);
    }
}
