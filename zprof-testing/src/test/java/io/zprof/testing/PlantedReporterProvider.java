package io.zprof.testing;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.model.ReportOutcome;
import io.zprof.api.port.Reporter;
import io.zprof.api.spi.Availability;
import io.zprof.api.spi.ProviderContext;
import io.zprof.api.spi.ReporterProvider;
import java.util.Optional;
import java.util.Set;

/**
 * A reporter provider that keeps the contract (registered in this module's test services file), or, through a
 * subclass overriding one method, breaks one clause of it.
 */
public class PlantedReporterProvider implements ReporterProvider {
    @Override
    public String name() {
        return "planted";
    }

    @Override
    public Optional<Set<String>> settingKeys() {
        return Optional.of(Set.of("limit"));
    }

    @Override
    public Availability availability(ProviderContext context) {
        return Availability.ok();
    }

    @Override
    public void validate(ProviderContext context) {
        limit(context);
    }

    @Override
    public Reporter create(ProviderContext context) {
        limit(context);
        return new Reporter() {
            private boolean closed;

            @Override
            public ReportOutcome report(io.zprof.api.model.ReportEvent event) {
                return ReportOutcome.success();
            }

            @Override
            public void close() {
                closeOnce(closed);
                closed = true;
            }
        };
    }

    /** @param alreadyClosed whether close() ran before; the good provider does not care */
    void closeOnce(boolean alreadyClosed) {
    }

    int limit(ProviderContext context) {
        ConfigProperties p = context.scoped("reporter", name());
        int limit = p.getInt("limit", 1);
        if (limit < 1) {
            throw new ConfigurationException(p.fullKey("limit"), limit, "must be at least 1");
        }
        return limit;
    }
}
