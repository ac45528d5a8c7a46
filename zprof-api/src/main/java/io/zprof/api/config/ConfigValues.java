package io.zprof.api.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for the text forms of settings: durations ({@code 5s}, {@code 250ms}, {@code PT1M}) and sizes ({@code 512MiB}). */
public enum ConfigValues {
    ;

    /** The longest duration whose milliseconds fit a {@code long}. */
    private static final Duration LONGEST_IN_MILLIS = Duration.ofMillis(Long.MAX_VALUE);
    /**
     * No setting may be longer than this (each has its own, smaller maximum too): a year is far beyond any sensible
     * setting and far below where {@code toNanos()} or a deadline ({@code now + d}) overflows.
     */
    public static final Duration LONGEST_DURATION = Duration.ofDays(365);
    /** The least of a range that only excludes zero: {@link #checkDuration} then says "must be &gt; 0". */
    public static final Duration ANY_POSITIVE = Duration.ofNanos(1);
    private static final BigDecimal LONGEST_NANOS = BigDecimal.valueOf(LONGEST_DURATION.toNanos());
    /** No size may be larger than this: far beyond any disk, far below where a {@code long} overflows. */
    public static final long LARGEST_SIZE = 1L << 50;
    /** A plain decimal: digits, optionally a point and more digits (no exponent, no hex, no Java suffix). */
    private static final String DECIMAL = "[0-9]+(?:\\.[0-9]+)?";
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?" + DECIMAL);
    private static final Pattern DURATION = Pattern.compile("([+-]?" + DECIMAL + ")\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(" + DECIMAL + ")(kib|kb|k|mib|mb|m|gib|gb|g|tib|tb|t|pib|pb|p|b)?");
    private static final String NOT_A_DURATION = "not a duration (use e.g. 500ms, 5s, 10m, 1h, 2d or PT5S)";

    /**
     * Reads a duration. A number needs a unit ({@code 5} alone would silently mean milliseconds to some and seconds
     * to others); only {@code 0} may stand alone. Numbers are plain decimals ({@code 1.5s}); exponents, hex and Java
     * suffixes ({@code 1e3s}, {@code 5fs}) are refused.
     *
     * @param key   the key, for the error message
     * @param value {@code 500ms}, {@code 5s}, {@code 1.5s}, {@code 10m}, {@code 1h}, {@code 2d}, an ISO-8601 duration
     *              ({@code PT5S}) or {@code 0}
     * @return the duration, exact to the nanosecond
     * @throws ConfigurationException naming key and value as typed when it does not parse, is negative or is longer
     *                                than {@link #LONGEST_DURATION}
     */
    public static Duration parseDuration(String key, String value) {
        String v = value.trim();
        Duration d;
        if (v.equals("0")) {
            d = Duration.ZERO;
        } else if (v.toUpperCase(Locale.ROOT).matches("[+-]?P.*")) {
            try {
                d = Duration.parse(v.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new ConfigurationException(key, value, NOT_A_DURATION);
            }
        } else {
            Matcher m = DURATION.matcher(v.toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new ConfigurationException(key, value, PLAIN_NUMBER.matcher(v).matches()
                        ? "needs a unit (e.g. " + v + "ms or " + v + "s)" : NOT_A_DURATION);
            }
            BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(nanosPerUnit(m.group(2))));
            if (nanos.abs().compareTo(LONGEST_NANOS) > 0) {
                throw new ConfigurationException(key, value, "must be at most " + formatDuration(LONGEST_DURATION));
            }
            d = Duration.ofNanos(nanos.setScale(0, RoundingMode.HALF_UP).longValueExact());
        }
        if (d.isNegative()) {
            throw new ConfigurationException(key, value, "must not be negative");
        }
        if (d.compareTo(LONGEST_DURATION) > 0) {
            throw new ConfigurationException(key, value, "must be at most " + formatDuration(LONGEST_DURATION));
        }
        return d;
    }

    /**
     * The one range check of every duration setting, shared by the property parser and the builders so both say
     * the same: the message names the key and shows the value as {@link #formatDuration} writes it.
     *
     * @param key the key, for the error message
     * @param d   the duration, may be {@code null} (then "is required")
     * @param min the least allowed, inclusive
     * @param max the most allowed, inclusive
     * @return {@code d}
     * @throws ConfigurationException when {@code d} is missing or outside {@code [min, max]}
     */
    public static Duration checkDuration(String key, Duration d, Duration min, Duration max) {
        if (d == null) {
            throw new ConfigurationException(key, "null", "is required");
        }
        if (d.isNegative()) {
            throw new ConfigurationException(key, formatDuration(d), "must not be negative");
        }
        if (d.compareTo(min) < 0) {
            throw new ConfigurationException(key, formatDuration(d), min.equals(ANY_POSITIVE) ? "must be > 0"
                    : "must be at least " + formatDuration(min));
        }
        if (d.compareTo(max) > 0) {
            throw new ConfigurationException(key, formatDuration(d), "must be at most " + formatDuration(max));
        }
        return d;
    }

