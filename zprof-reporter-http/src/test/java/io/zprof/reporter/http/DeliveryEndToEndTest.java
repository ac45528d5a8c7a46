package io.zprof.reporter.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zprof.api.config.ReportConfig;
import io.zprof.api.config.RetryConfig;
import io.zprof.api.config.SpoolConfig;
import io.zprof.core.internal.report.NamedReporter;
import io.zprof.core.internal.report.ReportDispatcher;
import io.zprof.core.status.ReporterStatus;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's dispatcher with the real HTTP reporter: while the collector is down, events and artifacts wait in the
 * spool; after a restart and with the collector back, every artifact arrives byte for byte.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeliveryEndToEndTest {
    @TempDir
    Path tmp;

    private final ThreadFactory threads = r -> {
        Thread t = new Thread(r);
        t.setDaemon(true);
        return t;
    };

    @Test
    void everythingSpooledDuringAnOutageIsDeliveredAfterRestart() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path dumps = Files.createDirectories(tmp.resolve("dumps"));
        Map<String, byte[]> originals = new HashMap<>();
        ReportConfig config = ReportConfig.defaults().flushTimeout(Duration.ofMillis(500))
                .retry(new RetryConfig(2, Duration.ofMillis(5), Duration.ofMillis(50), Duration.ofSeconds(5), Duration.ZERO))
                .spool(new SpoolConfig(true, 64L * 1024 * 1024, tmp.resolve("spool")));
        HttpReporterConfig http = HttpReporterConfig.builder().url("http://127.0.0.1:" + port + "/upload")
                .format(HttpReporterConfig.Format.MULTIPART).connectTimeout(Duration.ofSeconds(1)).build();

        ReportDispatcher during = new ReportDispatcher(List.of(new NamedReporter("http", new HttpReporter(http))),
                config, tmp.resolve("spool"), threads, Clock.systemUTC());
        during.start();
        for (int i = 0; i < 3; i++) {
            byte[] bytes = new byte[50_000 + i];
            new Random(i).nextBytes(bytes);
            String name = "cpu_20260301-101530_ev" + i + ".jfr";
            originals.put(name, bytes);
            during.enqueue(TestEvents.event("ev" + i, Files.write(dumps.resolve(name), bytes)));
        }
        await(() -> status(during).spooled() == 3 && status(during).attempts() >= 2, during);
        during.close();
        assertTrue(status(during).lastError().contains("Connect"), status(during).lastError());
        for (String name : originals.keySet()) {
            Files.delete(dumps.resolve(name)); // dump retention runs meanwhile
        }

        try (RecordingServer server = RecordingServer.startOn(port)) {
            ReportDispatcher after = new ReportDispatcher(List.of(new NamedReporter("http", new HttpReporter(http))),
                    config, tmp.resolve("spool"), threads, Clock.systemUTC());
            after.start();
            await(() -> status(after).delivered() == 3, after);
            after.close();
            for (int i = 0; i < 3; i++) {
                RecordingServer.Received r = server.take();
                List<Multipart.Part> parts = Multipart.parse(r.header("Content-Type"), r.body());
                String id = new ObjectMapper().readTree(parts.get(0).body()).get("eventId").asText();
                assertEquals(id, r.header("X-Zprof-Event-Id"));
                Multipart.Part artifact = parts.get(1);
                assertArrayEquals(originals.get(artifact.filename()), artifact.body(), artifact.filename());
            }
            ReporterStatus s = status(after);
            assertEquals(3, s.recovered());
            assertEquals(0, s.spooled());
        }
    }

    private static ReporterStatus status(ReportDispatcher d) {
        return d.status().get(0);
    }

    private static void await(BooleanSupplier condition, ReportDispatcher d) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                fail("condition never met: " + d.status());
            }
            Thread.sleep(10);
        }
    }
}
