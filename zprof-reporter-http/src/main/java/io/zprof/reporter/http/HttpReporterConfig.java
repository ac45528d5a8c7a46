package io.zprof.reporter.http;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.support.http.HttpEndpointConfig;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
 * {@link #toString()} never shows the token, the password or header values: they live in the
 * {@link HttpEndpointConfig}, which hides them.
 *
 * @param endpoint   where events go (the collector endpoint, or the Pushgateway base URL for
 *                   {@link Format#PROMETHEUS}), the credentials, extra headers (applied before the authorization
 *                   header, which they cannot replace) and the timeouts
 * @param format     what is sent
 * @param job        Pushgateway job name
 * @param instance   Pushgateway {@code instance} grouping label, or {@code null} for none
 * @param pushMethod Pushgateway method
 * @param heapDumps  whether {@link Format#MULTIPART} attaches heap dumps ({@code .hprof}); off by default, because a
 *                   heap dump holds every secret the process had in memory: it is listed in the event, not sent
 */
public record HttpReporterConfig(HttpEndpointConfig endpoint, Format format, String job, String instance,
                                 PushMethod pushMethod, boolean heapDumps) {

    /** Prefix of every key this reporter reads. */
    static final String PREFIX = "zprof.reporter.http.";
    /** Every key {@link #fromProperties} reads, relative to {@code zprof.reporter.http.}. */
    public static final Set<String> SETTING_KEYS = HttpEndpointConfig.settingKeysWith("format", "job", "instance",
            "pushmethod", "heapdumps");

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
        Objects.requireNonNull(endpoint, "endpoint");
        format = Objects.requireNonNullElse(format, Format.JSON);
        job = job == null || job.isBlank() ? "zprof" : job.trim();
        instance = instance == null || instance.isBlank() ? null : instance.trim();
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
     * {@code instance}, {@code pushmethod} ({@code put}, {@code post}) and {@code heapdumps} ({@code false}).
     *
     * @param p                 the properties under {@code zprof.reporter.http.}, prefix removed
     * @param engineCallTimeout {@code zprof.report.calltimeout}; the default {@code calltimeout} is 90 % of it
     * @return the validated configuration
     * @throws ConfigurationException naming the full key of a missing or bad setting
     */
    public static HttpReporterConfig fromProperties(ConfigProperties p, Duration engineCallTimeout) {
        Builder b = builder()
                .endpoint(HttpEndpointConfig.fromProperties(p, "", engineCallTimeout))
                .job(p.get("job"))
                .instance(p.get("instance"));
        b.format(parseEnum(p, "format", Format.class, Format.JSON));
        b.pushMethod(parseEnum(p, "pushmethod", PushMethod.class, PushMethod.PUT));
        b.heapDumps(p.getBoolean("heapdumps", false));
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

    /** Shows everything but secrets, which the endpoint hides. */
    @Override
    public String toString() {
        return "HttpReporterConfig[" + endpoint + ", format=" + format.name().toLowerCase(Locale.ROOT) + ", job=" + job
                + ", instance=" + instance + ", pushMethod=" + pushMethod.name().toLowerCase(Locale.ROOT)
                + ", heapDumps=" + heapDumps + "]";
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private HttpEndpointConfig.Builder endpoint = HttpEndpointConfig.builder(PREFIX);
        private Format format = Format.JSON;
        private String job = "zprof";
        private String instance;
        private PushMethod pushMethod = PushMethod.PUT;
        private boolean heapDumps;

        Builder() {
        }

        Builder(HttpReporterConfig c) {
            endpoint = c.endpoint.toBuilder();
            format = c.format;
            job = c.job;
            instance = c.instance;
            pushMethod = c.pushMethod;
            heapDumps = c.heapDumps;
        }

        /** @param v URL, credentials, headers and timeouts, replacing those set so far @return this */
        public Builder endpoint(HttpEndpointConfig v) { endpoint = v.toBuilder(); return this; }
        /** @param v collector URL, or Pushgateway base URL @return this */
        public Builder url(String v) { endpoint.url(v); return this; }
        /** @param v what is sent @return this */
        public Builder format(Format v) { format = v; return this; }
        /** @param v bearer token @return this */
        public Builder token(String v) { endpoint.token(v); return this; }
        /** @param v basic-auth user @return this */
        public Builder username(String v) { endpoint.username(v); return this; }
        /** @param v basic-auth password @return this */
        public Builder password(String v) { endpoint.password(v); return this; }
        /** @param name header name @param value header value @return this */
        public Builder header(String name, String value) { endpoint.header(name, value); return this; }
        /** @param v extra headers, replacing those set so far @return this */
        public Builder headers(Map<String, String> v) { endpoint.headers(v); return this; }
        /** @param v connect limit @return this */
        public Builder connectTimeout(Duration v) { endpoint.connectTimeout(v); return this; }
        /** @param v read limit @return this */
        public Builder readTimeout(Duration v) { endpoint.readTimeout(v); return this; }
        /** @param v write limit @return this */
        public Builder writeTimeout(Duration v) { endpoint.writeTimeout(v); return this; }
        /** @param v whole-request limit @return this */
        public Builder callTimeout(Duration v) { endpoint.callTimeout(v); return this; }
        /** @param v Pushgateway job @return this */
        public Builder job(String v) { job = v; return this; }
        /** @param v Pushgateway instance label, or null @return this */
        public Builder instance(String v) { instance = v; return this; }
        /** @param v Pushgateway method @return this */
        public Builder pushMethod(PushMethod v) { pushMethod = v; return this; }
        /** @param v whether multipart attaches heap dumps, which hold the process's secrets @return this */
        public Builder heapDumps(boolean v) { heapDumps = v; return this; }

        /** @return the validated configuration */
        public HttpReporterConfig build() {
            return new HttpReporterConfig(endpoint.build(), format, job, instance, pushMethod, heapDumps);
        }
    }
}
