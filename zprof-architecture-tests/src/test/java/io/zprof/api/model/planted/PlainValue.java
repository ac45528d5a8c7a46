package io.zprof.api.model.planted;

/** Planted for R2: a mutable class where the API wants a record. */
public final class PlainValue {
    /** A field anyone may change. */
    public int value;
}
