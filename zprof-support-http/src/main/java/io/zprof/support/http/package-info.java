/**
 * What every HTTP-based adapter needs whatever its HTTP client: the endpoint settings
 * ({@link io.zprof.support.http.HttpEndpointConfig}: URL normalisation, basic or bearer auth, header checks,
 * timeouts, and the keys they are read from) and the mapping of an unsuccessful status to a
 * {@link io.zprof.api.port.ReportException} ({@link io.zprof.support.http.HttpStatusFailures}: retry decision,
 * {@code Retry-After}, redacted error body). Depends on zprof-api and the JDK only, so an adapter built on
 * {@code java.net.http} uses it without okhttp; zprof-support-okhttp builds its client on it.
 */
package io.zprof.support.http;
