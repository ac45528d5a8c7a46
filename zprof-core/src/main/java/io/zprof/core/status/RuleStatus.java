package io.zprof.core.status;

import io.zprof.api.model.ReportEvent;
import java.time.Instant;

/**
 * The last evaluation of one rule: the explain half of "explain and dry-run".
 *
 * @param rule       rule name
 * @param enabled    whether it is on
 * @param value      last value evaluated (NaN before the first)
 * @param average    window average it was compared with (NaN when empty)
 * @param reason     why it fired or did not ({@code "not fired: 27.0 <= min 30.0"})
 * @param firedCount how many times it fired since start
 * @param lastFired  when it last fired, or {@code null}
 * @param lastEvent  the event of its last firing (its reason, id, time and files), or {@code null} before the first
 *                   or when the rule fires without an event (shrink)
 */
public record RuleStatus(String rule, boolean enabled, double value, double average, String reason, long firedCount,
                         Instant lastFired, ReportEvent lastEvent) {
    /**
     * A rule that has no event to show.
     *
     * @param rule       rule name
     * @param enabled    whether it is on
     * @param value      last value evaluated (NaN before the first)
     * @param average    window average it was compared with (NaN when empty)
     * @param reason     why it fired or did not
     * @param firedCount how many times it fired since start
     * @param lastFired  when it last fired, or {@code null}
     */
    public RuleStatus(String rule, boolean enabled, double value, double average, String reason, long firedCount,
                      Instant lastFired) {
        this(rule, enabled, value, average, reason, firedCount, lastFired, null);
    }
}
