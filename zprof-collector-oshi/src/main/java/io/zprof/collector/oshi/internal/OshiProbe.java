package io.zprof.collector.oshi.internal;

import oshi.PlatformEnum;
import oshi.SystemInfo;

/** Checks that OSHI works here: the platform is known and a native call (through JNA) answers. */
final class OshiProbe {
    private OshiProbe() {
    }

    /**
     * @return why OSHI cannot serve this process, or {@code null} when it can
     * @throws LinkageError when OSHI or JNA (classes or native library) cannot load
     */
    static String problem() {
        if (SystemInfo.getCurrentPlatform() == PlatformEnum.UNKNOWN) {
            return "OSHI does not support " + System.getProperty("os.name");
        }
        int pid = new SystemInfo().getOperatingSystem().getProcessId();
        return pid > 0 ? null : "OSHI cannot find the current process id";
    }
}
