package io.zprof.support.http;

import io.zprof.api.port.ReportException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The retry decision for HTTP-based reporters, in one place: 408, 429 and 5xx are retryable (with the server's
 * {@code Retry-After}, in seconds or as an HTTP date); every other unsuccessful status, redirects included, is
 * final. Messages quote the start of the response body with every configured secret blanked out, in case a proxy
 * echoes the request:
 * secrets are blanked before the body is cut, and a secret's start left at the cut is blanked too.
 */
public enum HttpStatusFailures {
    ;

    private static final int BODY_SNIPPET = 200;
    /** Shorter values are not blanked: they would mangle any text. */
    private static final int MIN_SECRET = 3;

    /**
     * @param code an HTTP status
     * @return whether a later attempt may succeed
     */
    public static boolean retryable(int code) {
        return code == 408 || code == 429 || code >= 500;
    }

    /**
     * As {@link #forStatus(int, String, String, String, boolean, String, Instant, List)} for a body that may have been
     * cut: a secret's prefix at its end is blanked too.
     *
     * @param code       the unsuccessful status
     * @param statusText the reason phrase (may be empty)
     * @param target     what was called, for the message (must not carry credentials)
     * @param body       the start of the response body (may be empty)
     * @param retryAfter the {@code Retry-After} header, or {@code null}
     * @param now        the current time, for HTTP-date {@code Retry-After} values
     * @param secrets    values never to repeat (tokens, passwords, header values)
     * @return the failure to throw
     */
    public static ReportException forStatus(int code, String statusText, String target, String body, String retryAfter,
                                            Instant now, List<String> secrets) {
        return forStatus(code, statusText, target, body, true, retryAfter, now, secrets);
    }

    /**
     * Secrets are blanked in the whole body before it is cut to its first 200 characters, and whatever start of a
     * secret is left at a cut (this one, or the caller's when {@code bodyCut}) is blanked as well.
     *
     * @param code       the unsuccessful status
     * @param statusText the reason phrase (may be empty)
     * @param target     what was called, for the message (must not carry credentials)
     * @param body       the response body, or its start (may be empty)
     * @param bodyCut    whether {@code body} is only the start of the response body
     * @param retryAfter the {@code Retry-After} header, or {@code null}
     * @param now        the current time, for HTTP-date {@code Retry-After} values
     * @param secrets    values never to repeat (tokens, passwords, header values)
     * @return the failure to throw
     */
    public static ReportException forStatus(int code, String statusText, String target, String body, boolean bodyCut,
                                            String retryAfter, Instant now, List<String> secrets) {
        boolean retry = retryable(code);
        String text = body == null ? "" : blank(body.replaceAll("\\p{Cntrl}+", " "), secrets);
        boolean cut = bodyCut;
        if (text.length() > BODY_SNIPPET) {
            text = text.substring(0, BODY_SNIPPET);
            cut = true;
        }
        if (cut) {
            text = blankCutSecret(text, secrets);
        }
        text = text.trim();
        String message = "HTTP " + code + (statusText == null || statusText.isEmpty() ? "" : " " + statusText) + " from "
                + target + (text.isEmpty() ? "" : ": " + text);
        return new ReportException(blank(message, secrets), retry, retry ? retryAfter(retryAfter, now) : null);
    }

    /**
     * @param text    text that ends where something longer was cut
     * @param secrets values to hide
     * @return the text with the longest start of a secret found at its very end replaced by {@code ****}
     */
    private static String blankCutSecret(String text, List<String> secrets) {
        int longest = 0;
        for (String s : secrets) {
            if (s == null || s.length() < MIN_SECRET) {
                continue;
            }
            for (int k = Math.min(s.length() - 1, text.length()); k > longest; k--) {
                if (text.regionMatches(text.length() - k, s, 0, k)) {
                    longest = k;
                    break;
                }
            }
        }
        return longest == 0 ? text : text.substring(0, text.length() - longest) + "****";
    }

    /**
     * @param value a {@code Retry-After} header value
     * @param now   the current time
     * @return the delay it asks for, or {@code null} when absent or malformed
     */
    public static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            Duration d = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * @param message text that may contain a secret
     * @param secrets values to hide (shorter than 3 characters are ignored: they would mangle any text)
     * @return the text with every secret replaced by {@code ****}
     */
    public static String blank(String message, List<String> secrets) {
        String m = message;
        for (String s : secrets) {
            if (s != null && s.length() >= MIN_SECRET) {
                m = m.replace(s, "****");
            }
        }
        return m;
    }
}
