package io.zprof.api.model.planted;

/** Planted for R2: a compliant value. @param value the value */
public record RecordValue(int value) {
}
