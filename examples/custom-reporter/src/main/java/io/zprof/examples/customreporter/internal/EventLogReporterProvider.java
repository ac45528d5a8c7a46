package io.zprof.examples.customreporter.internal;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.ReportOutcome;
import io.zprof.api.port.Reporter;
import io.zprof.api.spi.ProviderContext;
import io.zprof.api.spi.ReporterProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A complete third-party reporter in one class: it appends one line per event to a file. It depends on
 * zprof-api only and is found through its {@code META-INF/services} line; enable it with
 * {@code zprof.reporters=eventlog} and {@code zprof.reporter.eventlog.path=/var/log/zprof-events.log}.
 */
public final class EventLogReporterProvider implements ReporterProvider {
    @Override
    public String name() {
        return "eventlog";
    }

    /** @return its settings: the file events are appended to */
    @Override
    public Optional<Set<String>> settingKeys() {
        return Optional.of(Set.of("path"));
    }

    @Override
    public void validate(ProviderContext context) {
        file(context);
    }

    @Override
    public Reporter create(ProviderContext context) {
        Path file = file(context);
        // the engine calls report() on this reporter's own worker, and owns retries: plain blocking code is right here
        return event -> {
            String line = event.time() + " " + event.type() + " rule=" + event.rule() + " id=" + event.eventId()
                    + " reason=\"" + event.reason() + "\" artifacts=" + event.artifacts().stream()
                    .map(ArtifactRef::name).collect(Collectors.joining(",", "[", "]"))
                    + (event.error() == null ? "" : " error=\"" + event.error() + "\"") + System.lineSeparator();
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return ReportOutcome.success();
        };
    }

    private Path file(ProviderContext context) {
        ConfigProperties cfg = context.scoped("reporter", name());
        String path = cfg.getString("path", null);
        if (path == null) {
            throw new ConfigurationException(cfg.fullKey("path"), "(unset)", "the event log reporter needs a file path");
        }
        Path file = Path.of(path);
        if (!file.isAbsolute()) {
            // relative to what? the application's working directory changes between launches
            throw new ConfigurationException(cfg.fullKey("path"), path, "must be an absolute path");
        }
        return file;
    }
}
