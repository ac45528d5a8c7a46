package io.zprof.analysis.heap;

import java.util.List;

/**
 * A class that grew between the dumps, with what holds its instances in the newer one.
 *
 * @param growth           its counts and sizes in both dumps
 * @param instancesSampled how many of its instances were traced (the largest ones, up to the sample limit)
 * @param holders          the holders, most instances first; empty when no sampled instance is reachable
 */
public record GrownClass(ClassGrowth growth, int instancesSampled, List<Holder> holders) {
}
