package io.zprof.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import io.zprof.core.Zprof;
import io.zprof.micrometer.ZprofMetrics;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * zprof in a Spring Boot application: built from the Environment's {@code zprof.*} settings (a bad one fails
 * start-up, see {@link ZprofConfigurationFailureAnalyzer}), started with the context and stopped on shutdown
 * ({@link ZprofLifecycle}), and its meters bound when Micrometer is present ({@link ZprofMetrics}). Turn it off with
 * {@code spring.autoconfigure.exclude=io.zprof.spring.boot.ZprofAutoConfiguration}.
 */
@AutoConfiguration
public class ZprofAutoConfiguration {
    /** Auto-configuration: created by Spring. */
    public ZprofAutoConfiguration() {
    }

    /**
     * @param environment the application's environment
     * @return the settings read from it
     */
    @Bean
    @ConditionalOnMissingBean
    public ZprofSettings zprofSettings(ConfigurableEnvironment environment) {
        return new ZprofSettings(EnvironmentSettings.read(environment));
    }

    /**
     * @param settings the settings
     * @param beans    the bean factory, whose class loader finds the providers
     * @return the engine, not started yet
     * @throws io.zprof.api.config.ConfigurationException naming the bad key and value
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Zprof zprof(ZprofSettings settings, ConfigurableListableBeanFactory beans) {
        ClassLoader cl = beans.getBeanClassLoader() != null ? beans.getBeanClassLoader() : Zprof.class.getClassLoader();
        return Zprof.builder().properties(settings.properties()).classLoader(cl).build();
    }

    /**
     * @param beans where the executors are
     * @return registers the application's executors with the shrinker
     */
    @Bean
    @ConditionalOnMissingBean
    public TaskExecutorRegistrar zprofTaskExecutorRegistrar(ConfigurableListableBeanFactory beans) {
        return new TaskExecutorRegistrar(beans);
    }

    /**
     * @param zprof     the engine
     * @param executors the executor registrar
     * @return starts and stops the engine with the context
     */
    @Bean
    public ZprofLifecycle zprofLifecycle(Zprof zprof, TaskExecutorRegistrar executors) {
        return new ZprofLifecycle(zprof, executors);
    }

    /** The meters, when the application has Micrometer. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class Metrics {
        /**
         * @param zprof the engine
         * @return its meters; Spring Boot binds every {@code MeterBinder} bean to the application's registries
         */
        @Bean
        @ConditionalOnMissingBean
        ZprofMetrics zprofMetrics(Zprof zprof) {
            return new ZprofMetrics(zprof);
        }
    }
}
