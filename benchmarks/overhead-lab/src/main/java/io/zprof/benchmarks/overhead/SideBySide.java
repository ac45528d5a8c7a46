package io.zprof.benchmarks.overhead;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * zprof beside JFR's default settings and the Grafana Pyroscope Java agent on a real HTTP service: one child JVM per
 * {@link ProfilerMode}, all up at once, each running {@link HttpService}. After a warm-up under load, each round
 * measures every child's process CPU ({@code /proc/<pid>/stat}) while nothing calls it (idle), then while
 * {@link LoadGenerator} sends each the same fixed request rate (under load), then lets it settle. Prints CPU per
 * minute per phase and CPU per request, as the median and range over the rounds, and each mode's difference from
 * the JVM alone measured in the same round.
 *
 * <p>Run: {@code benchmarks/overhead-lab/run SideBySide [phase seconds] [rounds] [requests/s per service]
 * [warm-up seconds] [modes]}; without arguments a ~1.5-minute smoke run (10 s phases, 2 rounds, 100 requests/s,
 * 10 s warm-up, every mode).
 */
public final class SideBySide {
    /** What the run is made of. @param phaseSeconds idle and load phase length @param rounds how many @param rate
     *  requests/s to each service under load @param warmupSeconds load before measuring @param modes the children */
    record Settings(int phaseSeconds, int rounds, int rate, int warmupSeconds, List<ProfilerMode> modes) {
        /** @return the pause after each load phase, so that its tail (GC, JIT) is not counted as idle */
        Duration settle() {
            return Duration.ofSeconds(Math.max(2, phaseSeconds / 4));
        }

        /** @return how long the run takes once the children are up */
        Duration measuring() {
            return Duration.ofSeconds(warmupSeconds).plus(settle())
                    .plus(Duration.ofSeconds(2L * phaseSeconds).plus(settle()).multipliedBy(rounds));
        }
    }

    /**
     * One mode's figures, one value per round.
     *
     * @param facts            what the child said at READY (which profiler is loaded)
     * @param idleMsPerMin     process CPU at idle
     * @param loadMsPerMin     process CPU under load
     * @param microsPerRequest process CPU under load per request served
     * @param served           requests served under load, over all rounds
     * @param errors           load failures, or empty
     */
    record ModeFigures(Map<String, String> facts, List<Double> idleMsPerMin, List<Double> loadMsPerMin,
                       List<Double> microsPerRequest, long served, List<String> errors) {
    }

    /** The run's figures. @param modes per mode, in run order @param uploads the Pyroscope agent's uploads */
    record Result(Map<ProfilerMode, ModeFigures> modes, long uploads, long uploadBytes) {
    }

    private SideBySide() {
    }

    /** @param args phase seconds, rounds, requests/s, warm-up seconds, modes (comma-separated); all optional */
    public static void main(String[] args) throws Exception {
        List<ProfilerMode> modes = args.length > 4
                ? Arrays.stream(args[4].split(",")).map(m -> ProfilerMode.valueOf(m.trim().toUpperCase(Locale.ROOT))).toList()
                : List.of(ProfilerMode.values());
        Settings s = new Settings(arg(args, 0, 10), arg(args, 1, 2), arg(args, 2, 100), arg(args, 3, 10), modes);
        print(s, run(s, System.out), System.out);
    }

    private static int arg(String[] args, int i, int otherwise) {
        return args.length > i ? Integer.parseInt(args[i]) : otherwise;
    }

    /**
     * Starts the children, measures, stops them.
     *
     * @param s   the settings
     * @param log where progress goes
     * @return the figures
     * @throws Exception when a child fails to start or dies
     */
    static Result run(Settings s, PrintStream log) throws Exception {
        Path jars = labJars();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path work = Files.createTempDirectory("zprof-side-by-side");
        log.printf(Locale.ROOT, "side by side: %d s phases, %d rounds, %d requests/s to each of %d services, %d s warm-up;"
                        + " ~%d s once up; %s %s, %d cpus (%s); load %s%n", s.phaseSeconds(), s.rounds(), s.rate(),
                s.modes().size(), s.warmupSeconds(), s.measuring().toSeconds(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), OverheadHarness.cpuModel(),
                loadAverage());
        Map<ProfilerMode, ServiceChild> children = new EnumMap<>(ProfilerMode.class);
        try (IngestSink sink = new IngestSink()) {
            try {
                for (ProfilerMode m : s.modes()) {
                    Path dir = Files.createDirectories(work.resolve(m.name().toLowerCase(Locale.ROOT)));
                    children.put(m, ServiceChild.start(java, System.getProperty("java.class.path"), jars, m, sink.address(), dir));
                }
                Map<ProfilerMode, Map<String, String>> facts = new EnumMap<>(ProfilerMode.class);
                for (ServiceChild c : children.values()) {
                    facts.put(c.mode, c.awaitReady());
                    log.printf(Locale.ROOT, "%s: %s%n", c.mode.label, facts.get(c.mode));
                }
                return measure(s, children, facts, sink, log);
            } finally {
                children.values().forEach(ServiceChild::close);
            }
        }
    }

