package io.zprof.it.scenario;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.GcMonitorMode;
import io.zprof.api.config.ZprofConfig;
import io.zprof.core.Zprof;
import io.zprof.core.status.RuleStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Entry point of a scenario child JVM: {@code ScenarioMain <scenario> <dumpDir>}. It starts zprof with the rule
 * of the scenario, produces the problem, waits for the events, prints one {@code ZPROF-EVENT} line per event (and
 * {@code ZPROF-MEASURE} lines for time to evidence) and exits: 0 when every expected event arrived, 2 when one did
 * not (the engine's status is printed then), 3 on an unexpected error.
 *
 * <p>Scenarios: {@code cpu}, {@code cpu-stop} (the burn stops the moment the rule fires), {@code threads},
 * {@code gcheap} (GC notifications) and {@code gcheap-poll} (forced GC every second).
 */
public final class ScenarioMain {
    /** Longest wait for the events of a scenario. */
    static final Duration EVENT_TIMEOUT = Duration.ofSeconds(40);

    private ScenarioMain() {
    }

    /** @param args scenario name and dump directory */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: ScenarioMain <cpu|cpu-stop|threads|gcheap|gcheap-poll> <dumpDir>");
            System.exit(64);
        }
        int code;
        try {
            code = run(args[0], Path.of(args[1])) ? 0 : 2;
        } catch (Throwable t) {
            t.printStackTrace();
            code = 3;
        }
        System.out.flush();
        System.exit(code);
    }

    private static boolean run(String scenario, Path dumpDir) throws Exception {
        switch (scenario) {
            case "cpu": return CpuBurnScenario.run(dumpDir, false);
            case "cpu-stop": return CpuBurnScenario.run(dumpDir, true);
            case "threads": return ThreadLeakScenario.run(dumpDir);
            case "gcheap": return GcHeapScenario.run(dumpDir, GcMonitorMode.NOTIFICATION);
            case "gcheap-poll": return GcHeapScenario.run(dumpDir, GcMonitorMode.POLL);
            default: throw new IllegalArgumentException("unknown scenario '" + scenario + "'");
        }
    }

    /**
     * Starts zprof with the settings every scenario shares (200 ms interval, warm-up 3, 1 s cpu recordings, 1.5 s
     * thread-creation recordings, text forms on) plus the scenario's rules. Settings of the environment are not read.
     */
    static Zprof start(Path dumpDir, UnaryOperator<ZprofConfig.Builder> rules, ScenarioEvents events) {
        Zprof zprof = Zprof.builder().properties(ConfigProperties.empty())
                .configure(c -> rules.apply(c.collectInterval(Duration.ofMillis(200)).warmupCycles(3).windowSize(5)
                        .dump(d -> d.directory(dumpDir).text(true).cpuDuration(Duration.ofSeconds(1))
                                .threadCreateDuration(Duration.ofMillis(1500)))))
                .build();
        zprof.addListener(events);
        zprof.start();
        return zprof;
    }

    /**
     * Waits until each rule has a baseline: past warm-up and with data.
     *
     * @return false (after printing the status) when that does not happen within 10 s
     */
    static boolean awaitEvaluated(Zprof zprof, String... rules) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (String rule : rules) {
            while (!evaluated(status(zprof, rule))) {
                if (System.nanoTime() > deadline) {
                    System.out.println("ZPROF-FAILED rule " + rule + " never left warm-up\n" + zprof.status().describe());
                    return false;
                }
                Thread.sleep(20);
            }
        }
        return true;
    }

    private static boolean evaluated(RuleStatus s) {
        String r = s.reason();
        return !r.startsWith("warm-up") && !r.startsWith("no data") && !r.startsWith("not evaluated");
    }

    /** @return the status of one rule */
    static RuleStatus status(Zprof zprof, String rule) {
        List<RuleStatus> rules = zprof.status().rules();
        return rules.stream().filter(r -> r.rule().equals(rule)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no rule " + rule + " in " + rules));
    }
}
