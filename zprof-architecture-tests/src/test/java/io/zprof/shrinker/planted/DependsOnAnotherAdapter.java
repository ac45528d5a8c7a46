package io.zprof.shrinker.planted;

import io.zprof.reporter.http.HttpReporterConfig;

/** Planted violation: an adapter (a shrinker) that uses another adapter's class instead of the API. */
public final class DependsOnAnotherAdapter {
    private DependsOnAnotherAdapter() {
    }

    /** @return a type of the http reporter */
    static Class<?> use() {
        return HttpReporterConfig.class;
    }
}
