package io.zprof.api.spi;

import io.zprof.api.port.Reporter;

/**
 * Provides a {@link Reporter}. Reporters send data off the host, so none is used unless named in
 * {@code zprof.reporters}; it reads its settings from {@code zprof.reporter.<name>.*}.
 */
public interface ReporterProvider extends ComponentProvider<Reporter> {
}
