package io.zprof.spring.boot;

import io.zprof.core.Zprof;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The Actuator endpoint {@code zprof} ({@link ZprofEndpoint}), when Actuator is on the class path and the endpoint is
 * exposed ({@code management.endpoints.web.exposure.include=zprof}).
 */
@AutoConfiguration(after = ZprofAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
@ConditionalOnBean(Zprof.class)
@ConditionalOnAvailableEndpoint(endpoint = ZprofEndpoint.class)
public class ZprofEndpointAutoConfiguration {
    /** Auto-configuration: created by Spring. */
    public ZprofEndpointAutoConfiguration() {
    }

    /**
     * @param zprof     the engine
     * @param settings  the settings in force
     * @param executors registers executors after an update that turns shrinking on
     * @return the endpoint
     */
    @Bean
    @ConditionalOnMissingBean
    public ZprofEndpoint zprofEndpoint(Zprof zprof, ZprofSettings settings, TaskExecutorRegistrar executors) {
        return new ZprofEndpoint(zprof, settings, executors);
    }
}