    private static Result measure(Settings s, Map<ProfilerMode, ServiceChild> children,
            Map<ProfilerMode, Map<String, String>> facts, IngestSink sink, PrintStream log) throws Exception {
        List<ProfilerMode> modes = List.copyOf(children.keySet());
        List<Integer> ports = modes.stream().map(m -> Integer.parseInt(facts.get(m).get("port"))).toList();
        Duration phase = Duration.ofSeconds(s.phaseSeconds());
        Map<ProfilerMode, List<Double>> idle = perMode(modes);
        Map<ProfilerMode, List<Double>> load = perMode(modes);
        Map<ProfilerMode, List<Double>> perRequest = perMode(modes);
        Map<ProfilerMode, List<String>> errors = perMode(modes);
        long[] served = new long[modes.size()];
        warnOnErrors(modes, LoadGenerator.run(ports, s.rate(), Duration.ofSeconds(s.warmupSeconds())), errors);
        Thread.sleep(s.settle().toMillis());
        for (int r = 0; r < s.rounds(); r++) {
            long[] before = cpu(children, modes);
            Thread.sleep(phase.toMillis());
            long[] idleCpu = since(before, cpu(children, modes));
            before = cpu(children, modes);
            List<LoadGenerator.Outcome> outcomes = LoadGenerator.run(ports, s.rate(), phase);
            long[] loadCpu = since(before, cpu(children, modes));
            warnOnErrors(modes, outcomes, errors);
            for (int i = 0; i < modes.size(); i++) {
                ProfilerMode m = modes.get(i);
                idle.get(m).add(perMinute(idleCpu[i], phase));
                load.get(m).add(perMinute(loadCpu[i], phase));
                long n = outcomes.get(i).served();
                served[i] += n;
                perRequest.get(m).add(n == 0 ? Double.NaN : loadCpu[i] * 1000.0 / n);
            }
            log.printf(Locale.ROOT, "round %d/%d, idle ms/min: %s; under load: %s; load %s%n", r + 1, s.rounds(),
                    line(modes, idle, r), line(modes, load, r), loadAverage());
            Thread.sleep(s.settle().toMillis());
        }
        Map<ProfilerMode, ModeFigures> figures = new EnumMap<>(ProfilerMode.class);
        for (int i = 0; i < modes.size(); i++) {
            ProfilerMode m = modes.get(i);
            figures.put(m, new ModeFigures(facts.get(m), idle.get(m), load.get(m), perRequest.get(m), served[i], errors.get(m)));
        }
        return new Result(figures, sink.uploads(), sink.bytes());
    }

    private static <T> Map<ProfilerMode, List<T>> perMode(List<ProfilerMode> modes) {
        Map<ProfilerMode, List<T>> map = new EnumMap<>(ProfilerMode.class);
        modes.forEach(m -> map.put(m, new ArrayList<>()));
        return map;
    }

    private static void warnOnErrors(List<ProfilerMode> modes, List<LoadGenerator.Outcome> outcomes,
            Map<ProfilerMode, List<String>> errors) {
        for (int i = 0; i < modes.size(); i++) {
            if (outcomes.get(i).error() != null) {
                errors.get(modes.get(i)).add(outcomes.get(i).error());
            }
        }
    }

    private static long[] cpu(Map<ProfilerMode, ServiceChild> children, List<ProfilerMode> modes) throws IOException {
        long[] ms = new long[modes.size()];
        for (int i = 0; i < ms.length; i++) {
            ServiceChild c = children.get(modes.get(i));
            if (!c.alive()) {
                throw new IllegalStateException(c.mode + " child died:\n" + c.output());
            }
            ms[i] = c.cpuMillis();
        }
        return ms;
    }

