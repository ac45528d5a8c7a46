package io.zprof.reporter.planted.internal;

import io.zprof.api.port.Reporter;
import io.zprof.api.spi.ProviderContext;
import io.zprof.api.spi.ReporterProvider;

/** Planted for R9: a provider that is not final. */
public class OpenProvider implements ReporterProvider {
    @Override
    public String name() {
        return "open";
    }

    @Override
    public Reporter create(ProviderContext context) {
        return event -> null;
    }
}
