package io.zprof.spring.boot.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A small web application with an executor of its own, as a service using the starter would be. */
@SpringBootApplication
@RestController
public class ShopApplication {
    /** Max pool size of {@link #workers()}. */
    public static final int WORKERS = 8;

    /** @return an answer */
    @GetMapping("/hello")
    public String hello() {
        return "hello";
    }

    /** @return the application's own pool, which shrinking may shrink */
    @Bean
    public ThreadPoolTaskExecutor workers() {
        ThreadPoolTaskExecutor e = new ThreadPoolTaskExecutor();
        e.setCorePoolSize(WORKERS);
        e.setMaxPoolSize(WORKERS);
        e.setThreadNamePrefix("shop-worker-");
        e.setPrestartAllCoreThreads(true); // shrinking takes threads from pools that have some
        return e;
    }
}
