package io.zprof.support.okhttp;

import io.zprof.api.port.ReportException;
import io.zprof.support.http.HttpEndpointConfig;
import io.zprof.support.http.HttpStatusFailures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * okhttp glue for an {@link HttpEndpointConfig}: the client with its timeouts, requests carrying the user agent, the
 * custom headers and the authorization, the calls in flight, and the failure of an unsuccessful answer
 * ({@link HttpStatusFailures} holds the retry decision shared by every HTTP reporter). Redirects are not followed:
 * they would carry the credentials elsewhere.
 */
public final class OkHttpEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(OkHttpEndpoint.class);
    /** Header that identifies the event on every request, for de-duplication by the receiver. */
    public static final String EVENT_ID_HEADER = "X-Zprof-Event-Id";
    /** The release, from a resource the build writes (a shaded jar may lose the manifest). */
    private static final String VERSION = readVersion();
    /** How much of an error body is read for the failure's message. */
    private static final int BODY_PEEK_BYTES = 512;

    private final String reporter;
    private final HttpEndpointConfig endpoint;
    private final String userAgent;
    private final OkHttpClient client;
    private final List<String> secrets;
    private final Clock clock;
    private final Set<Call> active = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * Warns when credentials would travel over plain http to a host that is not loopback.
     *
     * @param reporter the reporter's name, for the user agent and the warning
     * @param endpoint validated settings
     * @param clock    for {@code Retry-After} dates
     */
    public OkHttpEndpoint(String reporter, HttpEndpointConfig endpoint, Clock clock) {
        this.reporter = reporter;
        this.endpoint = endpoint;
        this.userAgent = "zprof-reporter-" + reporter + "/" + VERSION;
        this.client = new OkHttpClient.Builder()
                .connectTimeout(endpoint.connectTimeout())
                .readTimeout(endpoint.readTimeout())
                .writeTimeout(endpoint.writeTimeout())
                .callTimeout(endpoint.callTimeout())
                .followRedirects(false)
                .followSslRedirects(false)
                // OkHttp would silently send a POST again after a connection failure, even when the server may
                // already have taken it: a duplicate event, or a profile Pyroscope counts twice. The engine's own
                // retry (backoff, counted, spooled) handles the failure instead
                .retryOnConnectionFailure(false)
                .build();
        this.secrets = endpoint.secrets();
        this.clock = clock;
        if (endpoint.sendsCredentialsInClear()) {
            LOG.warn("The {} reporter sends credentials to {} over plain http; use https", reporter, endpoint.host());
        }
    }

    /** @throws ReportException (retryable, as before) once {@link #close()} was called */
    public void checkOpen() throws ReportException {
        if (closed) {
            throw new ReportException("the " + reporter + " reporter is closed", true, null);
        }
    }

    /**
     * @param url     where to send
     * @param eventId the event the request delivers, sent as {@value #EVENT_ID_HEADER}; {@code null} for none
     * @return a request with the user agent and the event id, then the custom headers, then the authorization
     *         (which they cannot replace)
     */
    public Request.Builder request(HttpUrl url, String eventId) {
        Request.Builder request = new Request.Builder().url(url).header("User-Agent", userAgent);
        if (eventId != null) {
            request.header(EVENT_ID_HEADER, eventId);
        }
        endpoint.headers().forEach(request::header);
        if (endpoint.hasAuth()) {
            request.header("Authorization", endpoint.authorization());
        }
        return request;
    }

    /**
     * @param request what to send
     * @throws ReportException for an answer other than 2xx, retryable or not, never repeating a secret
     * @throws IOException     when the exchange fails (retryable for the engine)
     */
    public void execute(Request request) throws IOException {
        Call call = client.newCall(request);
        active.add(call);
        try (Response response = call.execute()) {
            if (!response.isSuccessful()) {
                throw failure(response, describe(request.url()));
            }
        } finally {
            active.remove(call);
        }
    }

    private ReportException failure(Response response, String target) {
        String body;
        boolean cut;
        try {
            // one byte more than is quoted tells whether the body went on past the quoted part
            byte[] bytes = response.peekBody(BODY_PEEK_BYTES + 1L).bytes();
            cut = bytes.length > BODY_PEEK_BYTES;
            body = new String(bytes, 0, Math.min(bytes.length, BODY_PEEK_BYTES), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            body = "";
            cut = false;
        }
        return HttpStatusFailures.forStatus(response.code(), response.message(), target, body, cut,
                response.header("Retry-After"), clock.instant(), secrets);
    }

    /** Scheme, host, port and path: no query, and never credentials. */
    private static String describe(HttpUrl u) {
        return u.scheme() + "://" + u.host() + ":" + u.port() + u.encodedPath();
    }

    private static String readVersion() {
        try (InputStream in = OkHttpEndpoint.class.getResourceAsStream("zprof-version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                // an unfiltered copy (an IDE build) still holds the placeholder
                if (!v.isBlank() && !v.startsWith("$")) {
                    return v.trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Cannot read zprof's version: {}", e.toString());
        }
        return "dev";
    }

    /** Cancels calls in flight and releases connections. Idempotent. */
    public void close() {
        closed = true;
        active.forEach(Call::cancel);
        client.connectionPool().evictAll();
    }
}
