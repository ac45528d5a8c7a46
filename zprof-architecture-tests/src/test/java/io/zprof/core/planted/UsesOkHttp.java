package io.zprof.core.planted;

/** Planted for R3: the engine reaching for an HTTP library. */
public final class UsesOkHttp {
    /** @return a client the engine must not need */
    public Object client() {
        return new okhttp3.OkHttpClient();
    }
}