    private static long[] since(long[] before, long[] after) {
        long[] d = new long[before.length];
        Arrays.setAll(d, i -> after[i] - before[i]);
        return d;
    }

    private static double perMinute(long ms, Duration phase) {
        return ms * 60_000.0 / phase.toMillis();
    }

    private static String line(List<ProfilerMode> modes, Map<ProfilerMode, List<Double>> values, int round) {
        return modes.stream().map(m -> String.format(Locale.ROOT, "%s %.0f", m.label, values.get(m).get(round)))
                .collect(Collectors.joining(", "));
    }

    /**
     * Prints the table: per mode, the median (min–max over the rounds) of its CPU at idle and under load and per
     * request, and of its difference from the JVM alone in the same round.
     *
     * @param s   the settings
     * @param r   the figures
     * @param out where
     */
    static void print(Settings s, Result r, PrintStream out) {
        ModeFigures alone = r.modes().get(ProfilerMode.ALONE);
        out.println();
        out.printf(Locale.ROOT, "rounds: %d, each %d s idle and %d s at %d requests/s per service; median (min–max) over the rounds;"
                + " \"over alone\" is each round's difference from the JVM alone in the same round%n", s.rounds(),
                s.phaseSeconds(), s.phaseSeconds(), s.rate());
        out.println("mode | idle CPU ms/min | idle over alone ms/min | under load CPU ms/min | under load over alone ms/min"
                + " | CPU µs/request | per request over alone | requests served | load errors");
        out.println("---|---|---|---|---|---|---|---|---");
        for (Map.Entry<ProfilerMode, ModeFigures> e : r.modes().entrySet()) {
            ModeFigures f = e.getValue();
            out.printf(Locale.ROOT, "%s | %s | %s | %s | %s | %s | %s | %d | %s%n", e.getKey().label, spread(f.idleMsPerMin(), "%.0f"),
                    alone == null ? "—" : spread(difference(f.idleMsPerMin(), alone.idleMsPerMin()), "%+.0f"),
                    spread(f.loadMsPerMin(), "%.0f"),
                    alone == null ? "—" : spread(difference(f.loadMsPerMin(), alone.loadMsPerMin()), "%+.0f"),
                    spread(f.microsPerRequest(), "%.0f"),
                    alone == null ? "—" : spread(percent(f.microsPerRequest(), alone.microsPerRequest()), "%+.1f %%"),
                    f.served(), f.errors().isEmpty() ? "0" : f.errors().size() + ": " + f.errors().get(0));
        }
        out.printf(Locale.ROOT, "Pyroscope agent: %d uploads (%d KiB) to the ingest sink; /proc/<pid>/stat counts 10 ms ticks,"
                + " so each phase's figure is ±%.0f ms/min%n", r.uploads(), r.uploadBytes() / 1024,
                10 * 60.0 / s.phaseSeconds());
    }

    /** @return a − b, round by round */
    static List<Double> difference(List<Double> a, List<Double> b) {
        List<Double> d = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            d.add(a.get(i) - b.get(i));
        }
        return d;
    }

    private static List<Double> percent(List<Double> a, List<Double> b) {
        List<Double> d = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            d.add((a.get(i) / b.get(i) - 1) * 100);
        }
        return d;
    }

    /** @return "median (min–max)" in the given format, or the one value when there is one */
    static String spread(List<Double> values, String format) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        String median = String.format(Locale.ROOT, format, SeriesStats.medianOfSorted(v));
        return v.length == 1 ? median : median + String.format(Locale.ROOT, " (" + format + " – " + format + ")", v[0], v[v.length - 1]);
    }

    /** @return {@code /proc/loadavg}'s first three figures: how busy the machine was */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * @return the directory the lab's build copies the async window's jars and the Pyroscope agent to:
     *         {@code target/side-by-side}, beside the lab's jar or its classes
     */
    static Path labJars() throws Exception {
        Path code = Path.of(SideBySide.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jars = code.getParent().resolve("side-by-side");
        List<String> needed = new ArrayList<>(ProfilerMode.ASYNC_JARS);
        needed.add(ProfilerMode.PYROSCOPE_JAR);
        for (String jar : needed) {
            if (!Files.isRegularFile(jars.resolve(jar))) {
                throw new IllegalStateException(jars.resolve(jar) + " is missing: build the lab with benchmarks/overhead-lab/run");
            }
        }
        return jars;
    }
}
