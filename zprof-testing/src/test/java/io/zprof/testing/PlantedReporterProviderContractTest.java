package io.zprof.testing;

import java.util.Map;
import java.util.Optional;

/** The contract passes for a provider that keeps it. */
class PlantedReporterProviderContractTest extends ReporterProviderContract<PlantedReporterProvider> {
    @Override
    protected PlantedReporterProvider provider() {
        return new PlantedReporterProvider();
    }

    @Override
    protected Map<String, String> validSettings() {
        return Map.of("zprof.reporter.planted.limit", "3");
    }

    @Override
    protected Optional<Map.Entry<String, String>> badSetting() {
        return Optional.of(Map.entry("zprof.reporter.planted.limit", "0"));
    }
}
