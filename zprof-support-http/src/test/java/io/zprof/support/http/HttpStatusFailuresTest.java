package io.zprof.support.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Error bodies quoted in failure messages never carry a secret, whole or in part, wherever the cut falls. */
class HttpStatusFailuresTest {
    private static final String SECRET = "s3cr3t-passw0rd-XY";

    private static String message(String body, boolean bodyCut) {
        return HttpStatusFailures.forStatus(401, "Unauthorized", "https://h:443/ingest", body, bodyCut, null,
                Instant.EPOCH, List.of(SECRET)).getMessage();
    }

    /** No run of 3 or more characters from the start of the secret survives. */
    private static void assertNoPrefixOfSecret(String message) {
        for (int k = 3; k <= SECRET.length(); k++) {
            assertFalse(message.contains(SECRET.substring(0, k)), k + " characters of the secret leaked: " + message);
        }
    }

    @Test
    void aSecretStraddlingTheSnippetCutIsBlankedForEveryPosition() {
        for (int start = 180; start <= 200; start++) {
            String body = "x".repeat(start) + SECRET + " and more text after it, up to well past the cut";
            String m = message(body, false);
            assertNoPrefixOfSecret(m);
        }
    }

    @Test
    void aSecretBeforeTheCutIsBlankedAndTheTextAfterItKept() {
        String body = "echo: " + SECRET + " " + "y".repeat(400);
        String m = message(body, false);
        assertNoPrefixOfSecret(m);
        assertTrue(m.contains("echo: **** yyy"), m);
    }

    @Test
    void aPrefixAtTheEndOfABodyTheCallerCutIsBlanked() {
        String m = message("denied for " + SECRET.substring(0, 7), true);
        assertNoPrefixOfSecret(m);
        assertTrue(m.endsWith("denied for ****"), m);
    }

    @Test
    void aWholeBodyIsLeftAsItIs() {
        assertEquals("HTTP 401 Unauthorized from https://h:443/ingest: denied for s3c", message("denied for s3c", false));
        assertEquals("HTTP 401 Unauthorized from https://h:443/ingest: go away", message("go away", false));
    }
}
