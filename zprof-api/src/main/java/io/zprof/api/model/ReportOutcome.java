package io.zprof.api.model;

/**
 * What a reporter did with an event it accepted without error.
 *
 * @param delivered whether the event reached its destination
 * @param detail    why it was skipped (e.g. "no JFR artifact"), or a short note
 */
public record ReportOutcome(boolean delivered, String detail) {
    /** @return an outcome for a delivered event */
    public static ReportOutcome success() {
        return new ReportOutcome(true, "");
    }

    /**
     * @param reason why this reporter does not send the event
     * @return an outcome counted as skipped, with its reason
     */
    public static ReportOutcome skipped(String reason) {
        return new ReportOutcome(false, reason);
    }
}
