package io.zprof.reporter.http;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * Settings of the {@link HttpReporter}, read from {@code zprof.reporter.http.*} or built in code:
 * <pre>{@code
 * HttpReporterConfig cfg = HttpReporterConfig.builder()
 *     .url("https://collector.example.com/zprof/events")
 *     .format(HttpReporterConfig.Format.MULTIPART)
 *     .token(System.getenv("ZPROF_TOKEN"))
 *     .header("X-Team", "checkout")
 *     .build();
 * }</pre>
 * {@link #toString()} never shows the token, the password or header values.
 *
 * @param url            where events go: the collector endpoint, or the Pushgateway base URL for
 *                       {@link Format#PROMETHEUS} (credentials in the URL are taken as basic auth and removed)
 * @param format         what is sent
 * @param token          bearer token, or {@code null}
 * @param username       basic-auth user, or {@code null}
 * @param password       basic-auth password, or {@code null}
 * @param headers        extra request headers (applied before the authorization header, which they cannot replace)
 * @param connectTimeout TCP/TLS connect limit
 * @param readTimeout    limit between two reads of the response
 * @param writeTimeout   limit between two writes of the request
 * @param callTimeout    limit of one whole request, kept below {@code zprof.report.calltimeout} so the reporter,
 *                       not the engine, reports the timeout
 * @param job            Pushgateway job name
 * @param instance       Pushgateway {@code instance} grouping label, or {@code null} for none
 * @param pushMethod     Pushgateway method
 */
public record HttpReporterConfig(String url, Format format, String token, String username, String password,
                                 Map<String, String> headers, Duration connectTimeout, Duration readTimeout,
                                 Duration writeTimeout, Duration callTimeout, String job, String instance,
                                 PushMethod pushMethod) {

    private static final String PREFIX = "zprof.reporter.http.";
    private static final String HIDDEN = "****";

    /** What the reporter sends. */
    public enum Format {
        /** One JSON document per event ({@code application/json}). */
        JSON,
        /** {@code multipart/form-data}: the JSON document as part {@code event}, each artifact as part {@code artifact}. */
        MULTIPART,
        /** The Prometheus text format, pushed to a Pushgateway under {@code /metrics/job/<job>[/instance/<i>]/rule/<rule>}. */
        PROMETHEUS
    }

    /** How metrics are pushed to a Pushgateway. */
    public enum PushMethod {
        /** Replace every metric of the rule's group (the default: the group then shows the latest event). */
        PUT,
        /** Replace only metrics with the same names in the group. */
        POST
    }

    /** Validates every component; a failure names the property key (never a secret's value). */
    public HttpReporterConfig {
        if (url == null || url.isBlank()) {
            throw new ConfigurationException(PREFIX + "url", url, "is required (the collector or Pushgateway URL)");
        }
        HttpUrl parsed = HttpUrl.parse(url.trim());
        if (parsed == null) {
            throw new ConfigurationException(PREFIX + "url", redactUserInfo(url),
                    "must be an absolute http:// or https:// URL");
        }
        if (!parsed.username().isEmpty()) {
            if (username != null || password != null || token != null) {
                throw new ConfigurationException(PREFIX + "url", redactUserInfo(url),
                        "has credentials in it and in username/password/token; keep one");
            }
            username = parsed.username();
            password = parsed.password();
            parsed = parsed.newBuilder().username("").password("").build();
        }
        url = parsed.toString();
        format = Objects.requireNonNullElse(format, Format.JSON);
        token = blankToNull(token);
        username = blankToNull(username);
        password = blankToNull(password);
        if (token != null && (username != null || password != null)) {
            throw new ConfigurationException(PREFIX + "token", HIDDEN,
                    "set either a bearer token or username/password (basic auth), not both");
        }
        if ((username == null) != (password == null)) {
            throw new ConfigurationException(username == null ? PREFIX + "username" : PREFIX + "password",
                    username == null ? null : HIDDEN, "username and password go together (basic auth)");
        }
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers == null ? Map.of() : headers));
        for (Map.Entry<String, String> h : headers.entrySet()) {
            checkHeader(h.getKey(), h.getValue());
        }
        positive("connecttimeout", connectTimeout);
        positive("readtimeout", readTimeout);
        positive("writetimeout", writeTimeout);
        positive("calltimeout", callTimeout);
        job = job == null || job.isBlank() ? "zprof" : job.trim();
        instance = blankToNull(instance);
        pushMethod = Objects.requireNonNullElse(pushMethod, PushMethod.PUT);
    }

    /** @return a builder with the defaults: JSON, no auth, connect 10 s, read and write 30 s, call 54 s, job zprof */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from this configuration */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Reads {@code url}, {@code format} ({@code json}, {@code multipart}, {@code prometheus}), {@code token},
     * {@code username}, {@code password}, {@code headers.<Name>} (or {@code headers=A=1,B=2}),
     * {@code connecttimeout}, {@code readtimeout}, {@code writetimeout}, {@code calltimeout}, {@code job},
     * {@code instance} and {@code pushmethod} ({@code put}, {@code post}).
     *
     * @param p                 the properties under {@code zprof.reporter.http.}, prefix removed
     * @param engineCallTimeout {@code zprof.report.calltimeout}; the default {@code calltimeout} is 90 % of it
     * @return the validated configuration
     * @throws ConfigurationException naming the full key of a missing or bad setting
     */
    public static HttpReporterConfig fromProperties(ConfigProperties p, Duration engineCallTimeout) {
        Builder b = builder()
                .url(p.get("url"))
                .token(p.get("token"))
                .username(p.get("username"))
                .password(p.get("password"))
                .headers(p.getMap("headers"))
                .connectTimeout(p.getDuration("connecttimeout", Defaults.CONNECT))
                .readTimeout(p.getDuration("readtimeout", Defaults.READ))
                .writeTimeout(p.getDuration("writetimeout", Defaults.WRITE))
                .callTimeout(p.getDuration("calltimeout", Defaults.callTimeout(engineCallTimeout)))
                .job(p.get("job"))
                .instance(p.get("instance"));
        b.format(parseEnum(p, "format", Format.class, Format.JSON));
        b.pushMethod(parseEnum(p, "pushmethod", PushMethod.class, PushMethod.PUT));
        return b.build();
    }

    private static <E extends Enum<E>> E parseEnum(ConfigProperties p, String key, Class<E> type, E dflt) {
        String v = p.getString(key, null);
        if (v == null) {
            return dflt;
        }
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(c.name().toLowerCase(Locale.ROOT));
            }
            throw new ConfigurationException(p.fullKey(key), v, "must be one of " + allowed);
        }
    }

    /** @return whether requests carry an {@code Authorization} header */
    public boolean hasAuth() {
        return token != null || username != null;
    }

    /** Shows everything but secrets: the token, the password and header values are never printed. */
    @Override
    public String toString() {
        String auth = token != null ? "bearer(****)" : username != null ? "basic(" + username + ":****)" : "none";
        return "HttpReporterConfig[url=" + url + ", format=" + format.name().toLowerCase(Locale.ROOT) + ", auth=" + auth
                + ", headers=" + headers.keySet() + ", connectTimeout=" + connectTimeout + ", readTimeout="
                + readTimeout + ", writeTimeout=" + writeTimeout + ", callTimeout=" + callTimeout + ", job=" + job
                + ", instance=" + instance + ", pushMethod=" + pushMethod.name().toLowerCase(Locale.ROOT) + "]";
    }

    private static void checkHeader(String name, String value) {
        if (name == null || !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
            throw new ConfigurationException(PREFIX + "headers." + name, HIDDEN, "is not a valid HTTP header name");
        }
        if (value == null || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new ConfigurationException(PREFIX + "headers." + name, HIDDEN,
                    "header values must be present and on one line");
        }
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

    /** Default timeouts. */
    static final class Defaults {
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
        private Format format = Format.JSON;
        private String token;
        private String username;
        private String password;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Duration connectTimeout = Defaults.CONNECT;
        private Duration readTimeout = Defaults.READ;
        private Duration writeTimeout = Defaults.WRITE;
        private Duration callTimeout = Defaults.callTimeout(Duration.ofSeconds(60));
        private String job = "zprof";
        private String instance;
        private PushMethod pushMethod = PushMethod.PUT;

        Builder() {
        }

        Builder(HttpReporterConfig c) {
            url = c.url;
            format = c.format;
            token = c.token;
            username = c.username;
            password = c.password;
            headers.putAll(c.headers);
            connectTimeout = c.connectTimeout;
            readTimeout = c.readTimeout;
            writeTimeout = c.writeTimeout;
            callTimeout = c.callTimeout;
            job = c.job;
            instance = c.instance;
            pushMethod = c.pushMethod;
        }

        /** @param v collector URL, or Pushgateway base URL @return this */
        public Builder url(String v) { url = v; return this; }
        /** @param v what is sent @return this */
        public Builder format(Format v) { format = v; return this; }
        /** @param v bearer token @return this */
        public Builder token(String v) { token = v; return this; }
        /** @param v basic-auth user @return this */
        public Builder username(String v) { username = v; return this; }
        /** @param v basic-auth password @return this */
        public Builder password(String v) { password = v; return this; }
        /** @param name header name @param value header value @return this */
        public Builder header(String name, String value) { headers.put(name, value); return this; }
        /** @param v extra headers, replacing those set so far @return this */
        public Builder headers(Map<String, String> v) { headers.clear(); headers.putAll(v); return this; }
        /** @param v connect limit @return this */
        public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
        /** @param v read limit @return this */
        public Builder readTimeout(Duration v) { readTimeout = v; return this; }
        /** @param v write limit @return this */
        public Builder writeTimeout(Duration v) { writeTimeout = v; return this; }
        /** @param v whole-request limit @return this */
        public Builder callTimeout(Duration v) { callTimeout = v; return this; }
        /** @param v Pushgateway job @return this */
        public Builder job(String v) { job = v; return this; }
        /** @param v Pushgateway instance label, or null @return this */
        public Builder instance(String v) { instance = v; return this; }
        /** @param v Pushgateway method @return this */
        public Builder pushMethod(PushMethod v) { pushMethod = v; return this; }

        /** @return the validated configuration */
        public HttpReporterConfig build() {
            return new HttpReporterConfig(url, format, token, username, password, headers, connectTimeout, readTimeout,
                    writeTimeout, callTimeout, job, instance, pushMethod);
        }
    }
}
