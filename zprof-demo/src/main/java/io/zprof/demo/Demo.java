package io.zprof.demo;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.ReportEvent;
import io.zprof.core.Zprof;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The zprof demo: embedded defaults, dumps in {@code ./dumps}, no network. It makes each rule fire in turn — a
 * CPU burn, a thread leak, memory growth and GC pressure ({@link DemoWorkload}) — and prints for each what fired, why,
 * and which files were written, starting with its incident report; a third-party reporter (examples/custom-reporter)
 * receives every event; the end shows status(), lists the reports and says how much disk the evidence takes and how
 * to remove it. The rules and settings are the resource {@code demo.properties}, which the demo under the agent
 * ({@link AgentDemo}) reads too. Run with {@code -Xmx512m} (the README command does).
 * {@code -Dzprof.demo.steps=cpu,threads} runs some of the steps ({@code cpu}, {@code threads}, {@code memory},
 * {@code gcheap}); {@code -Dzprof.demo.dir} moves the dumps.
 */
public final class Demo {
    /** The demo's rules and settings, beside this class. */
    static final String SETTINGS = "demo.properties";

    private Demo() {
    }

    /** @param args ignored */
    public static void main(String[] args) throws Exception {
        Path dumps = Path.of(System.getProperty("zprof.demo.dir", "dumps"));
        Path events = dumps.resolve("events.log").toAbsolutePath();
        Files.deleteIfExists(events);
        Map<String, String> settings = settings();
        settings.put("zprof.dump.path", dumps.toString());
        settings.put("zprof.reporter.eventlog.path", events.toString());
        Zprof zprof = Zprof.builder().properties(ConfigProperties.of(settings)).build();
        EngineControls demo = new EngineControls(zprof);
        DemoOutput.start(dumps);
        zprof.start();
        try {
            DemoWorkload.run(System.getProperty("zprof.demo.steps", DemoWorkload.ALL_STEPS), demo);
        } finally {
            zprof.stop();
        }
        while (demo.nextEvent(0) != null) {
            // the late ones are printed
        }
        DemoOutput.finish(dumps, events, "status()", zprof.status().describe());
    }

    /** @return the demo's rules and settings, {@code demo.properties} */
    static Map<String, String> settings() {
        Properties p = new Properties();
        try (InputStream in = Demo.class.getResourceAsStream(SETTINGS)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SETTINGS, e);
        }
        Map<String, String> out = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    /** The steps' view of the engine: its API, a listener for the events. */
    private static final class EngineControls implements DemoControls {
        private final BlockingQueue<ReportEvent> events = new LinkedBlockingQueue<>();
        private final Zprof zprof;

        EngineControls(Zprof zprof) {
            this.zprof = zprof;
            zprof.addListener(events::add);
        }

        @Override
        public void update(String key, String value) {
            Map<String, String> next = new TreeMap<>();
            zprof.properties().keys().forEach(k -> next.put(k, zprof.properties().get(k)));
            next.put(key, value);
            zprof.update(ConfigProperties.of(next));
        }

        @Override
        public boolean learned(String rule) {
            return zprof.status().rules().stream().anyMatch(r -> r.rule().equals(rule) && r.reason().startsWith("not fired"));
        }

        @Override
        public String nextEvent(long millis) throws InterruptedException {
            ReportEvent e = events.poll(millis, TimeUnit.MILLISECONDS);
            if (e == null) {
                return null;
            }
            DemoOutput.event(e.rule(), e.reason(), e.artifacts().stream().map(ArtifactRef::path).toList(), e.error());
            return e.rule();
        }
    }
}
