package io.zprof.collector.cgroup.internal;

import io.zprof.api.model.MetricSource;

/**
 * utime + stime from {@code /proc/<self>/stat}, for JVMs without the extended OS bean and for fixture roots (the
 * JVM bean can only describe the real process). Fields are counted after the last {@code ')'}, because the command
 * name in parentheses may contain spaces and parentheses.
 */
final class ProcStatCpuTime implements CpuTimeSource {
    /** USER_HZ is 100 in the Linux user ABI on every architecture the JDK supports; sysconf needs native code. */
    static final long NANOS_PER_TICK = 10_000_000L;
    /** utime is the 14th field: the 12th token after the state, which is the first after ')'. */
    private static final int UTIME_TOKEN = 11;

    private final ReusableFile stat;

    ProcStatCpuTime(FileSystemRoot fs) {
        this.stat = new ReusableFile(fs.process("stat"), 1024);
    }

    @Override
    public long processCpuNanos() {
        if (!stat.read()) {
            return -1;
        }
        byte[] b = stat.bytes();
        int len = stat.length();
        int paren = KernelText.lastIndexOf(b, len, (byte) ')');
        if (paren < 0) {
            return -1;
        }
        int at = KernelText.skipBlanks(b, paren + 1, len);
        for (int token = 0; token < UTIME_TOKEN && at < len; token++) {
            at = KernelText.nextToken(b, at, len);
        }
        long utime = KernelText.parseLong(b, at, len);
        long stime = KernelText.parseLong(b, KernelText.nextToken(b, at, len), len);
        return utime < 0 || stime < 0 ? -1 : (utime + stime) * NANOS_PER_TICK;
    }

    @Override
    public MetricSource source() {
        return MetricSource.PROCFS;
    }

    @Override
    public void reset() {
        stat.reset();
    }

    @Override
    public void close() {
        stat.close();
    }
}
