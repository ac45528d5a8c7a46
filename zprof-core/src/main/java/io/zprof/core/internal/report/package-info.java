/**
 * Report delivery: one long-lived channel per reporter name ({@link io.zprof.core.internal.report.ReporterChannel})
 * with its bounded queue ({@link io.zprof.core.internal.report.ReportQueue}), counters
 * ({@link io.zprof.core.internal.report.ChannelCounters}), on-disk spool
 * ({@link io.zprof.core.internal.report.SpoolSlot}, {@link io.zprof.core.internal.report.Spool}), call timeouts
 * and jittered retry rounds that honour {@code Retry-After} ({@link io.zprof.core.internal.report.RetryRounds},
 * {@link io.zprof.core.internal.report.Backoff}), all on one injected
 * {@link io.zprof.core.internal.report.TimeSource}. The engine uses
 * {@link io.zprof.core.internal.report.ReportDispatcher}.
 */
package io.zprof.core.internal.report;
