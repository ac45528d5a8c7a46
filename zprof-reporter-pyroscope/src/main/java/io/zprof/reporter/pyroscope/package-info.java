/**
 * The {@code pyroscope} reporter: uploads JFR captures to Grafana Pyroscope's {@code /ingest} (self-hosted or
 * Grafana Cloud). Build it with {@link io.zprof.reporter.pyroscope.PyroscopeReporterConfig#builder()} or configure
 * it through {@code zprof.reporter.pyroscope.*}.
 */
package io.zprof.reporter.pyroscope;
