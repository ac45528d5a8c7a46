/**
 * What every okhttp-based reporter needs, kept once: an endpoint (client, timeouts, auth, headers, failure mapping)
 * built from {@link io.zprof.api.config.HttpEndpointConfig}. Depends on zprof-api, okhttp and SLF4J only.
 */
package io.zprof.support.okhttp;
