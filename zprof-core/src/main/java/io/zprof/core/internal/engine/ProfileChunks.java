package io.zprof.core.internal.engine;

import io.zprof.api.config.DumpConfig;
import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.DumpOutcome;
import io.zprof.api.model.DumpRequest;
import io.zprof.api.model.EventType;
import io.zprof.api.model.ReportEvent;
import io.zprof.api.port.Dumper;
import io.zprof.core.internal.dump.DumpDirectory;
import io.zprof.core.internal.dump.DumpDirectoryHealth;
import io.zprof.core.internal.dump.EventFiles;
import io.zprof.core.internal.engine.EngineCounters.Counter;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continuous profiling: cuts chunks back to back, each from where the previous one ended, and captures each on the
 * capture threads into the dump directory, publishing a profile-chunk event with its file.
 */
final class ProfileChunks {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileChunks.class);

    /**
     * What chunks need of the engine.
     *
     * @param generation the configuration in force
     * @param ids        event ids
     * @param capturer   runs the captures
     * @param publisher  where events go
     * @param counters   counts failures and refusals
     * @param health     the dump directory's health
     * @param clock      where chunks start and end
     */
    record Services(Supplier<Generation> generation, EventIds ids, Capturer capturer, EventPublisher publisher,
                    EngineCounters counters, DumpDirectoryHealth health, Clock clock) {
    }

    private final Services s;
    private final Duration shortest;
    private Instant from;

    /**
     * @param services what chunks need of the engine
     * @param shortest the shortest chunk a scheduled turn cuts
     */
    ProfileChunks(Services services, Duration shortest) {
        this.s = services;
        this.shortest = shortest;
        this.from = services.clock().instant();
    }

    /** @param last whether this is the last chunk (at stop), cut however short */
    synchronized void cut(boolean last) {
        Instant until = s.clock().instant();
        Duration length = Duration.between(from, until);
        // a fixed-rate schedule runs the turns it missed (machine suspended, JVM stalled) back to back: each would
        // cut and upload a chunk of microseconds; the next full turn's chunk covers the time
        if (last ? length.isZero() || length.isNegative() : length.compareTo(shortest) < 0) {
            return;
        }
        submit(s.generation().get(), s.ids().next(until.toEpochMilli()), from, until);
        from = until;
    }

    private void submit(Generation g, String eventId, Instant start, Instant end) {
        Components comps = g.components();
        Dumper d = comps == null ? null : comps.dumpers.get(DumpKind.PROFILE_CHUNK);
        if (d == null) {
            return;
        }
        s.capturer().execute(() -> {
            if (comps.acquire()) {
                try {
                    capture(g, d, eventId, start, end);
                } finally {
                    comps.release();
                }
            }
        }, () -> s.counters().increment(Counter.CAPTURE_REJECTED));
    }

    private void capture(Generation g, Dumper d, String eventId, Instant start, Instant end) {
        DumpConfig dc = g.config().dump();
        DumpDirectory dir = new DumpDirectory(dc.directory(), s.health());
        List<ArtifactRef> artifacts = new ArrayList<>();
        String error = null;
        try {
            EventFiles files = dir.open(eventId, end);
            try {
                DumpOutcome o = d.dump(new DumpRequest(DumpKind.PROFILE_CHUNK, eventId, "profile", "continuous profiling",
                        end, Duration.between(start, end), true, false, List.of(), files));
                artifacts.addAll(files.seal(DumpKind.PROFILE_CHUNK.key()));
                error = o.skipped() ? o.detail() : null;
            } catch (Exception | Error e) {
                files.discard();
                error = "profile chunk failed: " + e;
            }
            dir.enforceRetention(dc.maxFiles(), dc.maxBytes());
        } catch (IOException e) {
            // logged once, not per chunk, and shown in status()
            s.health().unusable(dir.path(), e.getMessage());
            s.counters().increment(Counter.CAPTURE_FAILURES);
            return;
        }
        if (error != null) {
            s.counters().increment(Counter.CAPTURE_FAILURES);
            LOG.warn("zprof: {}", error);
        }
        if (!artifacts.isEmpty()) {
            s.publisher().publish(new ReportEvent(eventId, EventType.PROFILE_CHUNK, end, "profile", Double.NaN, Double.NaN,
                    "continuous profiling", Map.of(), g.config().labels(), artifacts, error, start, end), g.components());
        }
    }
}
