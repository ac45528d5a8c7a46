package io.zprof.core.internal.engine;

import io.zprof.api.model.EventType;
import io.zprof.api.model.ReportEvent;
import io.zprof.core.internal.engine.EngineCounters.Counter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every event goes once it exists: counted, kept among the recent ones for status(), handed to the listeners
 * and to the report delivery of the configuration in force. Thread-safe.
 */
final class EventPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);
    /** How many events status() shows. */
    static final int RECENT_EVENTS = 20;

    private final EngineCounters counters;
    private final Supplier<Components> current;
    private final Deque<ReportEvent> recent = new ArrayDeque<>();
    /** The last event of each rule, however long ago: status() shows it for a rule that fired. Guarded by recent. */
    private final Map<String, ReportEvent> lastByRule = new HashMap<>();
    private final List<Consumer<ReportEvent>> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param counters counts events and listener failures
     * @param current  the components in force, or {@code null} while stopped
     */
    EventPublisher(EngineCounters counters, Supplier<Components> current) {
        this.counters = counters;
        this.current = current;
    }

    /** @param listener called with every event; what it throws is counted and logged */
    void addListener(Consumer<ReportEvent> listener) {
        listeners.add(listener);
    }

    /**
     * @param event  the event
     * @param leased a capture's own components (it holds a lease on them, so they are open even after stop()),
     *               used when the engine has none any more; or {@code null}. While running, events go to the current
     *               configuration's reporters, so a capture that spans an update() reaches the reporters now set
     */
    void publish(ReportEvent event, Components leased) {
        counters.increment(event.type() == EventType.DRY_RUN ? Counter.DRY_RUN_EVENTS : Counter.EVENTS);
        synchronized (recent) {
            recent.addLast(event);
            lastByRule.put(event.rule(), event);
            while (recent.size() > RECENT_EVENTS) {
                recent.removeFirst();
            }
        }
        for (Consumer<ReportEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException | Error e) {
                counters.increment(Counter.LISTENER_ERRORS);
                LOG.warn("zprof: event listener failed: {}", e.toString());
            }
        }
        Components now = current.get();
        // leased for the hand-off: a concurrent update() or stop() must not close them in between
        if (now != null && now.acquire()) {
            try {
                now.delivery.enqueue(event);
            } finally {
                now.release();
            }
        } else if (leased != null) {
            leased.delivery.enqueue(event);
        }
    }

    /** @param rule a rule's name @return its last event, or {@code null} when it has none */
    ReportEvent lastEvent(String rule) {
        synchronized (recent) {
            return lastByRule.get(rule);
        }
    }

    /** @return the last {@value #RECENT_EVENTS} events, oldest first */
    List<ReportEvent> recent() {
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }
}
