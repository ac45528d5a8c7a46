package io.zprof.api.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and how evidence is written.
 *
 * @param directory            dump directory (created 0700 on POSIX)
 * @param binary               write binary forms ({@code .jfr}, {@code .hprof})
 * @param text                 write text forms (top frames, histogram, thread dump text)
 * @param cpuDuration          length of a triggered CPU (and alloc/lock) recording
 * @param samplePeriod         JFR execution-sample period
 * @param threadCreateDuration length of a triggered thread-creation recording
 * @param maxFiles             retention: at most this many artifact files (oldest removed first)
 * @param maxBytes             retention: at most this many bytes of artifacts (oldest removed first)
 * @param window               the pre-trigger continuous recording
 * @param heapDiskFactor       a heap dump is skipped unless free disk is at least this multiple of used heap
 * @param heapMaxBytes         a heap dump is skipped when used heap exceeds this (0 = no limit)
 * @param flameGraph           also write a flame graph HTML for JFR profiles
 * @param heapHolders          who holds the heap growth between an event's two heap dumps (a child JVM)
 */
public record DumpConfig(Path directory, boolean binary, boolean text, Duration cpuDuration, Duration samplePeriod,
                         Duration threadCreateDuration, int maxFiles, long maxBytes, WindowConfig window,
                         double heapDiskFactor, long heapMaxBytes, boolean flameGraph,
                         HeapHoldersConfig heapHolders) {
    /** Validates every component. */
    public DumpConfig {
        SingleSettingChecks.required("zprof.dump.path", directory);
        if (directory.toString().isBlank()) {
            throw new ConfigurationException("zprof.dump.path", "''", "must not be empty");
        }
        SingleSettingChecks.positive("zprof.dump.cpuduration", cpuDuration, SingleSettingChecks.LONGEST_STEP);
        SingleSettingChecks.samplePeriod("zprof.dump.sampleperiod", samplePeriod);
        SingleSettingChecks.positive("zprof.dump.threadcreateduration", threadCreateDuration, SingleSettingChecks.LONGEST_STEP);
        SingleSettingChecks.atLeast("zprof.dump.maxfiles", maxFiles, 1);
        SingleSettingChecks.bytes("zprof.dump.maxbytes", maxBytes, SingleSettingChecks.ONE_MIB);
        SingleSettingChecks.required("zprof.dump.window", window);
        if (!(heapDiskFactor >= 1.0) || Double.isInfinite(heapDiskFactor)) {
            throw new ConfigurationException("zprof.dump.heap.diskfactor", heapDiskFactor, "must be a number >= 1.0");
        }
        SingleSettingChecks.bytes("zprof.dump.heap.maxheap", heapMaxBytes, 0);
        SingleSettingChecks.required("zprof.dump.heapholders", heapHolders);
        if (!binary && !text) {
            throw new ConfigurationException("zprof.dump.binary", false, "binary and text dumps are both off; nothing would be written");
        }
    }

    /** @return the defaults: ./dumps, binary on, text off, 10 s at 10 ms, 100 files, 2 GiB, heap guard 1.2×, no holder analysis */
    public static DumpConfig defaults() {
        return new DumpConfig(Path.of("dumps"), true, false, Duration.ofSeconds(10), Duration.ofMillis(10),
                Duration.ofSeconds(5), 100, 2L * 1024 * 1024 * 1024, WindowConfig.defaults(), 1.2, 0, false,
                HeapHoldersConfig.defaults());
    }

    /** @return a builder starting from this configuration */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Mutable builder: the setters check nothing, {@link #build()} validates, so settings that are checked against
     * each other (binary and text) can be set in any order.
     */
    public static final class Builder {
        private Path directory;
        private boolean binary;
        private boolean text;
        private Duration cpuDuration;
        private Duration samplePeriod;
        private Duration threadCreateDuration;
        private int maxFiles;
        private long maxBytes;
        private WindowConfig window;
        private double heapDiskFactor;
        private long heapMaxBytes;
        private boolean flameGraph;
        private HeapHoldersConfig heapHolders;

        Builder(DumpConfig c) {
            directory = c.directory;
            binary = c.binary;
            text = c.text;
            cpuDuration = c.cpuDuration;
            samplePeriod = c.samplePeriod;
            threadCreateDuration = c.threadCreateDuration;
            maxFiles = c.maxFiles;
            maxBytes = c.maxBytes;
            window = c.window;
            heapDiskFactor = c.heapDiskFactor;
            heapMaxBytes = c.heapMaxBytes;
            flameGraph = c.flameGraph;
            heapHolders = c.heapHolders;
        }

        /** @param v dump directory @return this */
        public Builder directory(Path v) { directory = v; return this; }
        /** @param v binary forms on/off @return this */
        public Builder binary(boolean v) { binary = v; return this; }
        /** @param v text forms on/off @return this */
        public Builder text(boolean v) { text = v; return this; }
        /** @param v CPU recording length @return this */
        public Builder cpuDuration(Duration v) { cpuDuration = v; return this; }
        /** @param v execution-sample period @return this */
        public Builder samplePeriod(Duration v) { samplePeriod = v; return this; }
        /** @param v thread-creation recording length @return this */
        public Builder threadCreateDuration(Duration v) { threadCreateDuration = v; return this; }
        /** @param v retention file count @return this */
        public Builder maxFiles(int v) { maxFiles = v; return this; }
        /** @param v retention bytes @return this */
        public Builder maxBytes(long v) { maxBytes = v; return this; }
        /** @param v pre-trigger window @return this */
        public Builder window(WindowConfig v) { window = v; return this; }
        /** @param f edits the pre-trigger window @return this */
        public Builder window(java.util.function.UnaryOperator<WindowConfig> f) { window = f.apply(window); return this; }
        /** @param v free-disk multiple of used heap required for a heap dump @return this */
        public Builder heapDiskFactor(double v) { heapDiskFactor = v; return this; }
        /** @param v largest used heap that may be dumped, 0 = any @return this */
        public Builder heapMaxBytes(long v) { heapMaxBytes = v; return this; }
        /** @param v flame graph HTML on/off @return this */
        public Builder flameGraph(boolean v) { flameGraph = v; return this; }
        /** @param f edits the holder analysis @return this */
        public Builder heapHolders(java.util.function.UnaryOperator<HeapHoldersConfig> f) { heapHolders = f.apply(heapHolders); return this; }

        /** @return the validated configuration */
        public DumpConfig build() {
            return new DumpConfig(directory, binary, text, cpuDuration, samplePeriod, threadCreateDuration, maxFiles,
                    maxBytes, window, heapDiskFactor, heapMaxBytes, flameGraph, heapHolders);
        }
    }
}
