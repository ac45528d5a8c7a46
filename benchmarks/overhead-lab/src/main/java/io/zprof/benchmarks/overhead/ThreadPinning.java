package io.zprof.benchmarks.overhead;

import com.sun.jna.Library;
import com.sun.jna.LastErrorException;
import com.sun.jna.Native;

/**
 * Pins the calling thread, and only it, to one CPU (Linux {@code sched_setaffinity} through JNA). {@code taskset}
 * pins a whole JVM, which puts the GC's and JIT's threads on the workload's CPU; this keeps the workload from
 * moving between CPUs while everything else, zprof and JFR included, runs where the scheduler puts it.
 */
final class ThreadPinning {
    /** The part of the C library used here. */
    private interface LibC extends Library {
        int sched_setaffinity(int pid, long cpusetSize, long[] mask) throws LastErrorException;
    }

    private ThreadPinning() {
    }

    /**
     * @param cpu the CPU's number, as in {@code /proc/cpuinfo}
     * @throws IllegalArgumentException when the kernel refuses it (no such CPU, or not allowed to this process)
     */
    static void pinCurrentThread(int cpu) {
        if (cpu < 0 || cpu >= 1024) {
            throw new IllegalArgumentException("cpu must be in 0..1023: " + cpu);
        }
        long[] mask = new long[16]; // 1,024 CPUs, glibc's cpu_set_t
        mask[cpu / 64] = 1L << (cpu % 64);
        try {
            // pid 0: the calling thread
            Native.load("c", LibC.class).sched_setaffinity(0, mask.length * 8L, mask);
        } catch (LastErrorException e) {
            throw new IllegalArgumentException("cannot pin the thread to cpu " + cpu + ": errno " + e.getErrorCode(), e);
        }
    }
}
