package io.zprof.dumper.jfr.internal;

import io.zprof.api.model.Quantities;
import com.sun.management.HotSpotDiagnosticMXBean;
import io.zprof.api.config.DumpConfig;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.DumpOutcome;
import io.zprof.api.model.DumpRequest;
import io.zprof.api.port.Dumper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heap and thread dumps through the HotSpot MXBeans; needs no JFR.
 *
 * <p>A heap capture always writes the class histogram (and, given the previous histogram of the series, the
 * diff against it), then the HPROF file unless free disk or the heap-size cap says no. The HPROF file holds the
 * whole memory of the process, secrets included: it is only written when heap captures are configured, and the
 * engine seals it 0600 like every artefact.
 */
final class HotspotDumper implements Dumper {
    private static final Logger LOG = LoggerFactory.getLogger(HotspotDumper.class);

    private final DumpConfig config;
    private final ThreadDumps threadDumps;
    private final HotSpotDiagnosticMXBean diagnostics;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    /**
     * @param config      heap guards ({@code zprof.dump.heap.*})
     * @param threadDumps the thread dumper
     */
    HotspotDumper(DumpConfig config, ThreadDumps threadDumps) {
        this.config = config;
        this.threadDumps = threadDumps;
        this.diagnostics = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    }

    @Override
    public DumpOutcome dump(DumpRequest request) throws IOException {
        if (request.kind() == DumpKind.HEAP) {
            return heap(request);
        }
        if (request.kind() == DumpKind.THREADS) {
            threadDumps.write(request);
            return DumpOutcome.done();
        }
        throw new IllegalArgumentException("the hotspot dumper does not capture " + request.kind().key());
    }

    private DumpOutcome heap(DumpRequest request) throws IOException {
        String histogram = ClassHistogram.capture();
        TextFiles.write(request.output().newFile("histogram", "txt"), histogram, "class histogram");
        List<String> notes = new ArrayList<>();
        previousHistogram(request.related()).ifPresent(base -> diff(request, base, histogram, notes));
        if (!request.binary()) {
            notes.add("heap dump not written: binary dumps are off");
            return new DumpOutcome(false, String.join("; ", notes));
        }
        Path hprof = request.output().newFile("heap", "hprof").toAbsolutePath();
        Optional<String> refusal = refusal(hprof.getParent());
        if (refusal.isPresent()) {
            LOG.warn("heap dump skipped: {}", refusal.get());
            return DumpOutcome.skipped(refusal.get() + "; class histogram written");
        }
        LOG.info("writing heap dump {}; the JVM stops while it writes, and the file holds every secret in memory",
                hprof.getFileName());
        try {
            diagnostics.dumpHeap(hprof.toString(), true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(hprof);
            throw new IOException("heap dump to " + hprof + " failed: " + e, e);
        }
        return new DumpOutcome(false, String.join("; ", notes));
    }

    private void diff(DumpRequest request, Path base, String histogram, List<String> notes) {
        try {
            String before = Files.readString(base, StandardCharsets.UTF_8);
            String text = HistogramDiff.render(base.getFileName().toString(), ClassHistogram.parse(before),
                    ClassHistogram.parse(histogram));
            TextFiles.write(request.output().newFile("heapdiff", "txt"), text, "heap diff");
        } catch (IOException e) {
            // the diff is a convenience: the histograms themselves are on disk
            LOG.warn("heap diff against {} not written", base, e);
            notes.add("heap diff not written: " + e.getMessage());
        }
    }

    /**
     * @param dir where the heap dump would go
     * @return why the heap dump must not be taken now, or empty when it may
     * @throws IOException when the free space cannot be read
     */
    Optional<String> refusal(Path dir) throws IOException {
        long used = memory.getHeapMemoryUsage().getUsed();
        if (config.heapMaxBytes() > 0 && used > config.heapMaxBytes()) {
            return Optional.of("used heap " + Quantities.bytes(used) + " > " + Quantities.bytes(config.heapMaxBytes())
                    + " (zprof.dump.heap.maxheap)");
        }
        if (used > config.maxBytes()) {
            // retention would delete the dump, and every older artifact, as soon as it was written
            return Optional.of("used heap " + Quantities.bytes(used) + " > the dump directory's budget "
                    + Quantities.bytes(config.maxBytes()) + " (zprof.dump.maxbytes)");
        }
        long free;
        try {
            free = Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            throw new IOException("cannot read the free space of " + dir + ": " + e, e);
        }
        if (free < config.heapDiskFactor() * used) {
            return Optional.of(String.format(Locale.ROOT, "free disk %s < %.1f x used heap %s (zprof.dump.heap.diskfactor)",
                    Quantities.bytes(free), config.heapDiskFactor(), Quantities.bytes(used)));
        }
        return Optional.empty();
    }

    /** @return the latest histogram among the artefacts of earlier captures of the series */
    private static Optional<Path> previousHistogram(List<Path> related) {
        Path latest = null;
        FileTime latestTime = null;
        for (Path p : related) {
            String name = p.getFileName().toString();
            if (!name.startsWith("histogram") || !name.endsWith(".txt") || !Files.isRegularFile(p)) {
                continue;
            }
            try {
                FileTime t = Files.getLastModifiedTime(p);
                if (latestTime == null || t.compareTo(latestTime) >= 0) {
                    latest = p;
                    latestTime = t;
                }
            } catch (IOException e) {
                LOG.debug("earlier histogram {} unreadable", p, e);
            }
        }
        return Optional.ofNullable(latest);
    }
}
