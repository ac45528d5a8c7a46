/**
 * zprof's public contract: ports ({@link io.zprof.api.port}), the provider SPI ({@link io.zprof.api.spi}),
 * value types ({@link io.zprof.api.model}) and configuration ({@link io.zprof.api.config}).
 * This module depends on the JDK only.
 */
package io.zprof.api;
