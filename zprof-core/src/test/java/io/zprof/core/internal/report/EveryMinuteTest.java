package io.zprof.core.internal.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The rate limit of repeated warnings, on times passed in. */
class EveryMinuteTest {
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    @Test
    void theFirstWarningIsDueAndTheNextOneAMinuteLater() {
        EveryMinute limit = new EveryMinute();
        assertTrue(limit.due(-5));
        assertFalse(limit.due(-5 + MINUTE - 1));
        assertTrue(limit.due(-5 + MINUTE));
    }

    @Test
    void aWarningGivenAnywayRestartsTheMinute() {
        EveryMinute limit = new EveryMinute();
        limit.warned(100);
        assertFalse(limit.due(100 + MINUTE / 2));
        assertTrue(limit.due(100 + MINUTE));
    }
}
