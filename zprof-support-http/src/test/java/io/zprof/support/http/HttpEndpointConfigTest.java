package io.zprof.support.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpEndpointConfigTest {
    private static final String PREFIX = "zprof.reporter.x.";
    private static final String PASSWORD = "pw-Secret-42";
    private static final String TOKEN = "tok-Secret-43";

    private static ConfigProperties scoped(Map<String, String> values) {
        return ConfigProperties.of(values).withPrefix(PREFIX);
    }

    @Test
    void readsEveryKeyUnderThePrefix() {
        HttpEndpointConfig c = HttpEndpointConfig.fromProperties(scoped(Map.of(
                PREFIX + "url", " HTTPS://Collector.Example.COM:443/in?x=1 ",
                PREFIX + "username", "ops",
                PREFIX + "password", PASSWORD,
                PREFIX + "headers", "X-Env=prod",
                PREFIX + "headers.X-Team", "checkout",
                PREFIX + "connecttimeout", "2s",
                PREFIX + "readtimeout", "3s",
                PREFIX + "writetimeout", "4s",
                PREFIX + "calltimeout", "5s")), "", Duration.ofSeconds(60));

        assertEquals(PREFIX, c.keyPrefix());
        assertEquals("https://collector.example.com/in?x=1", c.url(), "lower-case scheme and host, no default port");
        assertEquals("ops", c.username());
        assertEquals(PASSWORD, c.password());
        assertNull(c.token());
        assertEquals(Map.of("X-Env", "prod", "X-Team", "checkout"), c.headers());
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofSeconds(5)),
                List.of(c.connectTimeout(), c.readTimeout(), c.writeTimeout(), c.callTimeout()));
    }

    @Test
    void defaultsAndTheCallTimeoutBelowTheEngines() {
        HttpEndpointConfig c = HttpEndpointConfig.fromProperties(
                scoped(Map.of(PREFIX + "url", "http://127.0.0.1:4040")), "", Duration.ofSeconds(20));

        assertEquals("http://127.0.0.1:4040/", c.url(), "an empty path becomes /");
        assertEquals(Duration.ofSeconds(18), c.callTimeout(), "90 % of zprof.report.calltimeout");
        assertEquals(Duration.ofSeconds(10), c.connectTimeout());
        assertEquals(Duration.ofSeconds(30), c.readTimeout());
        assertEquals(Duration.ofSeconds(30), c.writeTimeout());
        assertFalse(c.hasAuth());
        assertNull(c.authorization());
        assertEquals(List.of(), c.secrets());
    }

    @Test
    void keysCanLieUnderASubPrefix() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> HttpEndpointConfig.fromProperties(
                scoped(Map.of(PREFIX + "upstream.url", "http://h/", PREFIX + "upstream.readtimeout", "soon")),
                "upstream.", Duration.ofSeconds(60)));
        assertEquals(PREFIX + "upstream.readtimeout", e.key());
    }

    @Test
    void credentialsInTheUrlBecomeBasicAuthAndLeaveIt() {
        HttpEndpointConfig c = HttpEndpointConfig.builder(PREFIX).url("http://Aladdin:open%20sesame@h.example/p").build();

        assertEquals("http://h.example/p", c.url());
        assertEquals("Aladdin", c.username());
        assertEquals("open sesame", c.password());
        assertEquals("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", c.basicAuthorization(), "RFC 7617's example");
        assertEquals(c.basicAuthorization(), c.authorization());
        assertEquals(List.of("open sesame", "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="), c.secrets());
    }

    @Test
    void secretsListEveryValueNeverToPrint() {
        HttpEndpointConfig c = HttpEndpointConfig.builder(PREFIX).url("https://h/").token(TOKEN)
                .header("X-Api-Key", "hdr-Secret-44").build();

        assertEquals("Bearer " + TOKEN, c.authorization());
        assertNull(c.basicAuthorization());
        assertEquals(List.of("hdr-Secret-44", TOKEN), c.secrets());
        String text = c.toString();
        assertTrue(text.contains("X-Api-Key") && text.contains("bearer(****)"), text);
        for (String secret : c.secrets()) {
            assertFalse(text.contains(secret), text);
        }
        String basic = HttpEndpointConfig.builder(PREFIX).url("https://h/").username("ops").password(PASSWORD)
                .build().toString();
        assertTrue(basic.contains("basic(ops:****)") && !basic.contains(PASSWORD), basic);
    }

    @Test
    void badSettingsNameTheFullKeyAndNeverASecret() {
        assertEquals(PREFIX + "url", fail(HttpEndpointConfig.builder(PREFIX)).key());
        assertEquals(PREFIX + "url", fail(HttpEndpointConfig.builder(PREFIX).url("ftp://h/")).key());
        ConfigurationException notUrl = fail(HttpEndpointConfig.builder(PREFIX).url("http://u:" + PASSWORD + "@h/ x"));
        assertEquals(PREFIX + "url", notUrl.key());
        assertFalse(notUrl.getMessage().contains(PASSWORD), notUrl.getMessage());
        for (String pasted : new String[] {"glc_ab/cd+ef==", "glc_a/b@c/d", "ab#cd", "ab?cd"}) {
            // a token pasted unencoded, with '/' or '@' in it: such a URL never parses, and must not be printed
            ConfigurationException raw = fail(HttpEndpointConfig.builder(PREFIX).url("https://123456:" + pasted + "@h.example/p?q=1"));
            assertFalse(raw.getMessage().contains(pasted) || raw.getMessage().contains("glc_a") || raw.getMessage().contains("c/d")
                    || raw.getMessage().contains("cd@"), raw.getMessage());
        }
        ConfigurationException twice = fail(HttpEndpointConfig.builder(PREFIX).url("http://u:" + PASSWORD + "@h/")
                .token(TOKEN));
        assertFalse(twice.getMessage().contains(PASSWORD), twice.getMessage());
        ConfigurationException both = fail(HttpEndpointConfig.builder(PREFIX).url("http://h/").token(TOKEN)
                .username("ops").password(PASSWORD));
        assertEquals(PREFIX + "token", both.key());
        assertFalse(both.getMessage().contains(TOKEN) || both.getMessage().contains(PASSWORD), both.getMessage());
        assertEquals(PREFIX + "password", fail(HttpEndpointConfig.builder(PREFIX).url("http://h/").username("ops")).key());
        assertEquals(PREFIX + "username", fail(HttpEndpointConfig.builder(PREFIX).url("http://h/").password(PASSWORD))
                .key());
        ConfigurationException header = fail(HttpEndpointConfig.builder(PREFIX).url("http://h/")
                .header("X-Key", "hdr-Secret-44\r\nX-Evil: 1"));
        assertEquals(PREFIX + "headers.X-Key", header.key());
        assertFalse(header.getMessage().contains("hdr-Secret-44"), header.getMessage());
        assertEquals(PREFIX + "headers.Bad Name", fail(HttpEndpointConfig.builder(PREFIX).url("http://h/")
                .header("Bad Name", "v")).key());
        assertEquals(PREFIX + "calltimeout", fail(HttpEndpointConfig.builder(PREFIX).url("http://h/")
                .callTimeout(Duration.ZERO)).key());
        assertEquals(PREFIX + "connecttimeout", fail(HttpEndpointConfig.builder(PREFIX).url("http://h/")
                .connectTimeout(Duration.ofSeconds(-1))).key());
    }

    @Test
    void warnsOnlyAboutCredentialsInClearToOtherHosts() {
        HttpEndpointConfig.Builder basic = HttpEndpointConfig.builder(PREFIX).username("ops").password(PASSWORD);
        assertTrue(basic.url("http://collector.example/e").build().sendsCredentialsInClear());
        assertFalse(basic.url("https://collector.example/e").build().sendsCredentialsInClear());
        assertFalse(basic.url("http://localhost:8080/e").build().sendsCredentialsInClear());
        assertFalse(basic.url("http://127.0.0.1:8080/e").build().sendsCredentialsInClear());
        assertFalse(basic.url("http://[::1]:8080/e").build().sendsCredentialsInClear());
        assertEquals("::1", basic.url("http://[::1]:8080/e").build().host());
        assertFalse(HttpEndpointConfig.builder(PREFIX).url("http://collector.example/e").build()
                .sendsCredentialsInClear(), "nothing to leak without auth");
    }

    @Test
    void toBuilderKeepsEverything() {
        HttpEndpointConfig c = HttpEndpointConfig.builder(PREFIX).url("http://h/").token(TOKEN).header("A", "1")
                .readTimeout(Duration.ofSeconds(7)).build();
        assertEquals(c, c.toBuilder().build());
    }

    private static ConfigurationException fail(HttpEndpointConfig.Builder b) {
        return assertThrows(ConfigurationException.class, b::build);
    }

    /** Issue 16 item 5: OkHttp refused these later with an IllegalArgumentException that named no key. */
    @Test
    void aPortOrATimeoutOutOfRangeIsRefusedWithItsKey() {
        ConfigurationException port = assertThrows(ConfigurationException.class, () -> HttpEndpointConfig.fromProperties(
                scoped(Map.of(PREFIX + "url", "http://" + "ops:" + PASSWORD + "@collector:99999/in")), "", Duration.ofSeconds(60)));
        assertEquals(PREFIX + "url", port.key());
        assertEquals(PREFIX + "url=http://****@collector:99999/in: port 99999 is not from 1 to 65535", port.getMessage());
        for (String key : List.of("connecttimeout", "readtimeout", "writetimeout", "calltimeout")) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> HttpEndpointConfig.fromProperties(
                    scoped(Map.of(PREFIX + "url", "http://collector/in", PREFIX + key, "24.9d")), "", Duration.ofSeconds(60)));
            assertEquals(PREFIX + key + "=24.9d: must be at most 1h", e.getMessage(), "shown as typed");
        }
        ConfigurationException built = assertThrows(ConfigurationException.class,
                () -> HttpEndpointConfig.builder(PREFIX).url("http://collector/in").connectTimeout(Duration.ofDays(25))
                        .build());
        assertEquals(PREFIX + "connecttimeout=25d: must be at most 1h", built.getMessage());
        assertEquals(Duration.ofHours(1), HttpEndpointConfig.fromProperties(scoped(Map.of(PREFIX + "url",
                "http://collector:65535/in", PREFIX + "readtimeout", "1h")), "", Duration.ofSeconds(60)).readTimeout());
    }

    @Test
    void declaresEveryKeyItReads() {
        assertEquals(java.util.Set.of("url", "username", "password", "token", "headers", "headers.", "connecttimeout",
                "readtimeout", "writetimeout", "calltimeout", "extra"), HttpEndpointConfig.settingKeysWith("extra"));
    }
}
