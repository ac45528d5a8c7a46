package io.zprof.dumper.async.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How long each file of the async window covers: every file is a stop and a start of the session. */
class ChunkPeriodTest {
    @Test
    void theDefaultTwoMinuteWindowRotatesTwiceAMinute() {
        assertEquals(Duration.ofSeconds(30), AsyncWindow.chunkPeriod(Duration.ofMinutes(2)));
    }

    @Test
    void aShortWindowIsCutIntoQuartersAndNoFileIsShorterThanASecond() {
        assertEquals(Duration.ofSeconds(2), AsyncWindow.chunkPeriod(Duration.ofSeconds(8)));
        assertEquals(Duration.ofSeconds(1), AsyncWindow.chunkPeriod(Duration.ofSeconds(2)));
    }

    @Test
    void aLongWindowStillRotatesEveryThirtySecondsSoEvictionStaysFine() {
        assertEquals(Duration.ofSeconds(30), AsyncWindow.chunkPeriod(Duration.ofHours(1)));
    }
}
