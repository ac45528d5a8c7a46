package io.zprof.reporter.http;

import io.zprof.support.okhttp.OkHttpEndpoint;
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
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
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
    public static final String EVENT_ID_HEADER = OkHttpEndpoint.EVENT_ID_HEADER;

    private final HttpReporterConfig config;
    private final HttpUrl url;
    private final OkHttpEndpoint endpoint;
    private final PrometheusText prometheus = new PrometheusText();

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
        this.endpoint = new OkHttpEndpoint("http", config.endpoint(), clock);
    }

    /** @return the settings */
    public HttpReporterConfig config() {
        return config;
    }

    @Override
    public ReportOutcome report(ReportEvent event) throws IOException {
        endpoint.checkOpen();
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
        Request.Builder request = endpoint.request(target, event.eventId()).method(method, body);
        endpoint.execute(request.build());
        return ReportOutcome.success();
    }

    private RequestBody multipart(ReportEvent event) {
        MultipartBody.Builder b = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("event", null, RequestBody.create(EventJson.of(event), JSON));
        for (ArtifactRef a : event.artifacts()) {
            if (!config.heapDumps() && a.extension().equalsIgnoreCase("hprof")) {
                // listed in the event document, kept on the host: it holds every secret the process had in memory
                continue;
            }
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

    /** Cancels requests in flight and releases connections. Idempotent. */
    @Override
    public void close() {
        endpoint.close();
    }

    @Override
    public String toString() {
        return "HttpReporter[" + config + "]";
    }
}
