package io.zprof.benchmarks.overhead;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Pyroscope server as far as the Pyroscope Java agent can tell: {@code POST /ingest} answered 200 after its body is
 * read in full, and counted. {@link SideBySide} points the agent here so that it profiles, dumps and uploads as it
 * would in production, without a Pyroscope on the machine.
 */
final class IngestSink implements AutoCloseable {
    private final HttpServer server;
    private final AtomicLong uploads = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    /** @throws IOException when no loopback port can be bound */
    IngestSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ingest", exchange -> {
            try (exchange) {
                bytes.addAndGet(exchange.getRequestBody().transferTo(OutputStream.nullOutputStream()));
                uploads.incrementAndGet();
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
    }

    /** @return the address to give the agent ({@code PYROSCOPE_SERVER_ADDRESS}) */
    String address() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return uploads received so far */
    long uploads() {
        return uploads.get();
    }

    /** @return bytes of profile received so far */
    long bytes() {
        return bytes.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
