package io.zprof.dumper.async.internal;

import io.zprof.api.config.WindowConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pre-trigger window on async-profiler: a session sampling CPU ({@code cpu} or {@code itimer}, which fire only
 * for threads that run, so an idle service costs next to nothing) at {@code zprof.dump.window.sampleperiod}, cut
 * into files every {@link #chunkPeriod} by one zprof thread and kept in a {@link ChunkRing} bounded by
 * {@code zprof.dump.window.maxage} and {@code .maxsize}. A {@code window} capture ends the current file, starts the
 * next and writes the ring, so a burst that ended before the trigger is in it.
 *
 * <p>One profiler session at a time: while a triggered capture runs, the window is suspended and the capture's
 * session also samples CPU at least as often as the window does; its file joins the ring when it ends, so the window
 * has no hole. Every method synchronizes on this window.
 *
 * <p>Continuous-profiling chunks come from the same session: with profiling on, every file the ring takes (the
 * window's and the captures') is also kept for the next chunk, and {@link #writeProfileTo} ends the current file,
 * starts the next and writes the files since the previous chunk. Chunks never overlap and never leave a hole but the
 * milliseconds between a stop and the next start. With the window off and profiling on, the provider runs this
 * session for the chunks alone and serves no {@code window} capture.
 */
final class AsyncWindow implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncWindow.class);
    private static final Duration SHORTEST_CHUNK = Duration.ofSeconds(1);
    /**
     * Each file costs a stop and a start of the session (~2–5 ms of CPU on a 2-vCPU VM, and the session's native
     * threads made again), whether or not anything ran: at an idle service that is most of the window's cost, so the
     * files are as long as the window's reach allows (docs/performance-appendix.md, "Side by side").
     */
    private static final Duration LONGEST_CHUNK = Duration.ofSeconds(30);

    private final ProfilerEngine engine;
    private final WindowConfig config;
    private final ChunkRing ring;
    private final Clock clock;
    private final ScheduledExecutorService rotation;
    private Path current;
    private boolean suspended;
    private boolean closed;

    /**
     * Starts the first file and the rotation.
     *
     * @param engine   the profiler
     * @param config   {@code zprof.dump.window.*}
     * @param tempRoot where the ring's private directory goes
     * @param threads  the engine's thread factory (one thread: the rotation)
     * @param clock    the time chunks are stamped with
     * @throws IOException when the ring's directory cannot be created
     */
    AsyncWindow(ProfilerEngine engine, WindowConfig config, Path tempRoot, ThreadFactory threads, Clock clock)
            throws IOException {
        this(engine, config, tempRoot, threads, clock, false);
    }

    /**
     * Starts the first file and the rotation.
     *
     * @param engine    the profiler
     * @param config    {@code zprof.dump.window.*}, its sample period the session's
     * @param tempRoot  where the ring's private directory goes
     * @param threads   the engine's thread factory (one thread: the rotation)
     * @param clock     the time chunks are stamped with
     * @param profiling whether continuous-profiling chunks are taken from the session ({@link #writeProfileTo})
     * @throws IOException when the ring's directory cannot be created
     */
    AsyncWindow(ProfilerEngine engine, WindowConfig config, Path tempRoot, ThreadFactory threads, Clock clock,
                boolean profiling) throws IOException {
        this.engine = engine;
        this.config = config;
        this.clock = clock;
        this.ring = new ChunkRing(tempRoot, config.maxAge(), config.maxSize());
        if (profiling) {
            ring.keepForProfile();
        }
        startChunk();
        long period = chunkPeriod(config.maxAge()).toMillis();
        // one thread, made by the engine's factory
        this.rotation = new ScheduledThreadPoolExecutor(1, threads);
        rotation.scheduleWithFixedDelay(this::rotateQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * @param maxAge how far back the window reaches
     * @return how long each file covers: a quarter of the window, between 1 and 30 s (30 s at the default 2 minutes:
     *         two rotations a minute), so the ring reaches back at least max age and at most one file more
     */
    static Duration chunkPeriod(Duration maxAge) {
        Duration quarter = maxAge.dividedBy(4);
        if (quarter.compareTo(SHORTEST_CHUNK) < 0) {
            return SHORTEST_CHUNK;
        }
        return quarter.compareTo(LONGEST_CHUNK) > 0 ? LONGEST_CHUNK : quarter;
    }

    /** @return the session options of the window: CPU samples at the window's period */
    String events() {
        return "event=" + engine.cpuEvent() + ",interval=" + ProfilerEngine.nanos(config.samplePeriod());
    }

    /** @return the window's sampling period */
    Duration samplePeriod() {
        return config.samplePeriod();
    }

    private void startChunk() {
        if (closed || suspended || current != null) {
            return;
        }
        Path file = ring.nextFile();
        try {
            engine.start(events(), file);
            current = file;
        } catch (IOException e) {
            // another session holds the profiler (a capture of a dumper being replaced): the next rotation retries
            LOG.debug("async-profiler window not started now: {}", e.getMessage());
        }
    }

    private void endChunk() throws IOException {
        if (current == null) {
            return;
        }
        Path file = current;
        current = null;
        if (engine.stop(file) && Files.exists(file)) {
            ring.add(file, clock.instant());
        }
    }

    private synchronized void rotateQuietly() {
        try {
            if (!suspended && !closed) {
                endChunk();
                startChunk();
            }
            ring.evict(clock.instant());
        } catch (IOException | RuntimeException e) {
            LOG.warn("async-profiler window rotation failed; it retries in {}: {}",
                    chunkPeriod(config.maxAge()), e.toString());
        }
    }

    /**
     * Ends the current file so a triggered capture can have the profiler.
     *
     * @throws IOException when the profiler fails to stop
     */
    synchronized void suspend() throws IOException {
        suspended = true;
        endChunk();
    }

    /**
     * Takes a capture's file into the window (it sampled CPU at least as often), then starts the next file.
     *
     * @param captured the capture's finished file, or null when it wrote none
     */
    synchronized void resume(Path captured) {
        suspended = false;
        try {
            if (captured != null && Files.exists(captured)) {
                ring.add(captured, clock.instant());
            }
        } catch (IOException e) {
            LOG.warn("the capture's samples are not in the async-profiler window: {}", e.toString());
        }
        startChunk();
    }

    /**
     * Writes the window up to now: ends the current file (the next one starts at once) and writes every file of
     * the ring, oldest first. While a capture runs, the window ends where the capture began.
     *
     * @param target a file that does not exist yet
     * @throws IOException when the window holds nothing or a file cannot be written
     */
    synchronized void writeTo(Path target) throws IOException {
        cutCurrentFile();
        ring.writeTo(target);
    }

    /** Ends the current file and starts the next, unless a capture holds the profiler. */
    private void cutCurrentFile() throws IOException {
        if (closed) {
            throw new IOException("the async-profiler window is closed");
        }
        if (!suspended) {
            endChunk();
            startChunk();
        }
    }

    /**
     * Writes the continuous-profiling chunk: ends the current file (the next one starts at once) and writes every
     * file since the previous chunk, oldest first. While a capture runs, the chunk ends where the capture began; the
     * capture's file goes into the next one.
     *
     * @param target a file that does not exist yet
     * @throws IOException when the session is closed, no file was written since the last chunk, or the file cannot
     *                     be written
     */
    synchronized void writeProfileTo(Path target) throws IOException {
        cutCurrentFile();
        ring.takeProfile(target);
    }

    /**
     * @return whether {@link #writeProfileTo} has samples to write: the session runs (its current file ends there),
     *         or files wait; false while one capture spans two chunks
     */
    synchronized boolean profilePending() {
        return !closed && (!suspended || ring.profilePending());
    }

    /** @return whether a capture holds the profiler now */
    synchronized boolean suspended() {
        return suspended;
    }

    /** Stops the session and the rotation and deletes the ring. Idempotent. */
    @Override
    public void close() {
        rotation.shutdownNow();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                endChunk();
            } catch (IOException | RuntimeException e) {
                LOG.warn("async-profiler window did not stop cleanly: {}", e.toString());
            }
            ring.close();
        }
    }
}
