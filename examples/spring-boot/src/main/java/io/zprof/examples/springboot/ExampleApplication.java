package io.zprof.examples.springboot;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
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

    /** @param args Spring Boot arguments ({@code --server.port=8080}) */
    public static void main(String[] args) {
        SpringApplication.run(ExampleApplication.class, args);
    }

    /** Stops right after start-up when asked to (start-up benchmark). */
    @EventListener(ApplicationReadyEvent.class)
    public void ready() {
        if (exitWhenReady) {
            context.close();
        }
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
