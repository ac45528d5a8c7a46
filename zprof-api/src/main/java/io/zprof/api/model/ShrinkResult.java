package io.zprof.api.model;

/**
 * What a shrinker did.
 *
 * @param poolsShrunk     how many pools had their sizes lowered
 * @param threadsRemoved  how many pool threads the new sizes take away (they time out when idle)
 * @param detail          a human summary
 */
public record ShrinkResult(int poolsShrunk, int threadsRemoved, String detail) {
}
