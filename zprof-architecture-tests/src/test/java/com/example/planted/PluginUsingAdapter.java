package com.example.planted;

import io.zprof.reporter.http.HttpReporterConfig;

/** Planted violation: a third-party plugin that uses a built-in adapter's class. */
public final class PluginUsingAdapter {
    private PluginUsingAdapter() {
    }

    /** @return a type of the http reporter */
    static Class<?> use() {
        return HttpReporterConfig.class;
    }
}
