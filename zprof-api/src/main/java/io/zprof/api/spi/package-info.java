/**
 * The provider SPI. A third-party jar ships a public final provider class and one line in
 * {@code META-INF/services/<provider interface>}; the engine finds it with {@link java.util.ServiceLoader},
 * checks its availability and creates the component lazily, once per configuration generation.
 */
package io.zprof.api.spi;
