package io.zprof.api.model;

import java.nio.file.Path;

/**
 * One file written for an event.
 *
 * @param name      the file name ({@code cpu_20260101-120000_42.jfr})
 * @param kind      the dump kind that produced it, or {@code timeline}/{@code diff}
 * @param path      absolute path on disk
 * @param sizeBytes size when it was sealed
 */
public record ArtifactRef(String name, String kind, Path path, long sizeBytes) {
    /** @return the file extension without dot ({@code jfr}, {@code hprof}, {@code txt}, {@code json}) */
    public String extension() {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }
}
