package io.zprof.reporter.pyroscope;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.HttpUrl;

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
 * {@link #toString()} never shows the password or header values.
 *
 * @param url             Pyroscope base URL; {@code /ingest} is appended (credentials in the URL are taken as basic
 *                        auth and removed)
 * @param app             service name ({@code service_name} in Pyroscope), or {@code null} to use the event's
 *                        {@code app} label, else {@code zprof}
 * @param labels          static series labels added to every upload (low cardinality only)
 * @param username        basic-auth user (Grafana Cloud: the stack's user id), or {@code null}
 * @param password        basic-auth password (Grafana Cloud: an access-policy token), or {@code null}
 * @param tenant          {@code X-Scope-OrgID} for a multi-tenant Pyroscope, or {@code null}
 * @param headers         extra request headers, applied first (auth and tenant headers replace same-named ones)
 * @param gzip            gzip the JFR part (recommended; files over 4 MiB are sent as they are, see
 *                        {@link PyroscopeReporter})
 * @param ingestionWindow how old a capture may be; older ones are refused by the server, so they are dropped
 *                        without a request (Pyroscope's {@code -validation.reject-older-than}, default 1 h)
 * @param connectTimeout  TCP/TLS connect limit
 * @param readTimeout     limit between two reads of the response
 * @param writeTimeout    limit between two writes of the request
 * @param callTimeout     limit of one upload, kept below {@code zprof.report.calltimeout}
 */
public record PyroscopeReporterConfig(String url, String app, Map<String, String> labels, String username,
                                      String password, String tenant, Map<String, String> headers, boolean gzip,
                                      Duration ingestionWindow, Duration connectTimeout, Duration readTimeout,
                                      Duration writeTimeout, Duration callTimeout) {

    private static final String PREFIX = "zprof.reporter.pyroscope.";
    private static final String HIDDEN = "****";
    /** At most this many static labels: Pyroscope allows 30 per series and adds 5 of its own. */
    static final int MAX_LABELS = 20;

    /** Validates every component; a failure names the property key (never a secret's value). */
    public PyroscopeReporterConfig {
        if (url == null || url.isBlank()) {
            throw new ConfigurationException(PREFIX + "url", url, "is required (e.g. http://pyroscope:4040)");
        }
        HttpUrl parsed = HttpUrl.parse(url.trim());
        if (parsed == null) {
            throw new ConfigurationException(PREFIX + "url", redactUserInfo(url),
                    "must be an absolute http:// or https:// URL");
        }
        if (!parsed.username().isEmpty()) {
            if (username != null || password != null) {
                throw new ConfigurationException(PREFIX + "url", redactUserInfo(url),
                        "has credentials in it and in username/password; keep one");
            }
            username = parsed.username();
            password = parsed.password();
            parsed = parsed.newBuilder().username("").password("").build();
        }
        url = parsed.toString();
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
        username = blankToNull(username);
        password = blankToNull(password);
        if ((username == null) != (password == null)) {
            throw new ConfigurationException(username == null ? PREFIX + "username" : PREFIX + "password",
                    username == null ? null : HIDDEN, "username and password go together (basic auth)");
        }
        tenant = blankToNull(tenant);
        if (tenant != null && !headerValueOk(tenant)) {
            throw new ConfigurationException(PREFIX + "tenant", tenant, "must be one line of printable text");
        }
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers == null ? Map.of() : headers));
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey() == null || !h.getKey().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw new ConfigurationException(PREFIX + "headers." + h.getKey(), HIDDEN, "is not a valid HTTP header name");
            }
            if (!headerValueOk(h.getValue())) {
                throw new ConfigurationException(PREFIX + "headers." + h.getKey(), HIDDEN,
                        "header values must be present and on one line");
            }
        }
        positive("ingestionwindow", ingestionWindow);
        positive("connecttimeout", connectTimeout);
        positive("readtimeout", readTimeout);
        positive("writetimeout", writeTimeout);
        positive("calltimeout", callTimeout);
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
        return builder()
                .url(p.get("url"))
                .app(p.get("app"))
                .labels(p.getMap("labels"))
                .username(p.get("username"))
                .password(p.get("password"))
                .tenant(p.get("tenant"))
                .headers(p.getMap("headers"))
                .gzip(p.getBoolean("gzip", true))
                .ingestionWindow(p.getDuration("ingestionwindow", Defaults.WINDOW))
                .connectTimeout(p.getDuration("connecttimeout", Defaults.CONNECT))
                .readTimeout(p.getDuration("readtimeout", Defaults.READ))
                .writeTimeout(p.getDuration("writetimeout", Defaults.WRITE))
                .callTimeout(p.getDuration("calltimeout", Defaults.callTimeout(engineCallTimeout)))
                .build();
    }

    /** Shows everything but secrets: the password and header values are never printed. */
    @Override
    public String toString() {
        return "PyroscopeReporterConfig[url=" + url + ", app=" + app + ", labels=" + labels + ", auth="
                + (username != null ? "basic(" + username + ":****)" : "none") + ", tenant=" + tenant + ", headers="
                + headers.keySet() + ", gzip=" + gzip + ", ingestionWindow=" + ingestionWindow + ", connectTimeout="
                + connectTimeout + ", readTimeout=" + readTimeout + ", writeTimeout=" + writeTimeout
                + ", callTimeout=" + callTimeout + "]";
    }

    private static boolean headerValueOk(String v) {
        return v != null && v.chars().noneMatch(c -> c == '\r' || c == '\n' || c == 0);
    }

    private static void positive(String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new ConfigurationException(PREFIX + key, d, "must be > 0");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String redactUserInfo(String url) {
        return url.replaceFirst("//[^/@]*@", "//****@");
    }

    /** Defaults. */
    static final class Defaults {
        static final Duration WINDOW = Duration.ofHours(1);
        static final Duration CONNECT = Duration.ofSeconds(10);
        static final Duration READ = Duration.ofSeconds(30);
        static final Duration WRITE = Duration.ofSeconds(30);

        private Defaults() {
        }

        /** 90 % of the engine's call limit, so the HTTP client gives up first and says why. */
        static Duration callTimeout(Duration engineCallTimeout) {
            return Duration.ofMillis(Math.max(1, engineCallTimeout.toMillis() * 9 / 10));
        }
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private String url;
        private String app;
        private final Map<String, String> labels = new TreeMap<>();
        private String username;
        private String password;
        private String tenant;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private boolean gzip = true;
        private Duration ingestionWindow = Defaults.WINDOW;
        private Duration connectTimeout = Defaults.CONNECT;
        private Duration readTimeout = Defaults.READ;
        private Duration writeTimeout = Defaults.WRITE;
        private Duration callTimeout = Defaults.callTimeout(Duration.ofSeconds(60));

        Builder() {
        }

        Builder(PyroscopeReporterConfig c) {
            url = c.url;
            app = c.app;
            labels.putAll(c.labels);
            username = c.username;
            password = c.password;
            tenant = c.tenant;
            headers.putAll(c.headers);
            gzip = c.gzip;
            ingestionWindow = c.ingestionWindow;
            connectTimeout = c.connectTimeout;
            readTimeout = c.readTimeout;
            writeTimeout = c.writeTimeout;
            callTimeout = c.callTimeout;
        }

        /** @param v Pyroscope base URL @return this */
        public Builder url(String v) { url = v; return this; }
        /** @param v service name, or null for the event's app label @return this */
        public Builder app(String v) { app = v; return this; }
        /** @param name label name @param value label value @return this */
        public Builder label(String name, String value) { labels.put(name, value); return this; }
        /** @param v static labels, replacing those set so far @return this */
        public Builder labels(Map<String, String> v) { labels.clear(); labels.putAll(v); return this; }
        /** @param v basic-auth user @return this */
        public Builder username(String v) { username = v; return this; }
        /** @param v basic-auth password @return this */
        public Builder password(String v) { password = v; return this; }
        /** @param v X-Scope-OrgID tenant @return this */
        public Builder tenant(String v) { tenant = v; return this; }
        /** @param name header name @param value header value @return this */
        public Builder header(String name, String value) { headers.put(name, value); return this; }
        /** @param v extra headers, replacing those set so far @return this */
        public Builder headers(Map<String, String> v) { headers.clear(); headers.putAll(v); return this; }
        /** @param v gzip the JFR part @return this */
        public Builder gzip(boolean v) { gzip = v; return this; }
        /** @param v oldest capture the server accepts @return this */
        public Builder ingestionWindow(Duration v) { ingestionWindow = v; return this; }
        /** @param v connect limit @return this */
        public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
        /** @param v read limit @return this */
        public Builder readTimeout(Duration v) { readTimeout = v; return this; }
        /** @param v write limit @return this */
        public Builder writeTimeout(Duration v) { writeTimeout = v; return this; }
        /** @param v whole-upload limit @return this */
        public Builder callTimeout(Duration v) { callTimeout = v; return this; }

        /** @return the validated configuration */
        public PyroscopeReporterConfig build() {
            return new PyroscopeReporterConfig(url, app, labels, username, password, tenant, headers, gzip,
                    ingestionWindow, connectTimeout, readTimeout, writeTimeout, callTimeout);
        }
    }
}
