package io.zprof.support.http;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigValues;
import io.zprof.api.config.ConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where and how an HTTP reporter connects: the URL, the credentials, extra headers and the timeouts. Shared by every
 * HTTP-based reporter so each reads the same keys under its own prefix ({@code zprof.reporter.http.url},
 * {@code zprof.reporter.pyroscope.url}, ...) and validates them the same way.
 * {@link #toString()} never shows the token, the password or header values.
 *
 * @param keyPrefix      the full key prefix of these settings, e.g. {@code zprof.reporter.http.}, for messages
 * @param url            absolute http(s) URL (port 1 to 65535), normalised (lower-case scheme and host, no default
 *                       port, {@code /} for an empty path); credentials in it are taken as basic auth and removed
 * @param username       basic-auth user, or {@code null}
 * @param password       basic-auth password, or {@code null}
 * @param token          bearer token, or {@code null}
 * @param headers        extra request headers
 * @param connectTimeout TCP/TLS connect limit (each timeout is above 0 and at most 1 h)
 * @param readTimeout    limit between two reads of the response
 * @param writeTimeout   limit between two writes of the request
 * @param callTimeout    limit of one whole request, kept below {@code zprof.report.calltimeout} so the reporter,
 *                       not the engine, reports the timeout
 */
public record HttpEndpointConfig(String keyPrefix, String url, String username, String password, String token,
                                 Map<String, String> headers, Duration connectTimeout, Duration readTimeout,
                                 Duration writeTimeout, Duration callTimeout) {

    /** Default connect limit. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default read limit. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    /** Default write limit. */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * The keys {@link #fromProperties} reads, relative to its prefix; {@code headers.} stands for every
     * {@code headers.<Name>}. Reporters built on this add their own keys to these when they declare their settings.
     */
    public static final Set<String> SETTING_KEYS = Set.of("url", "username", "password", "token", "headers",
            "headers.", "connecttimeout", "readtimeout", "writetimeout", "calltimeout");

    /**
     * @param own the settings a reporter reads besides the endpoint's, relative to its prefix
     * @return those and {@link #SETTING_KEYS}, for {@link io.zprof.api.spi.ComponentProvider#settingKeys()}
     */
    public static Set<String> settingKeysWith(String... own) {
        Set<String> out = new HashSet<>(SETTING_KEYS);
        out.addAll(List.of(own));
        return Set.copyOf(out);
    }

    /** What a thread waits for in one go at most, as for zprof-api's other timeouts. */
    private static final Duration LONGEST_TIMEOUT = Duration.ofHours(1);
    private static final String HIDDEN = "****";
    private static final int MAX_PORT = 65_535;
    /** RFC 9110 token characters. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /** Validates and normalises every component; a failure names the full key (never a secret's value). */
    public HttpEndpointConfig {
        keyPrefix = keyPrefix == null ? "" : keyPrefix;
        username = blankToNull(username);
        password = blankToNull(password);
        token = blankToNull(token);
        if (url == null || url.isBlank()) {
            throw new ConfigurationException(keyPrefix + "url", url, "is required (an http:// or https:// URL)");
        }
        URI parsed = parseUrl(keyPrefix, url.trim());
        if (parsed.getRawUserInfo() != null) {
            if (username != null || password != null || token != null) {
                throw new ConfigurationException(keyPrefix + "url", redactUserInfo(url),
                        "has credentials in it and in username/password/token; keep one");
            }
            String userInfo = parsed.getUserInfo();
            int colon = userInfo.indexOf(':');
            username = blankToNull(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : blankToNull(userInfo.substring(colon + 1));
        }
        url = normalise(parsed);
        if (token != null && (username != null || password != null)) {
            throw new ConfigurationException(keyPrefix + "token", HIDDEN,
                    "set either a bearer token or username/password (basic auth), not both");
        }
        if ((username == null) != (password == null)) {
            throw new ConfigurationException(keyPrefix + (username == null ? "username" : "password"),
                    username == null ? null : HIDDEN, "username and password go together (basic auth)");
        }
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers == null ? Map.of() : headers));
        for (Map.Entry<String, String> h : headers.entrySet()) {
            checkHeader(keyPrefix, h.getKey(), h.getValue());
        }
        positiveTimeout(keyPrefix + "connecttimeout", connectTimeout);
        positiveTimeout(keyPrefix + "readtimeout", readTimeout);
        positiveTimeout(keyPrefix + "writetimeout", writeTimeout);
        positiveTimeout(keyPrefix + "calltimeout", callTimeout);
    }

    /**
     * @param keyPrefix the full key prefix of the settings, e.g. {@code zprof.reporter.http.}, for messages
     * @return a builder with no auth, connect 10 s, read and write 30 s, call 54 s (90 % of the default 60 s)
     */
    public static Builder builder(String keyPrefix) {
        return new Builder(keyPrefix);
    }

    /** @return a builder starting from this configuration */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Reads {@code url}, {@code username}, {@code password}, {@code token}, {@code headers.<Name>} (or
     * {@code headers=A=1,B=2}), {@code connecttimeout}, {@code readtimeout}, {@code writetimeout} and
     * {@code calltimeout}, each under {@code keyPrefix}.
     *
     * @param scoped            the reporter's properties, e.g. those under {@code zprof.reporter.http.}
     * @param keyPrefix         where the endpoint keys are inside {@code scoped}; usually {@code ""}
     * @param engineCallTimeout {@code zprof.report.calltimeout}; the default {@code calltimeout} is 90 % of it
     * @return the validated configuration
     * @throws ConfigurationException naming the full key of a missing or bad setting
     */
    public static HttpEndpointConfig fromProperties(ConfigProperties scoped, String keyPrefix,
                                                    Duration engineCallTimeout) {
        ConfigProperties p = scoped.withPrefix(keyPrefix);
        return p.echoingTypedDurations(() -> builder(p.fullKey(""))
                .url(p.get("url"))
                .username(p.get("username"))
                .password(p.get("password"))
                .token(p.get("token"))
                .headers(p.getMap("headers"))
                .connectTimeout(p.getDuration("connecttimeout", DEFAULT_CONNECT_TIMEOUT))
                .readTimeout(p.getDuration("readtimeout", DEFAULT_READ_TIMEOUT))
                .writeTimeout(p.getDuration("writetimeout", DEFAULT_WRITE_TIMEOUT))
                .callTimeout(p.getDuration("calltimeout", defaultCallTimeout(engineCallTimeout)))
                .build());
    }

    /**
     * @param engineCallTimeout {@code zprof.report.calltimeout}
     * @return 90 % of it (at least 1 ms), so the HTTP client gives up first and says why
     */
    public static Duration defaultCallTimeout(Duration engineCallTimeout) {
        return Duration.ofMillis(Math.max(1, engineCallTimeout.toMillis() * 9 / 10));
    }

    /** @return whether requests carry an {@code Authorization} header */
    public boolean hasAuth() {
        return token != null || username != null;
    }

    /** @return {@code Basic <base64(user:password)>} (UTF-8), or {@code null} without basic auth */
    public String basicAuthorization() {
        return username == null ? null : "Basic " + basicCredentials();
    }

    /** @return {@code Bearer <token>} or the basic authorization, or {@code null} without auth */
    public String authorization() {
        return token != null ? "Bearer " + token : basicAuthorization();
    }

    /**
     * @return every value never to be printed: header values, the token, the password and the base64 basic
     *         credentials (which a server may echo back)
     */
    public List<String> secrets() {
        List<String> out = new ArrayList<>(headers.values());
        if (token != null) {
            out.add(token);
        }
        if (username != null) {
            out.add(password);
            out.add(basicCredentials());
        }
        return List.copyOf(out);
    }

    /**
     * Textual check only (a DNS lookup here could stall start-up): loopback names and addresses are not warned about.
     *
     * @return whether credentials would go over plain http to a host that is not loopback
     */
    public boolean sendsCredentialsInClear() {
        if (!hasAuth() || url.startsWith("https:")) {
            return false;
        }
        String host = host();
        return !(host.equals("localhost") || host.startsWith("127.") || host.equals("::1"));
    }

    /** @return the host of {@link #url()}, without the brackets of an IPv6 literal */
    public String host() {
        String h = URI.create(url).getHost();
        return h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
    }

    /** Shows everything but secrets: the token, the password and header values are never printed. */
    @Override
    public String toString() {
        String auth = token != null ? "bearer(" + HIDDEN + ")" : username != null ? "basic(" + username + ":" + HIDDEN
                + ")" : "none";
        return "HttpEndpointConfig[url=" + url + ", auth=" + auth + ", headers=" + headers.keySet()
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", writeTimeout="
                + writeTimeout + ", callTimeout=" + callTimeout + "]";
    }

    private String basicCredentials() {
        return Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static URI parseUrl(String keyPrefix, String url) {
        try {
            URI u = new URI(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
                if (u.getPort() == 0 || u.getPort() > MAX_PORT) {
                    throw new ConfigurationException(keyPrefix + "url", redactUserInfo(url),
                            "port " + u.getPort() + " is not from 1 to " + MAX_PORT);
                }
                return u;
            }
        } catch (URISyntaxException e) {
            // reported below, without the exception's text: it would repeat the URL with its credentials
        }
        throw new ConfigurationException(keyPrefix + "url", redactUserInfo(url),
                "must be an absolute http:// or https:// URL");
    }

    /** Without credentials, lower-case scheme and host, no default port, and {@code /} for an empty path. */
    private static String normalise(URI u) {
        String scheme = u.getScheme().toLowerCase(Locale.ROOT);
        int port = u.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80)
                || (scheme.equals("https") && port == 443);
        String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path
                + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery())
                + (u.getRawFragment() == null ? "" : "#" + u.getRawFragment());
    }

    private static void positiveTimeout(String key, Duration d) {
        ConfigValues.checkDuration(key, d, ConfigValues.ANY_POSITIVE, LONGEST_TIMEOUT);
    }

    private static void checkHeader(String keyPrefix, String name, String value) {
        if (name == null || !HEADER_NAME.matcher(name).matches()) {
            throw new ConfigurationException(keyPrefix + "headers." + name, HIDDEN, "is not a valid HTTP header name");
        }
        if (value == null || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new ConfigurationException(keyPrefix + "headers." + name, HIDDEN,
                    "header values must be present and on one line");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /**
     * Hides everything from {@code //} to the last {@code @}: a password may hold {@code /}, {@code @}, {@code ?} or
     * {@code #} unencoded (a pasted token), and such a URL is exactly the one that fails to parse. Hiding a host or
     * path that happens to precede an {@code @} errs on the safe side.
     */
    private static String redactUserInfo(String url) {
        int start = url.indexOf("//");
        int at = url.lastIndexOf('@');
        return start < 0 || at < start + 2 ? url : url.substring(0, start + 2) + HIDDEN + url.substring(at);
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private final String keyPrefix;
        private String url;
        private String username;
        private String password;
        private String token;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Duration writeTimeout = DEFAULT_WRITE_TIMEOUT;
        private Duration callTimeout = defaultCallTimeout(Duration.ofSeconds(60));

        Builder(String keyPrefix) {
            this.keyPrefix = keyPrefix;
        }

        Builder(HttpEndpointConfig c) {
            keyPrefix = c.keyPrefix;
            url = c.url;
            username = c.username;
            password = c.password;
            token = c.token;
            headers.putAll(c.headers);
            connectTimeout = c.connectTimeout;
            readTimeout = c.readTimeout;
            writeTimeout = c.writeTimeout;
            callTimeout = c.callTimeout;
        }

        /** @param v absolute http(s) URL @return this */
        public Builder url(String v) { url = v; return this; }
        /** @param v basic-auth user @return this */
        public Builder username(String v) { username = v; return this; }
        /** @param v basic-auth password @return this */
        public Builder password(String v) { password = v; return this; }
        /** @param v bearer token @return this */
        public Builder token(String v) { token = v; return this; }
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

        /** @return the validated configuration */
        public HttpEndpointConfig build() {
            return new HttpEndpointConfig(keyPrefix, url, username, password, token, headers, connectTimeout,
                    readTimeout, writeTimeout, callTimeout);
        }
    }
}
