package io.zprof.api.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The problems found while a configuration is built, gathered so that one {@link ConfigurationException} reports
 * all of them, each with its key and value, instead of the first only. The rules that tie settings together (an
 * absolute threshold against its minimum, the two backoffs) add theirs when the whole is built, once every setting
 * has its value, so that the settings can be given in any order.
 */
final class ConfigProblems {
    private final List<ConfigurationException> found = new ArrayList<>();

    /**
     * @param key     the key the problem is about
     * @param value   its value
     * @param problem what is wrong
     */
    void add(String key, Object value, String problem) {
        found.add(new ConfigurationException(key, value, problem));
    }

    /**
     * @param build builds one part of the configuration
     * @param <T>   the part
     * @return the part, or {@code null} when it has problems (they are kept)
     */
    <T> T attempt(Supplier<T> build) {
        try {
            return build.get();
        } catch (ConfigurationException e) {
            found.addAll(e.problems());
            return null;
        }
    }

    /** @throws ConfigurationException naming every problem found, when there is one */
    void throwIfAny() {
        if (found.size() == 1) {
            throw found.get(0);
        }
        if (!found.isEmpty()) {
            throw new ConfigurationException(found);
        }
    }
}
