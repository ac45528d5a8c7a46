package com.example.planted;

import io.zprof.core.Zprof;

/** Planted violation: a third-party plugin that reaches into the engine instead of the API. */
public final class PluginUsingCore {
    private PluginUsingCore() {
    }

    /** @param zprof the engine */
    static void use(Zprof zprof) {
        zprof.status();
    }
}
