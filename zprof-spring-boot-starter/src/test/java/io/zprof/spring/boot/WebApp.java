package io.zprof.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zprof.spring.boot.app.ShopApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The test's web application, started for real on a random port, and what the tests ask it over HTTP. */
final class WebApp implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    final ConfigurableApplicationContext context;
    private final String base;

    private WebApp(ConfigurableApplicationContext context) {
        this.context = context;
        this.base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    /**
     * @param profile    the Spring profile ({@code application-<profile>.yml}), or {@code null}
     * @param properties {@code key=value} settings given as on the command line (they win over the YAML)
     * @return the started application
     */
    static WebApp start(String profile, String... properties) {
        List<String> args = new ArrayList<>(List.of("--server.port=0"));
        for (String p : properties) {
            args.add("--" + p);
        }
        SpringApplicationBuilder b = new SpringApplicationBuilder(ShopApplication.class);
        if (profile != null) {
            b.profiles(profile);
        }
        return new WebApp(b.run(args.toArray(String[]::new)));
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    HttpResponse<String> post(String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, Object> status() {
        HttpResponse<String> r = get("/actuator/zprof");
        assertEquals(200, r.statusCode(), r.body());
        return json(r.body());
    }

    static Map<String, Object> json(String body) {
        try {
            return JSON.readValue(body, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Closes the context, then checks that zprof left no thread and no JFR recording behind. */
    @Override
    public void close() {
        context.close();
        await("zprof threads ended: " + zprofThreads(), () -> zprofThreads().isEmpty());
        List<String> recordings = new ArrayList<>();
        for (Recording r : FlightRecorder.getFlightRecorder().getRecordings()) {
            // on JDK 17 to 20 zprof keeps this one for the JVM's life by design (README, "What zprof leaves")
            if (!(Runtime.version().feature() < 21 && r.getName().equals("zprof-periodic-task-guard"))) {
                recordings.add(r.getName());
            }
        }
        assertEquals(List.of(), recordings, "JFR recordings left after the context closed");
    }

    static List<String> zprofThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("zprof-")).toList();
    }

    /** Waits up to a minute for a condition, checking every 50 ms. */
    static void await(String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!condition.get()) {
            assertTrue(System.nanoTime() < deadline, "not within a minute: " + what);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
