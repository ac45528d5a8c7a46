package io.zprof.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zprof.api.model.EventType;
import io.zprof.api.model.ReportEvent;
import io.zprof.core.internal.engine.EngineCounters.Counter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Where every event goes: counters, the recent events, the listeners. */
class EventPublisherTest {
    private final EngineCounters counters = new EngineCounters();
    private final EventPublisher publisher = new EventPublisher(counters, () -> null);

    private static ReportEvent event(int n, EventType type) {
        Instant t = Instant.ofEpochSecond(n);
        return new ReportEvent(Integer.toString(n), type, t, "threads", n, Double.NaN, "test", Map.of(), Map.of(),
                List.of(), null, t, t, null);
    }

    @Test
    void dryRunEventsAreCountedApartAndOnlyTheLastTwentyAreKept() {
        for (int i = 1; i <= 25; i++) {
            publisher.publish(event(i, i % 5 == 0 ? EventType.DRY_RUN : EventType.TRIGGER), null);
        }
        assertEquals(20, counters.get(Counter.EVENTS));
        assertEquals(5, counters.get(Counter.DRY_RUN_EVENTS));
        List<ReportEvent> recent = publisher.recent();
        assertEquals(EventPublisher.RECENT_EVENTS, recent.size());
        assertEquals("6", recent.get(0).eventId(), "oldest first");
        assertEquals("25", recent.get(recent.size() - 1).eventId());
    }

    @Test
    void aListenerThatThrowsIsCountedAndTheOthersStillHearTheEvent() {
        List<String> heard = new CopyOnWriteArrayList<>();
        publisher.addListener(e -> {
            throw new IllegalStateException("broken listener");
        });
        publisher.addListener(e -> heard.add(e.eventId()));
        publisher.publish(event(1, EventType.TRIGGER), null);
        assertEquals(List.of("1"), heard);
        assertEquals(1, counters.get(Counter.LISTENER_ERRORS));
        assertEquals(1, counters.get(Counter.EVENTS));
    }
}
