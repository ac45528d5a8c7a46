package io.zprof.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.core.Zprof;
import io.zprof.spring.boot.app.ShopApplication;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The starter in a real Spring Boot web application (Tomcat on a random port, Actuator, Prometheus registry):
 * settings from application-acceptance.yml, a rule firing into {@code GET /actuator/zprof}, the write operations
 * closed then opened, the Prometheus scrape, a bad value failing start-up, executors shrunk, and a shutdown that
 * leaves no zprof thread or JFR recording ({@link WebApp#close()}).
 */
@ExtendWith(OutputCaptureExtension.class)
class ZprofStarterAcceptanceTest {
    @TempDir
    Path tmp;

    private String dumps() {
        return "zprof.dump.path=" + tmp.resolve("dumps");
    }

    @Test
    @SuppressWarnings("unchecked")
    void yamlSettingsTakeEffectARuleFiresIntoTheEndpointAndWritesAreRefused() throws IOException {
        try (WebApp app = WebApp.start("acceptance", dumps())) {
            Zprof zprof = app.context.getBean(Zprof.class);
            assertEquals(Duration.ofMillis(200), zprof.config().collectInterval());
            assertEquals("acceptance-shop", zprof.config().labels().get("app"));
            assertEquals(Set.of("oshi"), zprof.config().providers().disabled()); // a YAML list

            WebApp.await("the threads rule's event in GET /actuator/zprof", () -> threadsEvent(app) != null);
            assertEquals(1L, ((Number) threadsRule(app).get("firedCount")).longValue());
            Map<String, Object> event = threadsEvent(app);
            List<Map<String, Object>> files = (List<Map<String, Object>>) event.get("files");
            assertTrue(files.stream().anyMatch(f -> "threads".equals(f.get("kind"))), files.toString());
            for (Map<String, Object> f : files) {
                assertTrue(Files.isRegularFile(Path.of((String) f.get("path"))), "listed but missing: " + f);
            }

            int bundles = bundles();
            HttpResponse<String> refused = app.post("/actuator/zprof/capture", Map.of("kinds", "threads", "reason", "x"));
            assertTrue(refused.statusCode() >= 400 && refused.statusCode() < 500, refused.statusCode() + " " + refused.body());
            assertEquals(bundles, bundles(), "a refused capture wrote a bundle");
            HttpResponse<String> refusedUpdate = app.post("/actuator/zprof/update",
                    Map.of("settings", "zprof.cpu.abs=70"));
            assertTrue(refusedUpdate.statusCode() >= 400 && refusedUpdate.statusCode() < 500, refusedUpdate.body());
            assertEquals(80, zprof.config().cpu().abs());

            WebApp.await("CPU usage in the scrape", () -> app.get("/actuator/prometheus").body().contains("zprof_cpu_usage_ratio "));
            String scrape = app.get("/actuator/prometheus").body();
            for (String line : List.of("# TYPE zprof_threads_live_threads gauge", "# TYPE zprof_memory_rss_bytes gauge",
                    "# TYPE zprof_cpu_usage_ratio gauge", "# TYPE zprof_samples_total counter",
                    "zprof_rules_fired_total{rule=\"threads\"} 1.0", "# TYPE zprof_process_cpu_time_seconds_total counter",
                    "zprof_running 1.0")) {
                assertTrue(scrape.contains(line), "no '" + line + "' in\n" + scrape);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void writeOperationsOpenWithAccessUnrestrictedCaptureAndUpdate() {
        try (WebApp app = WebApp.start(null, dumps(), "management.endpoint.zprof.access=unrestricted")) {
            Zprof zprof = app.context.getBean(Zprof.class);
            HttpResponse<String> r = app.post("/actuator/zprof/capture",
                    Map.of("kinds", "threads", "reason", "checkout slow, ticket 42"));
            assertEquals(200, r.statusCode(), r.body());
            Map<String, Object> event = WebApp.json(r.body());
            assertEquals("manual", event.get("rule"));
            assertEquals("checkout slow, ticket 42", event.get("reason"));
            Path bundle = Path.of((String) event.get("directory"));
            assertTrue(bundle.startsWith(tmp.resolve("dumps")), bundle.toString());
            List<Map<String, Object>> files = (List<Map<String, Object>>) event.get("files");
            assertTrue(files.stream().anyMatch(f -> "threads".equals(f.get("kind"))), files.toString());
            files.forEach(f -> assertTrue(Files.isRegularFile(Path.of((String) f.get("path"))), f.toString()));

            HttpResponse<String> bad = app.post("/actuator/zprof/capture", Map.of("kinds", "threads,nosuchkind"));
            assertEquals(400, bad.statusCode(), bad.body());
            assertTrue(bad.body().contains("nosuchkind"), bad.body());

            HttpResponse<String> updated = app.post("/actuator/zprof/update",
                    Map.of("settings", "zprof.cpu.abs=70\nzprof.cpu.enabled=true"));
            assertEquals(200, updated.statusCode(), updated.body());
            assertEquals(70, zprof.config().cpu().abs());
            assertTrue(zprof.config().cpu().enabled());
            HttpResponse<String> refused = app.post("/actuator/zprof/update", Map.of("settings", "zprof.cpu.abs=banana"));
            assertEquals(400, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("zprof.cpu.abs") && refused.body().contains("banana"), refused.body());
            assertEquals(70, zprof.config().cpu().abs(), "a refused update changed something");
            HttpResponse<String> reset = app.post("/actuator/zprof/update", Map.of("settings", "zprof.cpu.abs="));
            assertEquals(200, reset.statusCode(), reset.body());
            assertEquals(80, zprof.config().cpu().abs(), "an empty value is the default again");
        }
    }

    @Test
    void aBadValueFailsStartUpWithAReportNamingKeyValueAndWhereItWasSet(CapturedOutput output) {
        assertThrows(Exception.class, () -> WebApp.start(null, dumps(), "zprof.cpu.abs=banana").close());
        String out = output.getOut() + output.getErr();
        assertTrue(out.contains("APPLICATION FAILED TO START"), out);
        assertTrue(out.contains("Invalid zprof configuration: zprof.cpu.abs=banana"), out);
        assertTrue(out.contains("Fix zprof.cpu.abs (set in "), out);
        assertEquals(List.of(), WebApp.zprofThreads(), "a failed start-up left zprof threads");
    }

    @Test
    void shrinkingShrinksTheApplicationsThreadPoolTaskExecutors() {
        try (WebApp app = WebApp.start(null, dumps(), "zprof.interval=200ms", "zprof.shrink.enabled=true",
                "zprof.shrink.threshold=1", "zprof.shrink.delay=0s", "zprof.shrink.count=2")) {
            ThreadPoolTaskExecutor workers = app.context.getBean("workers", ThreadPoolTaskExecutor.class);
            WebApp.await("the workers pool shrunk", () -> workers.getThreadPoolExecutor().getMaximumPoolSize() < ShopApplication.WORKERS);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> threadsRule(WebApp app) {
        return ((List<Map<String, Object>>) app.status().get("rules")).stream()
                .filter(r -> "threads".equals(r.get("rule"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> threadsEvent(WebApp app) {
        return ((List<Map<String, Object>>) app.status().get("recentEvents")).stream()
                .filter(e -> "threads".equals(e.get("rule"))).findFirst().orElse(null);
    }

    private int bundles() throws IOException {
        Path dir = tmp.resolve("dumps");
        try (Stream<Path> s = Files.list(dir)) {
            return (int) s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).count();
        }
    }
}
