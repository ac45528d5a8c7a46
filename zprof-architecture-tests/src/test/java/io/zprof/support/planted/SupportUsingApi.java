package io.zprof.support.planted;

/** Planted for R4b: compliant, a support library on the API. */
public final class SupportUsingApi {
    /** @return an API type */
    public Object kind() {
        return io.zprof.api.model.DumpKind.CPU;
    }
}
