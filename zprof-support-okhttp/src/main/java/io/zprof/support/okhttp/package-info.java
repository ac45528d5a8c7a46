/**
 * What every okhttp-based reporter needs, kept once: an endpoint (client, timeouts, auth, headers, failure mapping)
 * built from {@link io.zprof.support.http.HttpEndpointConfig} (zprof-support-http). Depends on zprof-api, zprof-support-http, okhttp and SLF4J only.
 */
package io.zprof.support.okhttp;
