package io.zprof.benchmarks.overhead;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Overhead harness: runs each workload in fresh child JVMs with zprof off, on with defaults, and on with the
 * continuous pre-trigger window (each with zprof's cycle compiled by C2, as after hours of running), plus on with the
 * cycle still interpreted or C1-compiled (a service's first minutes and hours), alternating modes over several
 * rounds, and prints a table of median throughput, p99 latency, zprof's own CPU time and its retained heap. Every
 * run, zprof off included, has a {@link WakeControl} beside it: a thread that only wakes at zprof's interval, whose
 * CPU per wake-up is set against zprof's CPU per cycle in the same run; and a second one that runs the
 * {@link FloorCycle} at each wake-up, the cheapest cycle that reads what zprof's reads.
 *
 * <p>Run: {@code benchmarks/overhead-lab/run OverheadHarness [seconds]
 * [rounds] [modes] [workloads]}, modes and workloads as comma-separated lists such as {@code OFF,ON} and
 * {@code ALLOC} (default: all).
 */
public final class OverheadHarness {
    /** Cycles a minute at the default 5 s interval, at which every run measures. */
    private static final int CYCLES_PER_MINUTE = 12;
    /**
     * Where the two levels of a wake-up's cost on the harness's VM part: cheap ones cost up to ~0.5 ms with zprof's
     * cycle, dear ones ~2–7 ms (docs/performance-appendix.md, "What a dear wake-up is").
     */
    static final double DEAR_MICROS = 1000;

    private OverheadHarness() {
    }

    /** @param args seconds per run (default 20), rounds (default 3), modes (default all), workloads (default all) */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<OverheadRun.Mode> modes = new ArrayList<>();
        for (String m : (args.length > 2 ? args[2] : "OFF,ON,WINDOW,ON_INTERPRETED,ON_C1").split(",")) {
            modes.add(OverheadRun.Mode.valueOf(m.trim().toUpperCase(Locale.ROOT)));
        }
        List<Workload> workloads = new ArrayList<>();
        for (String w : (args.length > 3 ? args[3] : "CPU,ALLOC").split(",")) {
            workloads.add(Workload.valueOf(w.trim().toUpperCase(Locale.ROOT)));
        }
        String cp = System.getProperty("java.class.path");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        System.out.printf(Locale.ROOT, "zprof overhead harness: %d s per run, %d rounds, %s %s, %d cpus (%s), %s %s%n", seconds,
                rounds, System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("os.name"), System.getProperty("os.version"));
        for (Workload w : workloads) {
            Map<OverheadRun.Mode, List<Map<String, Double>>> results = new LinkedHashMap<>();
            Map<OverheadRun.Mode, Map<String, List<Double>>> pooled = new LinkedHashMap<>();
            for (int r = 0; r < rounds; r++) {
                for (OverheadRun.Mode m : modes) {
                    Map<String, Double> run = runChild(java, cp, w, m, seconds,
                            pooled.computeIfAbsent(m, k -> new LinkedHashMap<>()));
                    results.computeIfAbsent(m, k -> new ArrayList<>()).add(run);
                    // each run as it ends: the medians below hide how far runs of the same mode spread
                    System.out.printf(Locale.ROOT, "run %d/%d %s %s: %.0f ops/s, zprof %.0f µs/cycle, bare wake-up %.0f µs%n",
                            r + 1, rounds, w, m.name().toLowerCase(Locale.ROOT), run.get("opsPerSec"),
                            run.getOrDefault("zprofCpuMicrosPerCycle", Double.NaN), run.getOrDefault("bareWakeMicros", Double.NaN));
                }
            }
            System.out.println("workload | mode | ops/s (median) | Δ vs off | p99 µs (median) | zprof CPU ms/min | zprof CPU µs/cycle"
                    + " (min–max) | bare wake-up µs (min–max) | zprof beyond a bare wake-up µs/cycle (ms/min) | JFR CPU ms/min"
                    + " | retained heap KiB | rules fired while measured | workload MB/s | GCs/s");
            System.out.println("---|---|---|---|---|---|---|---|---|---|---|---|---|---");
            double base = results.containsKey(OverheadRun.Mode.OFF) ? median(results.get(OverheadRun.Mode.OFF), "opsPerSec") : Double.NaN;
            for (OverheadRun.Mode m : modes) {
                List<Map<String, Double>> rs = results.get(m);
                double ops = median(rs, "opsPerSec");
                double beyondWake = median(rs, "beyondWakeMicros");
                System.out.printf(Locale.ROOT, "%s | %s | %.0f | %+.2f %% | %.0f | %.3f | %.0f (%.0f–%.0f) | %.0f (%.0f–%.0f) | %.0f (%.2f) | %.1f"
                                + " | %.0f | %.0f | %.0f | %.1f%n",
                        w, m.name().toLowerCase(Locale.ROOT), ops, (ops - base) / base * 100, median(rs, "p99Micros"),
                        median(rs, "zprofCpuMsPerMin"), median(rs, "zprofCpuMicrosPerCycle"), min(rs, "zprofCpuMicrosPerCycle"),
                        max(rs, "zprofCpuMicrosPerCycle"), median(rs, "bareWakeMicros"), min(rs, "bareWakeMicros"),
                        max(rs, "bareWakeMicros"), beyondWake,
                        beyondWake * CYCLES_PER_MINUTE / 1000, median(rs, "jfrCpuMsPerMin"), median(rs, "retainedKiB"),
                        rs.stream().mapToDouble(r -> r.getOrDefault("events", 0.0)).sum(),
                        median(rs, "workloadAllocMBPerSec"), median(rs, "gcsPerSec"));
            }
            printPerWake(w, modes, pooled);
        }
    }

    /**
     * The table of single wake-ups and cycles, pooled over the rounds: on this harness's VM they come in two levels,
     * and a run's mean alone does not say how many dear ones it caught.
     */
    private static void printPerWake(Workload w, List<OverheadRun.Mode> modes, Map<OverheadRun.Mode, Map<String, List<Double>>> pooled) {
        System.out.println();
        System.out.println("workload | mode | zprof's sampler µs/cycle: mean (95 % CI), median, cycles over 1 ms | control µs/wake-up:"
                + " mean (95 % CI), median, wake-ups over 1 ms | control wake-ups over 1 ms: median µs late | others: median µs late"
                + " | sampler beyond the control µs/cycle (95 % CI) | sampler ms/min (95 % CI) | floor µs/cycle: mean (95 % CI),"
                + " median, cycles over 1 ms | floor ms/min (95 % CI) | sampler beyond the floor µs/cycle (95 % CI)");
        System.out.println("---|---|---|---|---|---|---|---|---|---|---");
        for (OverheadRun.Mode m : modes) {
            Map<String, List<Double>> series = pooled.get(m);
            double[] wake = values(series, "wakeCpuMicros");
            double[] late = values(series, "wakeLateMicros");
            double[] cycle = values(series, "samplerCycleCpuMicros");
            if (wake.length < 2) {
                continue;
            }
            SeriesStats c = SeriesStats.of(wake);
            List<Double> lateDear = new ArrayList<>();
            List<Double> lateCheap = new ArrayList<>();
            for (int i = 0; i < wake.length; i++) {
                (wake[i] > DEAR_MICROS ? lateDear : lateCheap).add(late[i]);
            }
            String control = describe(c) + " | " + medianOf(lateDear) + " | " + medianOf(lateCheap);
            double[] floorValues = values(series, "floorCpuMicros");
            SeriesStats f = floorValues.length < 2 ? null : SeriesStats.of(floorValues);
            String floor = f == null ? "— | —" : String.format(Locale.ROOT, "%s | %s", describe(f), perMinuteInterval(f));
            if (cycle.length < 2) {
                System.out.printf(Locale.ROOT, "%s | %s | — | %s | — | — | %s | —%n", w, m.name().toLowerCase(Locale.ROOT), control,
                        floor);
                continue;
            }
            SeriesStats z = SeriesStats.of(cycle);
            System.out.printf(Locale.ROOT, "%s | %s | %s | %s | %s | %s | %s | %s%n", w, m.name().toLowerCase(Locale.ROOT),
                    describe(z), control, difference(z, c), perMinuteInterval(z), floor, f == null ? "—" : difference(z, f));
        }
    }

    /** @return mean (95 % CI), median, how many over {@link #DEAR_MICROS} of how many */
    private static String describe(SeriesStats s) {
        return String.format(Locale.ROOT, "%.0f (%.0f–%.0f), %.0f, %d of %d", s.mean(), s.mean() - s.halfWidth(),
                s.mean() + s.halfWidth(), s.median(), s.countOver(DEAR_MICROS), s.n());
    }

    /** @return the difference of the means with its 95 % interval */
    private static String difference(SeriesStats a, SeriesStats b) {
        double d = a.mean() - b.mean();
        double half = a.differenceHalfWidth(b);
        return String.format(Locale.ROOT, "%.0f (%.0f–%.0f)", d, d - half, d + half);
    }

    /** @return the mean per cycle as ms per minute at the default interval, with its 95 % interval */
    private static String perMinuteInterval(SeriesStats s) {
        return String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", perMinute(s.mean()), perMinute(s.mean() - s.halfWidth()),
                perMinute(s.mean() + s.halfWidth()));
    }

    private static double perMinute(double microsPerCycle) {
        return microsPerCycle * CYCLES_PER_MINUTE / 1000;
    }

    /** @return the CPU's model name from {@code /proc/cpuinfo}, or "CPU model unknown" off Linux */
    static String cpuModel() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("CPU model unknown");
        } catch (IOException | UncheckedIOException e) {
            return "CPU model unknown";
        }
    }

    static double[] values(Map<String, List<Double>> series, String name) {
        return series.getOrDefault(name, List.of()).stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String medianOf(List<Double> values) {
        return values.isEmpty() ? "—" : String.format(Locale.ROOT, "%.0f",
                SeriesStats.medianOfSorted(values.stream().mapToDouble(Double::doubleValue).sorted().toArray()));
    }

    /**
     * @param series where the run's per-wake-up and per-cycle values are added, by series name
     * @return the run's {@code RESULT} values
     */
    static Map<String, Double> runChild(String java, String cp, Workload w, OverheadRun.Mode m, int seconds,
            Map<String, List<Double>> series) throws Exception {
        Path dumps = Files.createTempDirectory("zprof-overhead");
        Process p = new ProcessBuilder(java, "-Xms512m", "-Xmx512m", "-XX:+UseG1GC", "-cp", cp,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                OverheadRun.class.getName(), w.name(), m.name(), Integer.toString(seconds), dumps.toString())
                .redirectErrorStream(true).start();
        Map<String, Double> out = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) {
                    String[] kv = line.substring(7).split("=");
                    out.put(kv[0], Double.parseDouble(kv[1]));
                } else if (line.startsWith("NOTE ")) {
                    System.out.println(line.substring(5));
                } else {
                    readSeries(line, series);
                }
            }
        }
        if (p.waitFor() != 0 || out.isEmpty()) {
            throw new IllegalStateException("child run failed: " + w + " " + m);
        }
        if (out.containsKey("zprofCpuMicrosPerCycle") && out.containsKey("bareWakeMicros")) {
            // per run, so that both sides saw the same minutes of the machine
            out.put("beyondWakeMicros", out.get("zprofCpuMicrosPerCycle") - out.get("bareWakeMicros"));
        }
        return out;
    }

    /**
     * Adds the values of a {@code SERIES name=v,v,...} line (see {@link OverheadRun#series}) to the named series;
     * other lines are ignored.
     */
    static void readSeries(String line, Map<String, List<Double>> series) {
        if (!line.startsWith("SERIES ")) {
            return;
        }
        String[] kv = line.substring(7).split("=", 2);
        List<Double> values = series.computeIfAbsent(kv[0], k -> new ArrayList<>());
        for (String v : kv[1].isEmpty() ? new String[0] : kv[1].split(",")) {
            values.add(Double.parseDouble(v));
        }
    }

    private static double min(List<Map<String, Double>> runs, String key) {
        return runs.stream().mapToDouble(m -> m.getOrDefault(key, Double.NaN)).min().orElse(Double.NaN);
    }

    private static double max(List<Map<String, Double>> runs, String key) {
        return runs.stream().mapToDouble(m -> m.getOrDefault(key, Double.NaN)).max().orElse(Double.NaN);
    }

    private static double median(List<Map<String, Double>> runs, String key) {
        double[] v = runs.stream().mapToDouble(m -> m.getOrDefault(key, Double.NaN)).sorted().toArray();
        return v.length == 0 ? Double.NaN : v[v.length / 2];
    }

    static long pid() {
        return ManagementFactory.getRuntimeMXBean().getPid();
    }
}
