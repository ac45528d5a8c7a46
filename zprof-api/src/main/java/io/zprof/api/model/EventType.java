package io.zprof.api.model;

/** Why a report event exists. */
public enum EventType {
    /** A rule fired and evidence was captured. */
    TRIGGER,
    /** A rule would have fired, but dry-run is on: nothing was captured. */
    DRY_RUN,
    /** A chunk of continuous profiling, uploaded on a schedule. */
    PROFILE_CHUNK
}
