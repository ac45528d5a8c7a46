package io.zprof.core.internal.engine;

import io.zprof.api.config.ConfigurationException;
import io.zprof.api.config.ZprofConfig;
import io.zprof.core.internal.dump.DumpDirectory;
import io.zprof.core.internal.dump.DumpDirectoryHealth;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The checks of the dump directory a configuration names, before the engine starts or takes it. */
final class DumpDirectoryChecks {
    private static final Logger LOG = LoggerFactory.getLogger(DumpDirectoryChecks.class);

    private DumpDirectoryChecks() {
    }

    /**
     * Creates the dump directory (when it does not exist), checks that zprof can write in it and removes partial
     * files of dead writers; warns about an existing directory other users can enter.
     *
     * @param cfg    the configuration
     * @param health told of what the check finds
     * @throws ConfigurationException naming {@code zprof.dump.path} and the path when it cannot be used
     */
    static void require(ZprofConfig cfg, DumpDirectoryHealth health) {
        DumpDirectory dir = new DumpDirectory(cfg.dump().directory(), health);
        try {
            dir.prepare();
            dir.looseModeWarning().ifPresent(w -> LOG.warn("zprof: {}", w));
        } catch (IOException e) {
            throw new ConfigurationException(DumpDirectory.SETTING, e.getMessage());
        }
    }

    /**
     * After an update that moved the dump directory: the engine's health now reports the new one.
     *
     * @param cfg    the configuration now in force
     * @param health the engine's health of its dump directory
     */
    static void record(ZprofConfig cfg, DumpDirectoryHealth health) {
        try {
            new DumpDirectory(cfg.dump().directory(), health).prepare();
        } catch (IOException e) {
            // usable a moment ago: broken since, which the health reports and logs like any run-time failure
            health.unusable(cfg.dump().directory(), e.getMessage());
        }
    }
}
