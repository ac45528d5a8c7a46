package io.zprof.dumper.jfr.internal;

import io.zprof.api.config.ConfigValues;
import io.zprof.api.config.WindowConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pre-trigger window recordings of this JVM, one per window setting, shared by the jfr dumpers that ask for
 * the same one. When a configuration change rebuilds the jfr dumper (its sample period changed, say) but not the
 * window's own settings, the new dumper takes the running window over and its history is kept. JFR records the
 * whole JVM, so two engines with the same window settings lose nothing by sharing one recording either. A window
 * stops when the last dumper holding it closes.
 */
final class WindowRecordings {
    private static final Logger LOG = LoggerFactory.getLogger(WindowRecordings.class);
    private static final Map<WindowConfig, Shared> RUNNING = new HashMap<>();

    private WindowRecordings() {
    }

    /** A running window and how many dumpers hold it. */
    private static final class Shared {
        private final ContinuousRecording recording;
        private int holders;

        Shared(ContinuousRecording recording) {
            this.recording = recording;
        }
    }

    /** One dumper's hold on a window. */
    static final class Lease implements AutoCloseable {
        private final WindowConfig settings;
        private final Shared shared;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Lease(WindowConfig settings, Shared shared) {
            this.settings = settings;
            this.shared = shared;
        }

        /**
         * Writes what the window holds now, without stopping it.
         *
         * @param target a file that does not exist yet
         * @throws IOException when the file cannot be written
         */
        void dump(Path target) throws IOException {
            shared.recording.dump(target);
        }

        /**
         * @param end    the instant (JFR's clock)
         * @param target a file that does not exist yet, for the ring's chunks that began before {@code end}
         * @throws IOException when the file cannot be written, or the recording was closed
         */
        void dumpUntil(Instant end, Path target) throws IOException {
            shared.recording.dumpUntil(end, target);
        }

        /** Lets go of the window; the last holder stops it. Idempotent. */
        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                release(settings, shared);
            }
        }
    }

    /**
     * @param settings the window's settings ({@code zprof.dump.window.*}), enabled
     * @return a hold on the running window with these settings, started now if none runs
     */
    static synchronized Lease acquire(WindowConfig settings) {
        Shared shared = RUNNING.get(settings);
        if (shared == null) {
            shared = new Shared(ContinuousRecording.start(JfrSettings.RECORDING_PREFIX + "window",
                    JfrSettings.window(settings.samplePeriod()), settings.maxAge(), settings.maxSize()));
            RUNNING.put(settings, shared);
            LOG.info("JFR pre-trigger window on: the last {} (at most {}) are kept, sampled every {}",
                    ConfigValues.formatDuration(settings.maxAge()), Units.bytes(settings.maxSize()),
                    ConfigValues.formatDuration(settings.samplePeriod()));
        }
        shared.holders++;
        return new Lease(settings, shared);
    }

    private static synchronized void release(WindowConfig settings, Shared shared) {
        if (--shared.holders == 0) {
            RUNNING.remove(settings, shared);
            shared.recording.close();
        }
    }
}
