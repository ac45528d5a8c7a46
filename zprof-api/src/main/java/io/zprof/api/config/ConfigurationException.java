package io.zprof.api.config;

import java.util.List;

/**
 * A setting with a bad value, or several: building a configuration reports every problem it finds at once
 * ({@link #problems()}). The message always names each key and value (never a secret's value).
 */
public class ConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The flat property key of the bad setting. */
    private final String key;
    private final String value;
    private final String problem;
    /** Every problem, this one alone when there is one. */
    private final List<ConfigurationException> problems;

    /**
     * @param key     the flat property key, e.g. {@code zprof.cpu.abs}
     * @param value   the rejected value (pass a redacted text for secrets)
     * @param problem what is wrong, e.g. "must be >= 0"
     */
    public ConfigurationException(String key, Object value, String problem) {
        super(key + "=" + value + ": " + problem);
        this.key = key;
        this.value = String.valueOf(value);
        this.problem = problem;
        this.problems = List.of(this);
    }

    /**
     * For problems not tied to one value (e.g. two conflicting providers, or an unknown key whose value may be a
     * secret).
     *
     * @param key     the key involved
     * @param message the full explanation
     */
    public ConfigurationException(String key, String message) {
        super(message);
        this.key = key;
        this.value = null;
        this.problem = null;
        this.problems = List.of(this);
    }

    /**
     * Several problems at once; {@link #key()}, {@link #value()} and {@link #problem()} are the first one's.
     *
     * @param problems at least two, each about one setting
     */
    ConfigurationException(List<ConfigurationException> problems) {
        super(problems.size() + " settings are wrong: "
                + String.join("; ", problems.stream().map(Throwable::getMessage).toList()));
        ConfigurationException first = problems.get(0);
        this.key = first.key;
        this.value = first.value;
        this.problem = first.problem;
        this.problems = List.copyOf(problems);
    }

    /** @return the property key the problem is about */
    public String key() {
        return key;
    }

    /** @return the value as the message shows it, or {@code null} when the message shows none */
    public String value() {
        return value;
    }

    /** @return what is wrong with the value, or {@code null} when the message shows no value */
    public String problem() {
        return problem;
    }

    /** @return every problem reported, in the order found: this exception alone when it is about one setting */
    public List<ConfigurationException> problems() {
        return problems;
    }
}
