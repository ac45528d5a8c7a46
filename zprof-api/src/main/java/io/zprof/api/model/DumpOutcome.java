package io.zprof.api.model;

/**
 * What a dumper did. Files are registered through {@link io.zprof.api.port.DumpOutput}, not listed here.
 *
 * @param skipped whether the capture was deliberately not taken
 * @param detail  why it was skipped (e.g. {@code "free disk 1.2 GiB < 2.0 × used heap"}), or a short note
 */
public record DumpOutcome(boolean skipped, String detail) {
    /** @return a completed capture */
    public static DumpOutcome done() {
        return new DumpOutcome(false, "");
    }

    /**
     * @param reason why the capture was not taken; it goes into the event
     * @return a skipped capture
     */
    public static DumpOutcome skipped(String reason) {
        return new DumpOutcome(true, reason);
    }
}
