package io.zprof.dumper.async.internal;

import io.zprof.api.config.DumpConfig;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.DumpRequest;
import io.zprof.api.port.DumpOutput;
import io.zprof.testing.TestProviderContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/** Configurations, requests and a dump output for the tests. */
final class Fixtures {
    private Fixtures() {
    }

    /** @param dump edits of the dump settings @return a configuration with 2 s captures */
    static ZprofConfig config(Path dir, UnaryOperator<DumpConfig.Builder> dump) {
        return ZprofConfig.defaults().toBuilder()
                .dump(d -> dump.apply(d.directory(dir).cpuDuration(Duration.ofSeconds(2)))).build();
    }

    /** @return a context of the configuration, selecting every kind of the provider */
    static TestProviderContext context(ZprofConfig config) {
        return TestProviderContext.of(config, Map.of());
    }

    /** @return a request with the binary form on */
    static DumpRequest request(DumpKind kind, Duration duration, DumpOutput output) {
        return request(kind, duration, output, true, false);
    }

    /** @return a request with the forms given */
    static DumpRequest request(DumpKind kind, Duration duration, DumpOutput output, boolean binary, boolean text) {
        return new DumpRequest(kind, "42", "test", "test trigger", Instant.now(), duration, binary, text, List.of(),
                output);
    }

    /** A {@link DumpOutput} handing out fresh paths in a directory, remembered by type. */
    static final class Output implements DumpOutput {
        private static final AtomicInteger COUNTER = new AtomicInteger();
        private final Path dir;
        private final List<Path> handedOut = new ArrayList<>();

        Output(Path dir) {
            this.dir = dir;
        }

        @Override
        public synchronized Path newFile(String type, String extension) throws IOException {
            Path p = dir.resolve(COUNTER.incrementAndGet() + "-" + type + "." + extension);
            handedOut.add(p);
            return p;
        }

        /** @return the written file of the type, failing when there is none */
        synchronized Path require(String type, String extension) {
            return handedOut.stream().filter(p -> p.getFileName().toString().endsWith("-" + type + "." + extension))
                    .filter(Files::exists).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + type + "." + extension + " among " + handedOut));
        }

        /** @return the handed-out paths whose file exists */
        synchronized List<Path> written() {
            return handedOut.stream().filter(Files::exists).toList();
        }
    }
}
