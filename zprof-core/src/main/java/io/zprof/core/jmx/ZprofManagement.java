package io.zprof.core.jmx;

import io.zprof.api.config.ConfigurationException;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.ReportEvent;
import io.zprof.core.Zprof;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * {@link ZprofMXBean} over one engine. Errors reach a JMX client as JDK exceptions with the key and value in the
 * message (a client has no zprof class to deserialise {@link ConfigurationException}).
 */
final class ZprofManagement implements ZprofMXBean {
    /** A capture writes a CPU profile for {@code zprof.dump.profileduration}, then a heap dump: generous. */
    private static final long CAPTURE_WAIT_MINUTES = 10;

    private final Zprof zprof;
    private final Consumer<Map<String, String>> update;

    ZprofManagement(Zprof zprof, Consumer<Map<String, String>> update) {
        this.zprof = zprof;
        this.update = update;
    }

    @Override
    public String getStatusText() {
        return zprof.status().describe();
    }

    @Override
    public StatusData getStatus() {
        return new StatusData(zprof.status());
    }

    @Override
    public long update(String properties) {
        try {
            update.accept(SettingChanges.parse(properties));
        } catch (ConfigurationException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        return zprof.status().generation();
    }

    @Override
    public boolean sampleNow() {
        return zprof.sampleNow();
    }

    @Override
    public String capture(String kinds, String reason) {
        Set<DumpKind> wanted = new LinkedHashSet<>();
        for (String k : kinds.split(",")) {
            if (!k.isBlank()) {
                wanted.add(DumpKind.of(k.trim().toLowerCase(java.util.Locale.ROOT)).orElseThrow(
                        () -> new IllegalArgumentException("unknown dump kind '" + k.trim() + "' (known: "
                                + DumpKind.known().stream().map(DumpKind::key).toList() + ")")));
            }
        }
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("name at least one dump kind");
        }
        try {
            ReportEvent event = zprof.capture(wanted, reason).toCompletableFuture()
                    .get(CAPTURE_WAIT_MINUTES, TimeUnit.MINUTES);
            return StatusData.describe(event);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IllegalStateException ? new IllegalStateException(cause.getMessage())
                    : new IllegalStateException("capture failed: " + cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("capture still running after " + CAPTURE_WAIT_MINUTES + " minutes");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the capture");
        }
    }
}
