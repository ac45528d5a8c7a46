package io.zprof.api.spi;

/**
 * Whether a provider can work here, and why not.
 *
 * @param available whether it can be used
 * @param reason    why not (shown in {@code status()}); empty when available
 */
public record Availability(boolean available, String reason) {
    private static final Availability AVAILABLE = new Availability(true, "");

    /** @return a usable provider */
    public static Availability ok() {
        return AVAILABLE;
    }

    /**
     * @param reason why the provider cannot work here, e.g. "not Linux"
     * @return an unusable provider
     */
    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }
}
