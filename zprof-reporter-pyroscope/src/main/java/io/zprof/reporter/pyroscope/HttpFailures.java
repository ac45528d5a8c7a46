package io.zprof.reporter.pyroscope;

import io.zprof.api.port.ReportException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import okhttp3.Response;

/**
 * Turns an unsuccessful HTTP response into a {@link ReportException}: 408, 429 and 5xx are retryable (with the
 * server's {@code Retry-After}, in seconds or as an HTTP date); every other status, redirects included, is final.
 * The message quotes the start of the response body with any configured secret blanked out, in case a proxy
 * echoes the request. This mapping is also pyroscope-ingest.md §5: 400, 401, 405, 413 and 422 are final.
 *
 * <p>The http reporter has the same class: adapters may not depend on each other and zprof-api has no place for
 * HTTP helpers; a shared helper there would remove this copy.
 */
final class HttpFailures {
    private static final int BODY_SNIPPET = 200;

    private final List<String> secrets;
    private final Clock clock;

    /**
     * @param secrets values never to repeat (token, password, header values)
     * @param clock   for {@code Retry-After} dates
     */
    HttpFailures(List<String> secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    /**
     * @param code an HTTP status
     * @return whether a later attempt may succeed
     */
    static boolean retryable(int code) {
        return code == 408 || code == 429 || code >= 500;
    }

    /**
     * @param response an unsuccessful response (its body is read up to a few hundred bytes)
     * @param target   what was called, for the message (never carries credentials)
     * @return the failure to throw
     */
    ReportException of(Response response, String target) {
        int code = response.code();
        boolean retry = retryable(code);
        Duration after = retry ? retryAfter(response.header("Retry-After")) : null;
        String message = "HTTP " + code + (response.message().isEmpty() ? "" : " " + response.message()) + " from "
                + target + snippet(response);
        return new ReportException(blank(message), retry, after);
    }

    /**
     * @param value a {@code Retry-After} header value
     * @return the delay it asks for, or {@code null} when absent or malformed
     */
    Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            Duration d = Duration.between(clock.instant(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** @param message text that may contain a secret @return the text with every secret replaced by {@code ****} */
    String blank(String message) {
        String m = message;
        for (String s : secrets) {
            if (s != null && s.length() >= 3) {
                m = m.replace(s, "****");
            }
        }
        return m;
    }

    private static String snippet(Response response) {
        try {
            String text = response.peekBody(BODY_SNIPPET).string().replaceAll("\\p{Cntrl}+", " ").trim();
            return text.isEmpty() ? "" : ": " + text;
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
