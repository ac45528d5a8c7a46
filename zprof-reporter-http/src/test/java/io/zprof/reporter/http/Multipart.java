package io.zprof.reporter.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A strict little multipart/form-data parser, independent of the code under test. */
final class Multipart {
    /** One part. */
    record Part(Map<String, String> headers, byte[] body) {
        String disposition() {
            return headers.get("content-disposition");
        }

        String name() {
            return param("name");
        }

        String filename() {
            return param("filename");
        }

        private String param(String p) {
            Matcher m = Pattern.compile(";\\s*" + p + "=\"([^\"]*)\"").matcher(disposition());
            return m.find() ? m.group(1) : null;
        }
    }

    private Multipart() {
    }

    static List<Part> parse(String contentType, byte[] body) {
        Matcher m = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType);
        if (!contentType.startsWith("multipart/form-data") || !m.find()) {
            throw new AssertionError("not multipart/form-data with a boundary: " + contentType);
        }
        byte[] delimiter = ("--" + m.group(1)).getBytes(StandardCharsets.ISO_8859_1);
        List<Part> parts = new ArrayList<>();
        int pos = indexOf(body, delimiter, 0);
        if (pos != 0) {
            throw new AssertionError("body does not start with the boundary");
        }
        while (true) {
            pos += delimiter.length;
            if (body[pos] == '-' && body[pos + 1] == '-') {
                return parts;
            }
            pos += 2; // CRLF
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), pos);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : new String(body, pos, headersEnd - pos, StandardCharsets.UTF_8).split("\r\n")) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            int start = headersEnd + 4;
            int next = indexOf(body, delimiter, start);
            parts.add(new Part(headers, Arrays.copyOfRange(body, start, next - 2)));
            pos = next;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("delimiter not found");
    }
}
