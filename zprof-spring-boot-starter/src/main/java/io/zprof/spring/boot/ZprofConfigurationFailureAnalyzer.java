package io.zprof.spring.boot;

import io.zprof.api.config.ConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Turns a bad {@code zprof.*} setting into Spring Boot's start-up failure report: the core's message (every key and
 * its value, never a secret's value), and for each key where it was set ({@code application.yml} line, environment
 * variable, system property) when Spring knows.
 */
public final class ZprofConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationException> {
    private final Environment environment;

    /** @param environment the failed application's environment, to say where each setting came from */
    public ZprofConfigurationFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    /**
     * @param rootFailure the start-up failure
     * @param cause       the zprof configuration error in it
     * @return the description (the core's message) and the action (which settings to fix, and where they are)
     */
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationException cause) {
        StringBuilder description = new StringBuilder("Invalid zprof configuration: ").append(cause.getMessage());
        StringBuilder action = new StringBuilder("Fix ");
        String sep = "";
        for (ConfigurationException p : cause.problems()) {
            action.append(sep).append(p.key());
            String origin = origin(p.key());
            if (origin != null) {
                action.append(" (set in ").append(origin).append(')');
            }
            sep = ", ";
        }
        action.append(". Keys, defaults and ranges are in the zprof README's Configuration table; in environment "
                + "variables, zprof.cpu.abs is ZPROF_CPU_ABS.");
        return new FailureAnalysis(description.toString(), action.toString(), cause);
    }

    private String origin(String key) {
        if (!(environment instanceof ConfigurableEnvironment env) || key == null) {
            return null;
        }
        for (PropertySource<?> source : env.getPropertySources()) {
            if (source.containsProperty(key)) {
                Origin origin = OriginLookup.getOrigin(source, key);
                return origin != null ? origin.toString() : source.getName();
            }
        }
        return null;
    }
}
