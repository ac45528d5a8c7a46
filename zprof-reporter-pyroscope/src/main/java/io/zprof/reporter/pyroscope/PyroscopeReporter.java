package io.zprof.reporter.pyroscope;

import io.zprof.support.okhttp.OkHttpEndpoint;
import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.EventType;
import io.zprof.api.model.ReportEvent;
import io.zprof.api.model.ReportOutcome;
import io.zprof.api.port.ReportException;
import io.zprof.api.port.Reporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads the JFR artifacts of events to Grafana Pyroscope's {@code /ingest}, exactly as
 * {@code specs/pyroscope-ingest.md} describes:
 * <pre>
 * POST {url}/ingest?name=&lt;app&gt;{k=v,...}&amp;format=jfr&amp;from=&lt;s&gt;&amp;until=&lt;s&gt;&amp;sampleRate=&lt;Hz&gt;&amp;spyName=javaspy&amp;units=samples&amp;aggregationType=sum
 * Content-Type: multipart/form-data; boundary=...        (never Content-Encoding)
 * User-Agent: zprof-reporter-pyroscope/&lt;version&gt;   X-Zprof-Event-Id: &lt;event id&gt;
 * [Authorization: Basic ...] [X-Scope-OrgID: tenant] [custom headers]
 * part name="jfr" filename="jfr": the JFR file, gzip-compressed when gzip is on
 * </pre>
 * <ul>
 *   <li>One request per {@code .jfr} artifact; an event without one is skipped ("no JFR artifact"), and so is a
 *       recording without events Pyroscope converts. Artifacts already accepted are not sent again when the engine
 *       retries the event after a later artifact failed.</li>
 *   <li>{@code sampleRate} is computed from the {@code jdk.ExecutionSample} period recorded in the file, so CPU time
 *       scales right ({@link JfrProfile}).</li>
 *   <li>{@code from}/{@code until} are each recording's own period, its first to its last sample: Pyroscope
 *       places a whole upload at {@code from} and spreads it over {@code until - from}, while an event's period
 *       spans all its captures (from the start of the pre-trigger window) and a continuous-profiling chunk is
 *       rotated on a capture thread after its tick, so only the file says when its samples were taken. A recording
 *       whose {@code from} lies outside the server's ingestion window (older than {@code ingestionwindow}, or more
 *       than 10 minutes ahead) is not sent: the server would answer 422 however often it is asked. When no
 *       recording of the event can be sent for that reason, the event fails with a final {@link ReportException}
 *       without a request.</li>
 *   <li>No two uploads share samples (spec §9, pitfall 14): JFR writes one stream that every recording running at
 *       the time shares, and Pyroscope adds each upload at its {@code from}. A recording whose period overlaps one
 *       already uploaded to the same service is left out. With continuous profiling on, triggered captures go to
 *       a service of their own, {@code <app>-triggers}, so that the service's own profile counts each sample
 *       once.</li>
 *   <li>Files over 4 MiB are sent uncompressed even with gzip on: Pyroscope rejects a gzipped part that inflates
 *       beyond {@code -validation.max-profile-size-bytes} (4 MiB) but does not check an uncompressed one.</li>
 *   <li>Responses: 2xx delivered; 408, 429, 5xx retryable (with {@code Retry-After}); 400, 401, 405, 413, 422 and
 *       every other status final.</li>
 * </ul>
 * Synchronous and thread-safe; {@link #close()} cancels uploads in flight.
 */
public final class PyroscopeReporter implements Reporter {
    private static final Logger LOG = LoggerFactory.getLogger(PyroscopeReporter.class);
    private static final MediaType OCTETS = MediaType.get("application/octet-stream");
    /** Pyroscope's default {@code max-profile-size-bytes}, checked on gzipped parts only. */
    static final long MAX_GZIPPED_JFR_BYTES = 4L * 1024 * 1024;
    /** Pyroscope's default {@code reject-newer-than}. */
    private static final Duration MAX_AHEAD = Duration.ofMinutes(10);
    private static final int REMEMBERED_UPLOADS = 1024;
    /** The name of the state file in the dump directory. */
    public static final String STATE_FILE = ".zprof-pyroscope-accepted";

    private final PyroscopeReporterConfig config;
    private final Clock clock;
    private final HttpUrl ingestUrl;
    private final OkHttpEndpoint endpoint;
    private final boolean continuousProfiling;
    /**
     * Recordings already accepted, by event id and name, so a retried event does not count their samples twice, and
     * the periods uploaded to each service; kept across restarts when a state file is given.
     */
    private final AcceptedUploads accepted;
    private final Set<String> warnedLabels = ConcurrentHashMap.newKeySet();

    /** @param config validated settings */
    public PyroscopeReporter(PyroscopeReporterConfig config) {
        this(config, false);
    }

    /**
     * @param config              validated settings
     * @param continuousProfiling whether the engine uploads continuous-profiling chunks
     *                            ({@code zprof.profiling.enabled}): the chunks then hold every sample a triggered
     *                            capture took, so triggered captures go to the service {@code <app>-triggers}
     */
    public PyroscopeReporter(PyroscopeReporterConfig config, boolean continuousProfiling) {
        this(config, Clock.systemUTC(), continuousProfiling, null);
    }

    /**
     * @param config              validated settings
     * @param continuousProfiling whether the engine uploads continuous-profiling chunks (see
     *                            {@link #PyroscopeReporter(PyroscopeReporterConfig, boolean)})
     * @param stateFile           where to keep what Pyroscope accepted across restarts (a private file in the dump
     *                            directory, {@value #STATE_FILE}), so that the next process's retry of a spooled event
     *                            does not upload an accepted recording again; {@code null} for memory only
     */
    public PyroscopeReporter(PyroscopeReporterConfig config, boolean continuousProfiling, Path stateFile) {
        this(config, Clock.systemUTC(), continuousProfiling, stateFile);
    }

    PyroscopeReporter(PyroscopeReporterConfig config, Clock clock) {
        this(config, clock, false, null);
    }

    /**
     * @param config validated settings
     * @param clock  for the ingestion window and {@code Retry-After} dates
     * @param continuousProfiling see {@link #PyroscopeReporter(PyroscopeReporterConfig, boolean)}
     * @param stateFile see {@link #PyroscopeReporter(PyroscopeReporterConfig, boolean, Path)}
     */
    PyroscopeReporter(PyroscopeReporterConfig config, Clock clock, boolean continuousProfiling, Path stateFile) {
        this.config = config;
        this.accepted = new AcceptedUploads(stateFile, REMEMBERED_UPLOADS);
        this.clock = clock;
        this.continuousProfiling = continuousProfiling;
        this.ingestUrl = HttpUrl.get(config.endpoint().url()).newBuilder().addPathSegment("ingest").build();
        this.endpoint = new OkHttpEndpoint("pyroscope", config.endpoint(), clock);
    }

    /** @return the settings */
    public PyroscopeReporterConfig config() {
        return config;
    }

    @Override
    public ReportOutcome report(ReportEvent event) throws IOException {
        endpoint.checkOpen();
        List<ArtifactRef> jfrs = new ArrayList<>();
        for (ArtifactRef a : event.artifacts()) {
            if (a.extension().toLowerCase(Locale.ROOT).equals("jfr")) {
                jfrs.add(a);
            }
        }
        if (jfrs.isEmpty()) {
            return ReportOutcome.skipped("no JFR artifact");
        }
        // continuous profiling uploads a trigger's samples in its chunks too: the captures go to a service of their own
        boolean apart = continuousProfiling && event.type() != EventType.PROFILE_CHUNK;
        UploadedPeriods service = accepted.periods(apart);
        Instant now = clock.instant();
        String name = SeriesName.of(config.app(), config.labels(), event,
                apart ? SeriesName.TRIGGERS_SERVICE_SUFFIX : "", this::warnDroppedLabel);
        List<String> withoutProfiles = new ArrayList<>();
        List<String> overlapping = new ArrayList<>();
        // a recording Pyroscope refuses for good (outside its window, 413, 422) does not hold back the others
        List<String> refusedNames = new ArrayList<>();
        List<ReportException> refused = new ArrayList<>();
        int sent = 0;
        for (ArtifactRef a : jfrs) {
            String key = event.eventId() + "/" + a.name();
            if (accepted.contains(key)) {
                sent++;
                continue;
            }
            JfrProfile profile = readProfile(a);
            if (profile.profileEvents() == 0) {
                withoutProfiles.add(a.name());
                continue;
            }
            Instant[] earlier = service.overlapping(profile.start(), profile.end());
            if (earlier != null) {
                LOG.info("Pyroscope upload of {} left out: its samples from {} to {} overlap a recording already"
                        + " uploaded ({} to {}), which holds the same samples", a.name(), profile.start(), profile.end(),
                        earlier[0], earlier[1]);
                overlapping.add(a.name());
                continue;
            }
            try {
                checkWindow(profile.start(), now);
                upload(a, event.eventId(), name, profile);
            } catch (ReportException e) {
                if (e.retryable()) {
                    throw e;
                }
                // e.g. a long pre-trigger window reaching back too far: the captures after the trigger still go
                refusedNames.add(a.name());
                refused.add(e);
                continue;
            }
            accepted.accepted(key, apart, profile.start(), profile.end());
            sent++;
        }
        if (sent == 0 && !refused.isEmpty()) {
            // the engine logs the failure of the event once; a second line here would repeat it
            throw refused.size() == 1 ? refused.get(0) : new ReportException("every recording was refused: "
                    + refused.stream().map(ReportException::getMessage).toList(), false, null);
        }
        for (int i = 0; i < refused.size(); i++) {
            LOG.warn("Pyroscope upload of {} left out: {}", refusedNames.get(i), refused.get(i).getMessage());
        }
        if (sent == 0 && !overlapping.isEmpty()) {
            return ReportOutcome.skipped("already uploaded in an earlier recording: " + overlapping);
        }
        if (sent == 0) {
            return ReportOutcome.skipped("no events Pyroscope can use in " + withoutProfiles);
        }
        return ReportOutcome.success();
    }

    private void checkWindow(Instant from, Instant now) throws ReportException {
        if (from.isBefore(now.minus(config.ingestionWindow()))) {
            throw new ReportException("capture from " + from + " is older than the ingestion window ("
                    + config.ingestionWindow() + "); Pyroscope would refuse it", false, null);
        }
        if (from.isAfter(now.plus(MAX_AHEAD))) {
            throw new ReportException("capture from " + from + " is more than " + MAX_AHEAD
                    + " in the future (clock skew?); Pyroscope would refuse it", false, null);
        }
    }

    private static JfrProfile readProfile(ArtifactRef a) throws IOException {
        try {
            return JfrProfile.read(a.path());
        } catch (FileSystemException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ReportException("artifact " + a.name() + " is not a readable JFR recording: " + e.getMessage(),
                    false, null);
        }
    }

    /** The Pyroscope agent's units per profile (spec §7.1): allocation profiles count objects, the rest samples. */
    private void upload(ArtifactRef a, String eventId, String name, JfrProfile profile) throws IOException {
        Path jfr = a.path();
        HttpUrl target = ingestUrl.newBuilder()
                .addQueryParameter("name", name)
                .addQueryParameter("format", "jfr")
                .addQueryParameter("from", Long.toString(profile.start().getEpochSecond()))
                .addQueryParameter("until", Long.toString(profile.end().getEpochSecond()))
                .addQueryParameter("sampleRate", Integer.toString(profile.sampleRate()))
                .addQueryParameter("spyName", "javaspy")
                .addQueryParameter("units", "alloc".equals(a.kind()) ? "objects" : "samples")
                .addQueryParameter("aggregationType", "sum")
                .build();
        long size = Files.size(jfr);
        RequestBody part = config.gzip() && size <= MAX_GZIPPED_JFR_BYTES
                ? RequestBody.create(gzip(jfr, size), OCTETS)
                : RequestBody.create(jfr.toFile(), OCTETS);
        RequestBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("jfr", "jfr", part)
                .build();
        Request.Builder request = endpoint.request(target, eventId).post(body);
        if (config.tenant() != null) {
            request.header("X-Scope-OrgID", config.tenant());
        }
        if (!profile.periodRecorded() && profile.executionSamples() > 0) {
            LOG.debug("No jdk.ExecutionSample period recorded in {}; sending sampleRate={}", jfr,
                    JfrProfile.DEFAULT_SAMPLE_RATE);
        }
        endpoint.execute(request.build());
    }

    private static byte[] gzip(Path file, long size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(size / 4 + 64, Integer.MAX_VALUE));
        try (InputStream in = Files.newInputStream(file);
             GZIPOutputStream gz = new FastGzip(out)) {
            in.transferTo(gz);
        }
        return out.toByteArray();
    }

    /** Gzip at the fastest level, as pyroscope-java does: JFR compresses well even so. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(ByteArrayOutputStream out) throws IOException {
            super(out, 64 * 1024);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    private void warnDroppedLabel(String label, String reason) {
        if (warnedLabels.add(label)) {
            LOG.warn("Label '{}' is left out of Pyroscope series names: {}", label, reason);
        }
    }

    /** Cancels uploads in flight and releases connections. Idempotent. */
    @Override
    public void close() {
        endpoint.close();
    }

    @Override
    public String toString() {
        return "PyroscopeReporter[" + config + "]";
    }
}
