package io.zprof.core.planted;

/** Planted for R3: compliant, the engine logs through SLF4J. */
public final class UsesSlf4j {
    /** @return a logger */
    public Object logger() {
        return org.slf4j.LoggerFactory.getLogger(UsesSlf4j.class);
    }
}
