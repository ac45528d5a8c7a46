package io.zprof.core.status;

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
 */
public record RuleStatus(String rule, boolean enabled, double value, double average, String reason, long firedCount,
                         Instant lastFired) {
}
