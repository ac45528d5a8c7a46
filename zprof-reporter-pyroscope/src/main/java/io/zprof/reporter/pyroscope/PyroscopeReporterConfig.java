package io.zprof.reporter.pyroscope;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigValues;
import io.zprof.api.config.ConfigurationException;
import io.zprof.support.http.HttpEndpointConfig;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Settings of the {@link PyroscopeReporter}, read from {@code zprof.reporter.pyroscope.*} or built in code:
 * <pre>{@code
 * PyroscopeReporterConfig cfg = PyroscopeReporterConfig.builder()
 *     .url("https://profiles-prod-001.grafana.net")
 *     .app("checkout-service")
 *     .label("env", "prod")
 *     .username("123456").password(System.getenv("GRAFANA_CLOUD_TOKEN"))
 *     .build();
 * }</pre>
 * {@link #toString()} never shows the password or header values: they live in the {@link HttpEndpointConfig}, which
 * hides them.
 *
 * @param endpoint        Pyroscope base URL ({@code /ingest} is appended), basic auth (Grafana Cloud: the stack's
 *                        user id and an access-policy token; a bearer token is refused), extra headers (applied
 *                        first: auth and tenant headers replace same-named ones) and timeouts, the call timeout kept
 *                        below {@code zprof.report.calltimeout}
 * @param app             service name ({@code service_name} in Pyroscope), or {@code null} to use the event's
 *                        {@code app} label, else {@code zprof}
 * @param labels          static series labels added to every upload (low cardinality only)
 * @param tenant          {@code X-Scope-OrgID} for a multi-tenant Pyroscope, or {@code null}
 * @param gzip            gzip the JFR part (recommended; files over 4 MiB are sent as they are, see
 *                        {@link PyroscopeReporter})
 * @param ingestionWindow how old a capture may be; older ones are refused by the server, so they are dropped
 *                        without a request (Pyroscope's {@code -validation.reject-older-than}, default 1 h;
 *                        above 0, at most 30 days)
 */
public record PyroscopeReporterConfig(HttpEndpointConfig endpoint, String app, Map<String, String> labels,
                                      String tenant, boolean gzip, Duration ingestionWindow) {

    /** Prefix of every key this reporter reads. */
    static final String PREFIX = "zprof.reporter.pyroscope.";
    /** Default {@code ingestionwindow}: Pyroscope's default {@code reject-older-than}. */
    static final Duration DEFAULT_INGESTION_WINDOW = Duration.ofHours(1);
    /** Every key {@link #fromProperties} reads, relative to {@code zprof.reporter.pyroscope.}. */
    public static final Set<String> SETTING_KEYS = HttpEndpointConfig.settingKeysWith("app", "labels", "labels.",
            "tenant", "gzip", "ingestionwindow");
    /** The longest {@code ingestionwindow}: a month, far beyond any server's {@code reject-older-than}. */
    static final Duration LONGEST_INGESTION_WINDOW = Duration.ofDays(30);
    /** At most this many static labels: Pyroscope allows 30 per series and adds 5 of its own. */
    static final int MAX_LABELS = 20;

    /** Validates every component; a failure names the property key (never a secret's value). */
    public PyroscopeReporterConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        if (endpoint.token() != null) {
            throw new ConfigurationException(endpoint.keyPrefix() + "token", "****",
                    "is not supported: Pyroscope takes basic auth (username and password)");
        }
        app = blankToNull(app);
        if (app != null) {
            String problem = SeriesName.serviceNameProblem(app);
            if (problem != null) {
                throw new ConfigurationException(PREFIX + "app", app, problem);
            }
        }
        labels = Collections.unmodifiableMap(new TreeMap<>(labels == null ? Map.of() : labels));
        if (labels.size() > MAX_LABELS) {
            throw new ConfigurationException(PREFIX + "labels", labels.keySet(), "at most " + MAX_LABELS + " labels");
        }
        for (Map.Entry<String, String> l : labels.entrySet()) {
            String problem = SeriesName.labelProblem(l.getKey(), l.getValue());
            if (problem != null) {
                throw new ConfigurationException(PREFIX + "labels." + l.getKey(), l.getValue(), problem);
            }
        }
        tenant = blankToNull(tenant);
        if (tenant != null && !headerValueOk(tenant)) {
            throw new ConfigurationException(PREFIX + "tenant", tenant, "must be one line of printable text");
        }
        ConfigValues.checkDuration(PREFIX + "ingestionwindow", ingestionWindow, ConfigValues.ANY_POSITIVE,
                LONGEST_INGESTION_WINDOW);
    }

    /** @return a builder with the defaults: gzip on, 1 h ingestion window, connect 10 s, read and write 30 s, call 54 s */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from this configuration */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Reads {@code url}, {@code app}, {@code labels} ({@code labels=env=prod,region=eu} or {@code labels.env=prod}),
     * {@code username}, {@code password}, {@code tenant}, {@code headers.<Name>}, {@code gzip},
     * {@code ingestionwindow}, {@code connecttimeout}, {@code readtimeout}, {@code writetimeout} and
     * {@code calltimeout}.
     *
     * @param p                 the properties under {@code zprof.reporter.pyroscope.}, prefix removed
     * @param engineCallTimeout {@code zprof.report.calltimeout}; the default {@code calltimeout} is 90 % of it
     * @return the validated configuration
     * @throws ConfigurationException naming the full key of a missing or bad setting
     */
    public static PyroscopeReporterConfig fromProperties(ConfigProperties p, Duration engineCallTimeout) {
        return p.echoingTypedDurations(() -> builder()
                .endpoint(HttpEndpointConfig.fromProperties(p, "", engineCallTimeout))
                .app(p.get("app"))
                .labels(p.getMap("labels"))
                .tenant(p.get("tenant"))
                .gzip(p.getBoolean("gzip", true))
                .ingestionWindow(p.getDuration("ingestionwindow", DEFAULT_INGESTION_WINDOW))
                .build());
    }

    /** Shows everything but secrets, which the endpoint hides. */
    @Override
    public String toString() {
        return "PyroscopeReporterConfig[" + endpoint + ", app=" + app + ", labels=" + labels + ", tenant=" + tenant
                + ", gzip=" + gzip + ", ingestionWindow=" + ingestionWindow + "]";
    }

    private static boolean headerValueOk(String v) {
        return v != null && v.chars().noneMatch(c -> c == '\r' || c == '\n' || c == 0);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private HttpEndpointConfig.Builder endpoint = HttpEndpointConfig.builder(PREFIX);
        private String app;
        private final Map<String, String> labels = new TreeMap<>();
        private String tenant;
        private boolean gzip = true;
        private Duration ingestionWindow = DEFAULT_INGESTION_WINDOW;

        Builder() {
        }

        Builder(PyroscopeReporterConfig c) {
            endpoint = c.endpoint.toBuilder();
            app = c.app;
            labels.putAll(c.labels);
            tenant = c.tenant;
            gzip = c.gzip;
            ingestionWindow = c.ingestionWindow;
        }

        /** @param v URL, credentials, headers and timeouts, replacing those set so far @return this */
        public Builder endpoint(HttpEndpointConfig v) { endpoint = v.toBuilder(); return this; }
        /** @param v Pyroscope base URL @return this */
        public Builder url(String v) { endpoint.url(v); return this; }
        /** @param v service name, or null for the event's app label @return this */
        public Builder app(String v) { app = v; return this; }
        /** @param name label name @param value label value @return this */
        public Builder label(String name, String value) { labels.put(name, value); return this; }
        /** @param v static labels, replacing those set so far @return this */
        public Builder labels(Map<String, String> v) { labels.clear(); labels.putAll(v); return this; }
        /** @param v basic-auth user @return this */
        public Builder username(String v) { endpoint.username(v); return this; }
        /** @param v basic-auth password @return this */
        public Builder password(String v) { endpoint.password(v); return this; }
        /** @param v X-Scope-OrgID tenant @return this */
        public Builder tenant(String v) { tenant = v; return this; }
        /** @param name header name @param value header value @return this */
        public Builder header(String name, String value) { endpoint.header(name, value); return this; }
        /** @param v extra headers, replacing those set so far @return this */
        public Builder headers(Map<String, String> v) { endpoint.headers(v); return this; }
        /** @param v gzip the JFR part @return this */
        public Builder gzip(boolean v) { gzip = v; return this; }
        /** @param v oldest capture the server accepts @return this */
        public Builder ingestionWindow(Duration v) { ingestionWindow = v; return this; }
        /** @param v connect limit @return this */
        public Builder connectTimeout(Duration v) { endpoint.connectTimeout(v); return this; }
        /** @param v read limit @return this */
        public Builder readTimeout(Duration v) { endpoint.readTimeout(v); return this; }
        /** @param v write limit @return this */
        public Builder writeTimeout(Duration v) { endpoint.writeTimeout(v); return this; }
        /** @param v whole-upload limit @return this */
        public Builder callTimeout(Duration v) { endpoint.callTimeout(v); return this; }

        /** @return the validated configuration */
        public PyroscopeReporterConfig build() {
            return new PyroscopeReporterConfig(endpoint.build(), app, labels, tenant, gzip, ingestionWindow);
        }
    }
}
