package io.zprof.core.status;

/** What became of one discovered provider. */
public enum ProviderState {
    /** In use, for the metrics or kinds listed in {@link ProviderStatus#selectedFor()}. */
    SELECTED,
    /** Available, but another provider won everything it offers. */
    STANDBY,
    /** Its availability check said no (the reason says why). */
    UNAVAILABLE,
    /** Switched off by configuration. */
    DISABLED,
    /** A reporter that is installed but not listed in {@code zprof.reporters}. */
    NOT_CONFIGURED,
    /** Its class could not be loaded or instantiated (broken jar, missing optional library). */
    FAILED_TO_LOAD,
    /** Selected, but creating its component failed. */
    FAILED_TO_CREATE
}
