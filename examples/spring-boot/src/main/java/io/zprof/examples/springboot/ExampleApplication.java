package io.zprof.examples.springboot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.metrics.StartupStep;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A service with zprof: nothing here names zprof. The starter on the class path and {@code application.yml} are all
 * of it. {@code GET /busy?seconds=20} burns a core, so that the CPU rule fires; the evidence then shows in
 * {@code GET /actuator/zprof} and zprof's meters in {@code GET /actuator/prometheus}.
 */
@SpringBootApplication
@RestController
public class ExampleApplication {
    private final ConfigurableApplicationContext context;
    private final boolean exitWhenReady;

    /**
     * @param context       this application's context
     * @param exitWhenReady whether to stop as soon as it has started ({@code --example.exit-when-ready=true}), for
     *                      measuring start-up time
     */
    public ExampleApplication(ConfigurableApplicationContext context,
                              @org.springframework.beans.factory.annotation.Value("${example.exit-when-ready:false}") boolean exitWhenReady) {
        this.context = context;
        this.exitWhenReady = exitWhenReady;
    }

    /** With {@code -Dexample.startup-steps=true}: Spring's record of each bean's creation, for the benchmark. */
    private static BufferingApplicationStartup steps;

    /** @param args Spring Boot arguments ({@code --server.port=8080}) */
    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(ExampleApplication.class);
        if (Boolean.getBoolean("example.startup-steps")) {
            steps = new BufferingApplicationStartup(100_000);
            app.setApplicationStartup(steps);
        }
        app.run(args);
    }

    /** Stops right after start-up when asked to (start-up benchmark), first printing what zprof's beans took. */
    @EventListener(ApplicationReadyEvent.class)
    public void ready() {
        if (steps != null) {
            System.out.printf("zprof beans created in %.1f ms%n", zprofBeanMillis(steps.getBufferedTimeline()));
        }
        if (exitWhenReady) {
            context.close();
        }
    }

    /** @return the time spent creating beans named zprof..., nested ones counted once */
    private static double zprofBeanMillis(StartupTimeline timeline) {
        Map<Long, String> beanOfStep = new HashMap<>();
        for (StartupTimeline.TimelineEvent e : timeline.getEvents()) {
            for (StartupStep.Tag t : e.getStartupStep().getTags()) {
                if (t.getKey().equals("beanName")) {
                    beanOfStep.put(e.getStartupStep().getId(), t.getValue());
                }
            }
        }
        double total = 0;
        for (StartupTimeline.TimelineEvent e : timeline.getEvents()) {
            String bean = beanOfStep.get(e.getStartupStep().getId());
            Long parent = e.getStartupStep().getParentId();
            String parentBean = parent == null ? null : beanOfStep.get(parent);
            if (bean != null && bean.startsWith("zprof") && (parentBean == null || !parentBean.startsWith("zprof"))) {
                total += e.getDuration().toNanos() / 1e6;
            }
        }
        return total;
    }

    /**
     * @param seconds how long to keep one core busy
     * @return how many loop iterations it ran
     */
    @GetMapping("/busy")
    public String busy(@RequestParam(defaultValue = "20") int seconds) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long n = 0;
        while (System.nanoTime() < end) {
            n++;
        }
        return "busy for " + seconds + " s: " + n + " iterations\n";
    }

    /**
     * @param count how many objects of 1 MiB to keep until the next call
     * @return what it holds
     */
    @GetMapping("/hold")
    public synchronized String hold(@RequestParam(defaultValue = "100") int count) {
        held.clear();
        for (int i = 0; i < count; i++) {
            held.add(new byte[1 << 20]);
        }
        return "holding " + held.size() + " MiB\n";
    }

    private final List<byte[]> held = new ArrayList<>();
}
