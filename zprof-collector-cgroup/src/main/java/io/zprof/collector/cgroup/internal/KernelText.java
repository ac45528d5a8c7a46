package io.zprof.collector.cgroup.internal;

import java.nio.charset.StandardCharsets;

/**
 * Allocation-free parsing of the ASCII text the kernel writes: numbers, "key value" lines and CPU lists. Every
 * method works on a byte array and a length (the content of a {@link ReusableFile}) and creates no object.
 */
final class KernelText {
    /** Returned when there is no number where one was expected. */
    static final long NONE = Long.MIN_VALUE;
    /** Bytes by which the lines before a key may have shrunk since the last read (more than numbers ever do). */
    private static final int HINT_SLACK = 64;

    private KernelText() {
    }

    /**
     * @param text constant text, e.g. a key with its separator ({@code "VmRSS:"}, {@code "nr_periods "})
     * @return its bytes, to be kept in a constant
     */
    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * @param b   content
     * @param len valid bytes
     * @param key bytes a line must start with
     * @return the index just after the key on the first line that starts with it, or -1
     */
    static int valueAfter(byte[] b, int len, byte[] key) {
        return valueAfter(b, len, key, 0, len);
    }

    /**
     * As {@link #valueAfter(byte[], int, byte[])} for a key that occurs at most once, starting near where it was
     * found last time. A file such as {@code /proc/self/status} keeps its line order and only the widths of numbers
     * change, so the search scans a few lines instead of the whole text (which matters when the sampler runs
     * interpreted: a byte loop over 1.4 KB was a fifth of an interpreted cycle). Any hint gives the right answer; a
     * wrong one only costs the full scan.
     *
     * @param b    content
     * @param len  valid bytes
     * @param key  bytes exactly one line (or none) starts with
     * @param hint where the key's line started last time (any value; 0 when unknown)
     * @return the index just after the key on the line that starts with it, or -1
     */
    static int valueAfter(byte[] b, int len, byte[] key, int hint) {
        int from = lineStartAtOrBefore(b, Math.min(Math.max(0, hint - HINT_SLACK), len));
        int at = valueAfter(b, len, key, from, len);
        return at >= 0 || from == 0 ? at : valueAfter(b, len, key, 0, from);
    }

    private static int valueAfter(byte[] b, int len, byte[] key, int from, int until) {
        int i = from;
        while (i < until && i + key.length <= len) {
            if (startsWith(b, i, len, key)) {
                return i + key.length;
            }
            while (i < len && b[i] != '\n') {
                i++;
            }
            i++;
        }
        return -1;
    }

    private static int lineStartAtOrBefore(byte[] b, int at) {
        int i = at;
        while (i > 0 && b[i - 1] != '\n') {
            i--;
        }
        return i;
    }

    /**
     * @param b   content
     * @param len valid bytes
     * @param key bytes a line must start with
     * @return the number after the key on the first line that starts with it, or {@link #NONE}
     */
    static long longAfter(byte[] b, int len, byte[] key) {
        int at = valueAfter(b, len, key);
        return at < 0 ? NONE : parseLong(b, at, len);
    }

    /**
     * Reads a decimal integer after optional blanks; stops at the first non-digit. Values beyond the range of a
     * long saturate (the kernel prints unsigned 64-bit numbers).
     *
     * @param b    content
     * @param from where to start
     * @param len  valid bytes
     * @return the number, or {@link #NONE} when there is no digit
     */
    static long parseLong(byte[] b, int from, int len) {
        int i = skipBlanks(b, from, len);
        boolean negative = i < len && b[i] == '-';
        if (negative) {
            i++;
        }
        long value = 0;
        int start = i;
        while (i < len && b[i] >= '0' && b[i] <= '9') {
            int digit = b[i] - '0';
            value = value > (Long.MAX_VALUE - digit) / 10 ? Long.MAX_VALUE : value * 10 + digit;
            i++;
        }
        if (i == start) {
            return NONE;
        }
        return negative ? -value : value;
    }

    /**
     * @param b    content
     * @param from where to start
     * @param len  valid bytes
     * @return the index of the first byte at or after {@code from} that is neither a space nor a tab
     */
    static int skipBlanks(byte[] b, int from, int len) {
        int i = from;
        while (i < len && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        return i;
    }

    /**
     * @param b    content
     * @param from start of a token
     * @param len  valid bytes
     * @return the index of the first blank or line end after the token, then of the next token's start
     */
    static int nextToken(byte[] b, int from, int len) {
        int i = from;
        while (i < len && b[i] != ' ' && b[i] != '\t' && b[i] != '\n') {
            i++;
        }
        return skipBlanks(b, i, len);
    }

    /**
     * @param b    content
     * @param from where the text is expected, blanks allowed before it
     * @param len  valid bytes
     * @param word bytes to look for
     * @return whether the first token at {@code from} is exactly {@code word}
     */
    static boolean isWord(byte[] b, int from, int len, byte[] word) {
        int i = skipBlanks(b, from, len);
        if (!startsWith(b, i, len, word)) {
            return false;
        }
        int end = i + word.length;
        return end == len || b[end] == ' ' || b[end] == '\t' || b[end] == '\n';
    }

    /**
     * @param b   content
     * @param len valid bytes
     * @param c   the byte to find
     * @return the index of its last occurrence, or -1
     */
    static int lastIndexOf(byte[] b, int len, byte c) {
        for (int i = len - 1; i >= 0; i--) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Counts the CPUs of a kernel CPU list such as {@code 0-3,8,10-11}.
     *
     * @param b    content
     * @param from where the list starts
     * @param len  valid bytes
     * @return the number of CPUs, 0 for an empty list, -1 when the text is not a CPU list
     */
    static int countCpuList(byte[] b, int from, int len) {
        int count = 0;
        int i = skipBlanks(b, from, len);
        while (i < len && b[i] != '\n') {
            long first = parseLong(b, i, len);
            if (first < 0) {
                return -1;
            }
            i = skipDigits(b, i, len);
            long last = first;
            if (i < len && b[i] == '-') {
                last = parseLong(b, i + 1, len);
                if (last < first) {
                    return -1;
                }
                i = skipDigits(b, i + 1, len);
            }
            count += (int) Math.min(Integer.MAX_VALUE - count, last - first + 1);
            if (i < len && b[i] == ',') {
                i++;
            } else if (i < len && b[i] != '\n' && b[i] != ' ') {
                return -1;
            } else {
                break;
            }
        }
        return count;
    }

    private static int skipDigits(byte[] b, int from, int len) {
        int i = from;
        while (i < len && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i;
    }

    private static boolean startsWith(byte[] b, int at, int len, byte[] key) {
        if (at + key.length > len) {
            return false;
        }
        for (int k = 0; k < key.length; k++) {
            if (b[at + k] != key[k]) {
                return false;
            }
        }
        return true;
    }
}
