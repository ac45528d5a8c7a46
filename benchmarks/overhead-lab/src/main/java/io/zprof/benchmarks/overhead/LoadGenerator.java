package io.zprof.benchmarks.overhead;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * {@link SideBySide}'s load: the same fixed request rate to every service at once, one thread and one keep-alive
 * HTTP/1.1 connection per service. Request {@code i} is due at {@code start + i / rate}; a service that falls behind
 * gets its late requests back to back, so each one receives {@code rate × duration} requests unless one fails.
 * Plain sockets, so the generator's own CPU stays small beside the services it loads.
 */
final class LoadGenerator {
    /** What one service got. @param served responses 200 read in full @param error the failure, or null */
    record Outcome(long served, String error) {
    }

    private LoadGenerator() {
    }

    /**
     * @param ports    the services' loopback ports
     * @param rate     requests a second to each
     * @param duration how long
     * @return one outcome per port, in order
     * @throws InterruptedException when interrupted while waiting for the threads
     */
    static List<Outcome> run(List<Integer> ports, int rate, Duration duration) throws InterruptedException {
        Outcome[] outcomes = new Outcome[ports.size()];
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < ports.size(); i++) {
            int slot = i;
            Thread t = new Thread(() -> outcomes[slot] = load(ports.get(slot), rate, start, duration.toNanos()),
                    "load-" + ports.get(i));
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        return List.of(outcomes);
    }

    private static Outcome load(int port, int rate, long start, long nanos) {
        long period = 1_000_000_000L / rate;
        long served = 0;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (long i = 0; i * period < nanos; i++) {
                long wait = start + i * period - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                out.write(String.format(Locale.ROOT, "GET /order?id=%d HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", i % 1000)
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                readResponse(in);
                served++;
            }
            return new Outcome(served, null);
        } catch (IOException | RuntimeException e) {
            return new Outcome(served, e.toString());
        }
    }

    /** Reads one response with a {@code Content-Length} body; fails unless its status is 200. */
    static void readResponse(InputStream in) throws IOException {
        String status = line(in);
        if (!status.startsWith("HTTP/1.1 200")) {
            throw new IOException("unexpected response: " + status);
        }
        long length = -1;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Long.parseLong(header.substring(15).trim());
            }
        }
        if (length < 0) {
            throw new IOException("response without Content-Length");
        }
        in.skipNBytes(length);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed mid-response");
            }
            if (c != '\r') {
                s.append((char) c);
            }
        }
        return s.toString();
    }
}
