package io.zprof.analysis.heap;

import java.util.List;

/**
 * The result of a holder analysis, in the form written to {@code holders_*.json} beside the newer dump.
 *
 * @param tool          what computed it, e.g. {@code LeakCanary shark 2.14}
 * @param where         where it ran, e.g. {@code offline: zprof command-line tool} (never inside the service)
 * @param olderDump     file name of the older dump
 * @param newerDump     file name of the newer dump
 * @param bytesBefore   shallow bytes of all objects in the older dump
 * @param bytesAfter    the same in the newer dump
 * @param analysisMillis how long the analysis took
 * @param classes       the classes that grew most in bytes, largest growth first
 */
public record HolderReport(String tool, String where, String olderDump, String newerDump, long bytesBefore,
        long bytesAfter, long analysisMillis, List<GrownClass> classes) {
}
