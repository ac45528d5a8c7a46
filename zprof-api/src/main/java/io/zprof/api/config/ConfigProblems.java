package io.zprof.api.config;

import java.util.List;
import java.util.function.Supplier;

/**
 * Gathers the problems found while a configuration is built into a list, so that one
 * {@link ConfigurationException} reports all of them, each with its key and value, instead of the first only. The
 * rules that tie settings together (an absolute threshold against its minimum, the two backoffs) add theirs when
 * the whole is built, once every setting has its value, so that the settings can be given in any order.
 */
enum ConfigProblems {
    ;

    /**
     * @param problems where the part's problems are added
     * @param build    builds one part of the configuration
     * @param <T>      the part
     * @return the part, or {@code null} when it has problems
     */
    static <T> T attempt(List<ConfigurationException> problems, Supplier<T> build) {
        try {
            return build.get();
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    /**
     * @param problems the problems found
     * @throws ConfigurationException naming every one of them, when there is one
     */
    static void throwIfAny(List<ConfigurationException> problems) {
        if (problems.size() == 1) {
            throw problems.get(0);
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
    }
}
