package io.zprof.benchmarks.overhead;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.zprof.core.Zprof;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import jdk.jfr.FlightRecorder;
import jdk.jfr.RecordingState;

/**
 * {@link SideBySide}'s child JVM: a real HTTP service (Undertow, one JSON order serialised by Jackson per request on
 * {@code GET /order?id=n}) with zprof off, with its sampler only, or with its pre-trigger window (served by JFR or by
 * async-profiler, whichever dumper is on the class path). Prints one {@code READY} line saying what profiles it, then
 * runs until its standard input closes (the harness ends or dies).
 */
public final class HttpService {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One line of an order. @param sku article @param quantity how many @param unitCents price of one */
    record Line(String sku, int quantity, long unitCents) {
    }

    /** The response. @param id order id @param customer who @param lines what @param totalCents sum @param tags labels */
    record Order(long id, String customer, List<Line> lines, long totalCents, List<String> tags) {
    }

    private HttpService() {
    }

    /**
     * @param args zprof: {@code none}, {@code sampler} or {@code window}; the dump directory
     * @throws Exception when the server or zprof cannot start
     */
    public static void main(String[] args) throws Exception {
        String zprofMode = args[0];
        Path dumps = Path.of(args[1]);
        Zprof zprof = null;
        if (!"none".equals(zprofMode)) {
            // every threshold rule on and never crossed, as in the overhead harness: a capture would be counted as cost
            zprof = OverheadRun.productionLike(dumps, "window".equals(zprofMode));
            zprof.start();
        }
        Undertow server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(HttpService::order).build();
        server.start();
        int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        System.out.printf(Locale.ROOT, "READY port=%d pid=%d asyncProfilerLoaded=%b asyncWindowThread=%b jfrRecordings=%d%n",
                port, ProcessHandle.current().pid(), asyncProfilerLoaded(), threadNamed("zprof-async-window"),
                runningJfrRecordings());
        System.out.flush();
        while (System.in.read() >= 0) {
            // the harness keeps the pipe open while it measures
        }
        server.stop();
        if (zprof != null) {
            zprof.stop();
        }
    }

    private static void order(HttpServerExchange exchange) throws IOException {
        Deque<String> id = exchange.getQueryParameters().get("id");
        byte[] body = JSON.writeValueAsBytes(order(id == null ? 0 : Long.parseLong(id.getFirst())));
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }

    /** @param id the order's id @return an order of 5–14 lines, different for each id */
    static Order order(long id) {
        List<Line> lines = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < 5 + id % 10; i++) {
            Line line = new Line("SKU-" + (id * 31 + i) % 9973, 1 + (int) ((id + i) % 4), 199 + (id * 7 + i * 13) % 5000);
            lines.add(line);
            total += line.quantity() * line.unitCents();
        }
        return new Order(id, "customer-" + id % 500, lines, total, List.of("web", "eu"));
    }

    /** @return whether an async-profiler library is mapped into this process (zprof's, or the Pyroscope agent's) */
    private static boolean asyncProfilerLoaded() throws IOException {
        return Files.readString(Path.of("/proc/self/maps"), StandardCharsets.UTF_8).contains("asyncProfiler");
    }

    private static boolean threadNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith(prefix));
    }

    /** @return JFR recordings running now; 0 without asking JFR when it was never started (asking would start it) */
    private static long runningJfrRecordings() {
        if (!FlightRecorder.isInitialized()) {
            return 0;
        }
        return FlightRecorder.getFlightRecorder().getRecordings().stream().filter(r -> r.getState() == RecordingState.RUNNING)
                .count();
    }
}
