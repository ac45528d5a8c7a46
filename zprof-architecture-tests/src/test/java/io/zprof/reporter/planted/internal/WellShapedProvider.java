package io.zprof.reporter.planted.internal;

import io.zprof.api.port.Reporter;
import io.zprof.api.spi.ProviderContext;
import io.zprof.api.spi.ReporterProvider;

/** Planted for R9: compliant, a public final provider in an internal package. */
public final class WellShapedProvider implements ReporterProvider {
    @Override
    public String name() {
        return "wellshaped";
    }

    @Override
    public Reporter create(ProviderContext context) {
        return event -> null;
    }
}
