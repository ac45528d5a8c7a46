/**
 * Typed, immutable configuration. Every record validates itself on construction and a failure names the
 * flat property key and the bad value ({@link io.zprof.api.config.ConfigurationException}).
 */
package io.zprof.api.config;