    /**
     * @param e     a failure about a duration setting
     * @param typed the setting's value as typed
     * @return {@code e} showing {@code typed} when it showed that duration reformatted, else {@code e} itself
     */
    static ConfigurationException showingTypedDuration(ConfigurationException e, String typed) {
        if (e.problem() == null || e.value() == null || e.value().equals(typed.trim())) {
            return e;
        }
        try {
            if (!e.value().equals(formatDuration(parseDuration(e.key(), typed)))) {
                return e;
            }
        } catch (ConfigurationException notADuration) {
            return e;
        }
        ConfigurationException shown = new ConfigurationException(e.key(), typed.trim(), e.problem());
        shown.setStackTrace(e.getStackTrace());
        return shown;
    }

    /**
     * Like {@link #checkDuration} for sizes in bytes.
     *
     * @param key the key, for the error message
     * @param v   the size in bytes
     * @param min the least allowed, inclusive
     * @param max the most allowed, inclusive
     * @return {@code v}
     * @throws ConfigurationException when {@code v} is outside {@code [min, max]}
     */
    public static long checkBytes(String key, long v, long min, long max) {
        if (v < min) {
            throw new ConfigurationException(key, v, "must be at least " + (min == 0 ? "0" : formatBytes(min)));
        }
        if (v > max) {
            throw new ConfigurationException(key, v, "must be at most " + formatBytes(max));
        }
        return v;
    }

    /**
     * @param bytes a size
     * @return the largest binary unit that holds it exactly ({@code 1MiB}, {@code 1PiB}), else bytes
     */
    static String formatBytes(long bytes) {
        String[] units = {"PiB", "TiB", "GiB", "MiB", "KiB"};
        for (int i = 0; i < units.length; i++) {
            long size = 1L << (10 * (5 - i));
            if (bytes != 0 && bytes % size == 0) {
                return bytes / size + units[i];
            }
        }
        return String.valueOf(bytes);
    }

    private static long nanosPerUnit(String unit) {
        switch (unit) {
            case "ms": return 1_000_000L;
            case "s": return 1_000_000_000L;
            case "m": return 60_000_000_000L;
            case "h": return 3_600_000_000_000L;
            default: return 86_400_000_000_000L;
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
     * @param value bytes, or a plain decimal with {@code k/kb/kib}, {@code m/mb/mib}, {@code g/gb/gib}, {@code t/tb/tib},
     *              {@code p/pb/pib} (all binary multiples) or {@code b}; fractions of a byte are dropped
     * @return the size in bytes
     * @throws ConfigurationException naming key and value as typed when it does not parse, is negative or is larger
     *                                than {@link #LARGEST_SIZE}
     */
    public static long parseBytes(String key, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        boolean negative = v.startsWith("-");
        Matcher m = SIZE.matcher(negative ? v.substring(1) : v);
        if (!m.matches()) {
            throw new ConfigurationException(key, value, "not a size (use e.g. 1048576, 512k, 64MiB or 1g)");
        }
        if (negative) {
            throw new ConfigurationException(key, value, "must be a size >= 0");
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(bytesPerUnit(m.group(2))));
        if (bytes.compareTo(BigDecimal.valueOf(LARGEST_SIZE)) > 0) {
            throw new ConfigurationException(key, value, "must be at most " + formatBytes(LARGEST_SIZE));
        }
        return bytes.longValue();
    }

    private static long bytesPerUnit(String unit) {
        if (unit == null || unit.equals("b")) {
            return 1;
        }
        return 1L << (10 * ("kmgtp".indexOf(unit.charAt(0)) + 1));
    }

    /**
     * @param key   the key, for the error message
     * @param value a plain decimal number ({@code 80}, {@code 0.7}, {@code -5}); exponents, hex, Java suffixes
     *              ({@code 80f}), {@code NaN} and {@code Infinity} are refused
     * @return the number
     * @throws ConfigurationException naming key and value when it is not a plain decimal
     */
    public static double parseDouble(String key, String value) {
        String v = value.trim();
        if (!PLAIN_NUMBER.matcher(v).matches()) {
            throw new ConfigurationException(key, value, "not a plain decimal number (e.g. 80 or 0.7)");
        }
        return Double.parseDouble(v);
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
