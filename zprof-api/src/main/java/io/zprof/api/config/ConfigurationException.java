package io.zprof.api.config;

/** A setting with a bad value. The message always names the key and the value (never a secret's value). */
public class ConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The flat property key of the bad setting. */
    private final String key;

    /**
     * @param key     the flat property key, e.g. {@code zprof.cpu.abs}
     * @param value   the rejected value (pass a redacted text for secrets)
     * @param problem what is wrong, e.g. "must be >= 0"
     */
    public ConfigurationException(String key, Object value, String problem) {
        super(key + "=" + value + ": " + problem);
        this.key = key;
    }

    /**
     * For problems not tied to one value (e.g. two conflicting providers).
     *
     * @param key     the key involved
     * @param message the full explanation
     */
    public ConfigurationException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** @return the property key the problem is about */
    public String key() {
        return key;
    }
}
