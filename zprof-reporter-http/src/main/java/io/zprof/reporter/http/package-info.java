/**
 * The {@code http} reporter: events as JSON, as multipart with their artifacts, or as Prometheus metrics pushed to a
 * Pushgateway. Build it with {@link io.zprof.reporter.http.HttpReporterConfig#builder()} or configure it through
 * {@code zprof.reporter.http.*}.
 */
package io.zprof.reporter.http;
