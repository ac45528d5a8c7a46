package io.zprof.api.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Parsers for the text forms of settings: durations ({@code 5s}, {@code 250ms}, {@code PT1M}) and sizes ({@code 512MiB}). */
public enum ConfigValues {
    ;

    /** The longest duration whose milliseconds fit a {@code long}. */
    private static final Duration LONGEST_IN_MILLIS = Duration.ofMillis(Long.MAX_VALUE);

    /**
     * @param key   the key, for the error message
     * @param value {@code 500ms}, {@code 5s}, {@code 10m}, {@code 1h}, {@code 2d}, an ISO-8601 duration, or plain milliseconds
     * @return the duration
     * @throws ConfigurationException naming key and value when it does not parse or is negative
     */
    public static Duration parseDuration(String key, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (v.startsWith("pt") || v.startsWith("p")) {
                d = Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            } else if (v.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
            } else if (v.endsWith("s")) {
                d = Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 1000));
            } else if (v.endsWith("m")) {
                d = Duration.ofSeconds(Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 60));
            } else if (v.endsWith("h")) {
                d = Duration.ofSeconds(Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 3600));
            } else if (v.endsWith("d")) {
                d = Duration.ofHours(Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 24));
            } else {
                d = Duration.ofMillis(Long.parseLong(v));
            }
            if (d.isNegative()) {
                throw new ConfigurationException(key, value, "must not be negative");
            }
            return d;
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new ConfigurationException(key, value, "not a duration (use e.g. 500ms, 5s, 10m, 1h or PT5S)");
        } catch (ArithmeticException e) {
            throw new ConfigurationException(key, value, "too long a duration");
        }
    }

    /**
     * The inverse of {@link #parseDuration} for the durations settings accept (not negative), for logs and messages:
     * the largest unit that holds the duration exactly.
     *
     * @param duration a duration
     * @return e.g. {@code 50ms}, {@code 5s}, {@code 10m}, {@code 1h}, {@code 2d}; below a millisecond, not whole
     *         milliseconds, or too long for a count of milliseconds, the ISO-8601 form ({@code PT0.0005S}), which
     *         {@link #parseDuration} reads back too; a negative duration in that form as well
     */
    public static String formatDuration(Duration duration) {
        if (duration.getNano() % 1_000_000 != 0 || duration.isNegative() || duration.compareTo(LONGEST_IN_MILLIS) > 0) {
            return duration.toString();
        }
        long millis = duration.toMillis();
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (millis != 0 && millis % sizes[i] == 0) {
                return millis / sizes[i] + units[i];
            }
        }
        return millis + "ms";
    }

    /**
     * @param key   the key, for the error message
     * @param value bytes, or a number with {@code k/kb/kib}, {@code m/mb/mib}, {@code g/gb/gib} (all binary multiples)
     * @return the size in bytes
     * @throws ConfigurationException naming key and value when it does not parse or is negative
     */
    public static long parseBytes(String key, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        long mult = 1;
        String num = v;
        String[][] units = {{"kib", "1024"}, {"kb", "1024"}, {"k", "1024"}, {"mib", "1048576"}, {"mb", "1048576"},
            {"m", "1048576"}, {"gib", "1073741824"}, {"gb", "1073741824"}, {"g", "1073741824"}, {"b", "1"}};
        for (String[] u : units) {
            if (v.endsWith(u[0])) {
                mult = Long.parseLong(u[1]);
                num = v.substring(0, v.length() - u[0].length());
                break;
            }
        }
        try {
            double d = Double.parseDouble(num);
            if (d < 0 || Double.isNaN(d) || Double.isInfinite(d)) {
                throw new ConfigurationException(key, value, "must be a size >= 0");
            }
            return (long) (d * mult);
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key, value, "not a size (use e.g. 1048576, 512k, 64MiB or 1g)");
        }
    }

    /**
     * @param key   the key, for the error message
     * @param value a decimal number
     * @return the number
     * @throws ConfigurationException naming key and value when it is not a finite number
     */
    public static double parseDouble(String key, String value) {
        try {
            double d = Double.parseDouble(value.trim());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new ConfigurationException(key, value, "must be a finite number");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key, value, "not a number");
        }
    }

    /**
     * @param key   the key, for the error message
     * @param value a whole number
     * @return the number
     * @throws ConfigurationException naming key and value when it is not an integer
     */
    public static long parseLong(String key, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key, value, "not a whole number");
        }
    }

    /**
     * @param key   the key, for the error message
     * @param value {@code true/false}, {@code yes/no}, {@code on/off}, {@code 1/0}
     * @return the boolean
     * @throws ConfigurationException naming key and value otherwise
     */
    public static boolean parseBoolean(String key, String value) {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "on": case "1":
                return true;
            case "false": case "no": case "off": case "0":
                return false;
            default:
                throw new ConfigurationException(key, value, "not a boolean (use true or false)");
        }
    }

    /**
     * @param key the key; values of keys naming a token, password, secret, credential or authorization are hidden
     * @param value the value
     * @return the value, or {@code ****} for a secret
     */
    public static String redact(String key, String value) {
        return isSecretKey(key) ? "****" : value;
    }

    /**
     * @param key a property key
     * @return whether its value must never be logged or printed
     */
    public static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("token") || k.contains("password") || k.contains("secret") || k.contains("credential")
                || k.contains("authorization") || k.endsWith(".auth") || k.contains("apikey");
    }
}
