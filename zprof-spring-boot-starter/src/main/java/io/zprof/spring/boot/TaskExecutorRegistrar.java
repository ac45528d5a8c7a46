package io.zprof.spring.boot;

import io.zprof.core.Zprof;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Hands the application's {@link ThreadPoolTaskExecutor} beans to zprof's thread shrinker, under their bean names,
 * when {@code zprof.shrink.enabled} is on. Only executors already created are taken: a lazy one (Spring Boot's
 * {@code applicationTaskExecutor} is lazy) is not created for zprof's sake.
 */
public final class TaskExecutorRegistrar {
    private static final Logger LOG = LoggerFactory.getLogger(TaskExecutorRegistrar.class);

    private final ConfigurableListableBeanFactory beans;

    /** @param beans where the executors are looked up */
    public TaskExecutorRegistrar(ConfigurableListableBeanFactory beans) {
        this.beans = beans;
    }

    /**
     * @param zprof the engine; nothing happens unless its shrinking is on
     * @return how many executors were registered
     */
    public int registerWhenShrinking(Zprof zprof) {
        if (!zprof.config().shrink().enabled()) {
            return 0;
        }
        List<String> registered = new ArrayList<>();
        for (String name : beans.getBeanNamesForType(ThreadPoolTaskExecutor.class, false, false)) {
            if (!beans.containsSingleton(name)) {
                continue; // lazy and not used yet
            }
            try {
                zprof.registerThreadPool(name, beans.getBean(name, ThreadPoolTaskExecutor.class).getThreadPoolExecutor());
                registered.add(name);
            } catch (IllegalStateException notInitialized) {
                LOG.debug("zprof: executor {} is not initialized, not registered for shrinking", name);
            }
        }
        LOG.info("zprof: ThreadPoolTaskExecutors registered for thread shrinking: {}", registered);
        return registered.size();
    }
}
