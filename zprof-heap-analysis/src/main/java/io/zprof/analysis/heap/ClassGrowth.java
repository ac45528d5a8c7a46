package io.zprof.analysis.heap;

/**
 * One class in both heap dumps. Sizes are the dumps' shallow sizes (HPROF records fields and array data, not the
 * JVM's object headers), so they run a little below the class histogram's.
 *
 * @param className        the class, arrays as {@code byte[]} or {@code java.lang.Object[]}
 * @param instancesBefore  live instances in the older dump
 * @param instancesAfter   live instances in the newer dump
 * @param bytesBefore      their shallow size in the older dump
 * @param bytesAfter       their shallow size in the newer dump
 */
public record ClassGrowth(String className, long instancesBefore, long instancesAfter, long bytesBefore, long bytesAfter) {
    /** @return bytes gained (negative when the class shrank) */
    public long bytesGrowth() {
        return bytesAfter - bytesBefore;
    }

    /** @return instances gained (negative when the class shrank) */
    public long instancesGrowth() {
        return instancesAfter - instancesBefore;
    }
}
