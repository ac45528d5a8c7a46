/**
 * Report delivery: one bounded queue, worker and call thread per reporter, call timeouts, jittered retries that
 * honour {@code Retry-After}, and an on-disk spool that keeps undelivered events across restarts. The engine uses
 * {@link io.zprof.core.internal.report.ReportDispatcher}.
 */
package io.zprof.core.internal.report;
