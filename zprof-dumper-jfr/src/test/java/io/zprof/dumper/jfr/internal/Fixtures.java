package io.zprof.dumper.jfr.internal;

import io.zprof.api.config.DumpConfig;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.DumpRequest;
import io.zprof.api.port.DumpOutput;
import io.zprof.api.spi.ProviderContext;
import io.zprof.testing.TestProviderContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Configurations, contexts and requests for the tests. */
final class Fixtures {
    private Fixtures() {
    }

    /** @param dump edits of the dump settings @return a configuration with short captures */
    static ZprofConfig config(Path dir, UnaryOperator<DumpConfig.Builder> dump) {
        return ZprofConfig.defaults().toBuilder()
                .dump(d -> dump.apply(d.directory(dir).cpuDuration(Duration.ofSeconds(1))
                        .threadCreateDuration(Duration.ofSeconds(1))))
                .build();
    }

    /** @param config the configuration @return a context whose thread factory fails: dumpers must not need threads */
    static ProviderContext context(ZprofConfig config) {
        return TestProviderContext.of(config, Map.of()).forbiddingThreads();
    }

    /** @return a request with both forms on and no related artefacts */
    static DumpRequest request(DumpKind kind, Duration duration, DumpOutput output) {
        return request(kind, duration, true, true, List.of(), output);
    }

    static DumpRequest request(DumpKind kind, Duration duration, boolean binary, boolean text, List<Path> related,
                               DumpOutput output) {
        return new DumpRequest(kind, "42", "test", "test trigger", Instant.now(), duration, binary, text, related,
                output);
    }
}
