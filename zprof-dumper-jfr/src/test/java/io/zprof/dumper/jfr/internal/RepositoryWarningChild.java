package io.zprof.dumper.jfr.internal;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.port.Dumper;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child JVM of {@link JfrRepositoryCheckTest}: starts the pre-trigger window twice (as a configuration update
 * does), then closes both; its log shows whether and how often the repository warning came.
 *
 * <p>Argument: the dump directory.
 */
public final class RepositoryWarningChild {
    private RepositoryWarningChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        ZprofConfig windowed = Fixtures.config(dir, d -> d.window(d.build().window().enabled(true)));
        Dumper first = new JfrDumperProvider().create(Fixtures.context(windowed));
        Dumper second = new JfrDumperProvider().create(Fixtures.context(windowed));
        first.close();
        second.close();
    }
}
