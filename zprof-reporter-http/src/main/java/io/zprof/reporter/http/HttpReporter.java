package io.zprof.reporter.http;

import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.ReportEvent;
import io.zprof.api.model.ReportOutcome;
import io.zprof.api.port.ReportException;
import io.zprof.api.port.Reporter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each event over HTTP, as JSON, as multipart with the artifacts attached, or as Prometheus metrics pushed to
 * a Pushgateway (see {@link HttpReporterConfig.Format}).
 *
 * <p>A 2xx answer means delivered. 408, 429 and 5xx answers and network errors are thrown as retryable (with the
 * server's {@code Retry-After}); every other answer, redirects included, is a final {@link ReportException}: the
 * engine retries, spools and counts. Every request carries {@code X-Zprof-Event-Id}, so a collector can drop the
 * duplicates that at-least-once delivery may produce.
 *
 * <p>Synchronous and thread-safe; {@link #close()} cancels requests in flight.
 */
public final class HttpReporter implements Reporter {
    private static final Logger LOG = LoggerFactory.getLogger(HttpReporter.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final MediaType OCTETS = MediaType.get("application/octet-stream");
    private static final MediaType PROMETHEUS = MediaType.get(PrometheusText.CONTENT_TYPE);
    /** Header that identifies the event, for de-duplication by the receiver. */
    public static final String EVENT_ID_HEADER = "X-Zprof-Event-Id";

    private final HttpReporterConfig config;
    private final HttpUrl url;
    private final OkHttpClient client;
    private final HttpFailures failures;
    private final PrometheusText prometheus = new PrometheusText();
    private final String userAgent;
    private final Set<Call> active = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** @param config validated settings */
    public HttpReporter(HttpReporterConfig config) {
        this(config, Clock.systemUTC());
    }

    /**
     * @param config validated settings
     * @param clock  for {@code Retry-After} dates
     */
    HttpReporter(HttpReporterConfig config, Clock clock) {
        this.config = config;
        this.url = HttpUrl.get(config.endpoint().url());
        this.client = new OkHttpClient.Builder()
                .connectTimeout(config.endpoint().connectTimeout())
                .readTimeout(config.endpoint().readTimeout())
                .writeTimeout(config.endpoint().writeTimeout())
                .callTimeout(config.endpoint().callTimeout())
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
        this.failures = new HttpFailures(config.endpoint().secrets(), clock);
        String version = HttpReporter.class.getPackage().getImplementationVersion();
        this.userAgent = "zprof-reporter-http/" + (version == null ? "dev" : version);
        if (config.endpoint().sendsCredentialsInClear()) {
            LOG.warn("The http reporter sends credentials to {} over plain http; use https", url.host());
        }
    }

    /** @return the settings */
    public HttpReporterConfig config() {
        return config;
    }

    @Override
    public ReportOutcome report(ReportEvent event) throws IOException {
        if (closed) {
            throw new ReportException("the http reporter is closed", true, null);
        }
        HttpUrl target;
        RequestBody body;
        String method = "POST";
        switch (config.format()) {
            case JSON:
                target = url;
                body = RequestBody.create(EventJson.of(event), JSON);
                break;
            case MULTIPART:
                target = url;
                body = multipart(event);
                break;
            default:
                target = pushUrl(event.rule());
                body = RequestBody.create(prometheus.render(event).getBytes(StandardCharsets.UTF_8), PROMETHEUS);
                method = config.pushMethod().name();
                break;
        }
        Request.Builder request = new Request.Builder().url(target).method(method, body)
                .header("User-Agent", userAgent);
        config.endpoint().headers().forEach(request::header);
        if (event.eventId() != null) {
            request.header(EVENT_ID_HEADER, event.eventId());
        }
        if (config.endpoint().hasAuth()) {
            request.header("Authorization", config.endpoint().authorization());
        }
        execute(request.build(), describe(target));
        return ReportOutcome.success();
    }

    private RequestBody multipart(ReportEvent event) {
        MultipartBody.Builder b = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("event", null, RequestBody.create(EventJson.of(event), JSON));
        for (ArtifactRef a : event.artifacts()) {
            if (!Files.isReadable(a.path())) {
                LOG.warn("Artifact {} of event {} is gone; sending the event without it", a.name(), event.eventId());
                continue;
            }
            b.addFormDataPart("artifact", a.name(), RequestBody.create(a.path().toFile(), mediaType(a)));
        }
        return b.build();
    }

    private static MediaType mediaType(ArtifactRef a) {
        switch (a.extension().toLowerCase(Locale.ROOT)) {
            case "json": return JSON;
            case "txt": return MediaType.get("text/plain; charset=utf-8");
            case "html": return MediaType.get("text/html; charset=utf-8");
            default: return OCTETS;
        }
    }

    /** {@code <url>/metrics/job/<job>[/instance/<instance>]/rule/<rule>}, with Pushgateway's base64 form when needed. */
    private HttpUrl pushUrl(String rule) {
        HttpUrl.Builder b = url.newBuilder().addPathSegment("metrics");
        grouping(b, "job", config.job());
        if (config.instance() != null) {
            grouping(b, "instance", config.instance());
        }
        grouping(b, "rule", rule == null ? "" : rule);
        return b.build();
    }

    private static void grouping(HttpUrl.Builder b, String name, String value) {
        if (value.isEmpty() || value.contains("/")) {
            String encoded = Base64.getUrlEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
            b.addPathSegment(name + "@base64").addPathSegment(encoded.isEmpty() ? "=" : encoded);
        } else {
            b.addPathSegment(name).addPathSegment(value);
        }
    }

    private void execute(Request request, String target) throws IOException {
        Call call = client.newCall(request);
        active.add(call);
        try (Response response = call.execute()) {
            if (!response.isSuccessful()) {
                throw failures.of(response, target);
            }
        } finally {
            active.remove(call);
        }
    }

    /** Scheme, host, port and path: no query, and never credentials. */
    private static String describe(HttpUrl u) {
        return u.scheme() + "://" + u.host() + ":" + u.port() + u.encodedPath();
    }

    /** Cancels requests in flight and releases connections. Idempotent. */
    @Override
    public void close() {
        closed = true;
        active.forEach(Call::cancel);
        client.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "HttpReporter[" + config + "]";
    }
}
