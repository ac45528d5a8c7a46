package io.zprof.api.planted;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Planted violation: an API class that needs a library besides the JDK. */
public final class DependsOnSlf4j {
    private static final Logger LOG = LoggerFactory.getLogger(DependsOnSlf4j.class);

    private DependsOnSlf4j() {
    }

    /** Logs, which zprof-api may not. */
    static void use() {
        LOG.info("planted");
    }
}
