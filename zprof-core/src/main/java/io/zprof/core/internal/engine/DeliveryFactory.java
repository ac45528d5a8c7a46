package io.zprof.core.internal.engine;

import io.zprof.api.config.ConfigurationException;
import io.zprof.api.spi.ProviderContext;
import java.util.List;
import java.util.function.BiFunction;

/** Builds report delivery (queues, workers, retries, spool) for the reporters a configuration names. */
public final class DeliveryFactory implements BiFunction<List<ComponentAssembler.NamedReporterRef>, ProviderContext, Delivery> {
    /** The production factory. */
    public static final DeliveryFactory INSTANCE = new DeliveryFactory();

    private DeliveryFactory() {
    }

    @Override
    public Delivery apply(List<ComponentAssembler.NamedReporterRef> reporters, ProviderContext ctx) {
        throw new ConfigurationException("zprof.reporters", "report delivery is being merged");
    }
}
