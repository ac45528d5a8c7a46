package io.zprof.benchmarks.overhead;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether the price of a wake-up follows the memory its process has touched: the same {@link WakeControl}, in the
 * same minutes, in child JVMs that run nothing else and differ only in the size of their heap, pre-touched at start
 * ({@code -XX:+AlwaysPreTouch}). No child allocates or collects while it is measured.
 *
 * <p>Run: {@code benchmarks/overhead-lab/run WakeWithResidentSet
 * [seconds] [period millis] [heap MiB,...]}.
 */
public final class WakeWithResidentSet {
    private static final String CHILD = "child";

    private WakeWithResidentSet() {
    }

    /**
     * @param args seconds (default 300), time between wake-ups in milliseconds (default 250), heap sizes in MiB
     *             (default {@code 64,512,2048}); or {@code child seconds period} in a child
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(CHILD)) {
            wakeAndReport(Integer.parseInt(args[1]), Long.parseLong(args[2]));
            return;
        }
        String seconds = args.length > 0 ? args[0] : "300";
        String period = args.length > 1 ? args[1] : "250";
        String[] heaps = (args.length > 2 ? args[2] : "64,512,2048").split(",");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, Process> children = new LinkedHashMap<>();
        for (String mib : heaps) {
            children.put(mib, new ProcessBuilder(java, "-Xms" + mib + "m", "-Xmx" + mib + "m", "-XX:+AlwaysPreTouch",
                    "-cp", System.getProperty("java.class.path"), WakeWithResidentSet.class.getName(), CHILD, seconds, period)
                    .redirectErrorStream(true).start());
        }
        for (Map.Entry<String, Process> child : children.entrySet()) {
            Map<String, List<Double>> series = new LinkedHashMap<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getValue().getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    OverheadHarness.readSeries(line, series);
                }
            }
            if (child.getValue().waitFor() != 0 || !series.containsKey("wakeCpuMicros")) {
                throw new IllegalStateException("child with a " + child.getKey() + " MiB heap failed");
            }
            System.out.println(child.getKey() + " MiB heap, touched: "
                    + SeriesStats.of(OverheadHarness.values(series, "wakeCpuMicros")).describeWakes());
        }
    }

    private static void wakeAndReport(int seconds, long periodMillis) throws InterruptedException {
        long period = Duration.ofMillis(periodMillis).toNanos();
        WakeControl control = new WakeControl(period, (int) (Duration.ofSeconds(seconds).toNanos() / period) + 8);
        control.start();
        control.schedule(System.nanoTime() + period, -1);
        Thread.sleep(Duration.ofSeconds(seconds).toMillis());
        control.stop();
        OverheadRun.series("wakeCpuMicros", control.wakeCpuNanos());
    }
}
