package io.zprof.agent.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application built here, carrying okhttp 3.14 and Jackson 2.9 on its own class path, runs under
 * {@code -javaagent:zprof-agent.jar}: its own HTTP calls and JSON parsing work with its versions, zprof's classes are
 * invisible to it, a zprof rule fires, the evidence lands, the HTTP reporter delivers the event to a real server on
 * loopback, and a third-party reporter named on {@code plugins=} writes its line. Runs on the JDK of the build (CI: 17
 * and 25).
 */
class OldLibrariesUnderAgentIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The application: calls the server with okhttp 3, parses with Jackson 2.9, then leaks parked threads. */
    private static final String APP = """
            package app;

            import com.fasterxml.jackson.databind.JsonNode;
            import com.fasterxml.jackson.databind.ObjectMapper;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import okhttp3.OkHttpClient;
            import okhttp3.Request;
            import okhttp3.Response;

            public class OldLibsApp {
                public static void main(String[] args) throws Exception {
                    call(args[0], "first");
                    try {
                        Class.forName("io.zprof.core.Zprof");
                        System.out.println("app: zprof visible");
                    } catch (ClassNotFoundException expected) {
                        System.out.println("app: zprof invisible");
                    }
                    for (int i = 0; i < Integer.parseInt(args[1]); i++) {
                        Thread t = new Thread(OldLibsApp::park, "app-parked-" + i);
                        t.setDaemon(true);
                        t.start();
                    }
                    Path dumps = Path.of(args[2]);
                    while (!Files.isDirectory(dumps) || Files.list(dumps).noneMatch(p -> p.getFileName().toString().startsWith("threads_"))) {
                        Thread.sleep(100);
                    }
                    call(args[0], "second");
                    park();
                }

                static void call(String url, String which) throws Exception {
                    try (Response r = new OkHttpClient().newCall(new Request.Builder().url(url).build()).execute()) {
                        JsonNode n = new ObjectMapper().readTree(r.body().string());
                        System.out.println("app: " + which + " greeting=" + n.get("greeting").asText()
                                + " " + okhttp3.internal.Version.userAgent()
                                + " jackson/" + com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION);
                    }
                }

                static void park() {
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            """;

    @TempDir
    Path tmp;
    private HttpServer server;
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void theApplicationKeepsItsLibrariesWhileZprofFiresAndReports() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hello", x -> answer(x, "{\"greeting\":\"hi\"}"));
        server.createContext("/events", x -> {
            events.add(JSON.readTree(x.getRequestBody()));
            answer(x, "{}");
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();

        List<Path> oldLibs;
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("zprof.it.oldLibs")))) {
            oldLibs = s.sorted().toList();
        }
        Path app = tmp.resolve("app.jar");
        Jvms.compileJar(tmp, app, oldLibs, "app.OldLibsApp", Map.of("app/OldLibsApp.java", APP));
        Path dumps = tmp.resolve("dumps");
        Path eventLog = tmp.resolve("events.log");
        String options = String.join(",", "dump.path=" + dumps, "interval=200ms", "warmup=1",
                "threads.enabled=true", "threads.min=1", "threads.abs=60", "threads.cooldown=1h", "threads.dumps=threads",
                "reporters=http,eventlog", "reporter.http.url=" + base + "/events",
                "reporter.eventlog.path=" + eventLog, "plugins=" + Jvms.pluginJar(tmp));

        try (Jvms.Child child = Jvms.start(tmp, List.of(Jvms.tool("java"), "-javaagent:" + Jvms.agentJar() + "=" + options,
                "-jar", app.toString(), base + "/hello", "80", dumps.toString()))) {
            JsonNode event = events.poll(Jvms.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(event, () -> "the HTTP reporter delivered an event\n" + child.output());
            assertEquals("threads", event.path("rule").asText(), event.toString());
            Jvms.await("the application's second call", () -> child.output().contains("app: second"), child::output);
            Jvms.await("the plugin's line", () -> Files.exists(eventLog) && read(eventLog).contains("rule=threads"),
                    child::output);

            String out = child.output();
            assertTrue(out.contains("app: first greeting=hi okhttp/3.14.9 jackson/2.9.10"), out);
            assertTrue(out.contains("app: second greeting=hi okhttp/3.14.9 jackson/2.9.10"), out);
            assertTrue(out.contains("app: zprof invisible"), out);
            assertTrue(out.contains("zprof INFO") && out.contains("zprof rule threads fired"),
                    "zprof's own log lines are on standard error by default:\n" + out);
            List<String> artifacts = new java.util.ArrayList<>();
            event.path("artifacts").forEach(a -> artifacts.add(a.path("name").asText()));
            assertTrue(artifacts.stream().anyMatch(a -> a.startsWith("threads_")), "a thread dump: " + event);
            assertTrue(artifacts.stream().allMatch(a -> Files.isRegularFile(dumps.resolve(a))),
                    "the evidence the event names is on disk: " + event);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }

    private static void answer(com.sun.net.httpserver.HttpExchange x, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(200, bytes.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(bytes);
        }
    }
}
