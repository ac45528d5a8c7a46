package io.zprof.api.config;

/** A setting with a bad value. The message always names the key and the value (never a secret's value). */
public class ConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The flat property key of the bad setting. */
    private final String key;
    private final String value;
    private final String problem;

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
}
