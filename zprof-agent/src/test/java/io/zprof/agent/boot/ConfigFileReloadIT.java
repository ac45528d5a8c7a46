package io.zprof.agent.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code config=/path/zprof.properties} under {@code -javaagent}: editing the file changes a threshold in the running
 * JVM; a broken edit is refused (logged once with key and value, shown in status) and the old threshold still fires;
 * a deleted file keeps the last good configuration and says so.
 */
class ConfigFileReloadIT {
    @TempDir
    Path tmp;
    private Path file;

    @Test
    void editsApplyBrokenEditsAreRefusedADeletedFileKeepsTheLastGoodOne() throws Exception {
        file = tmp.resolve("zprof.properties");
        write("5000");
        Path idle = Jvms.idleJar(tmp);
        try (Jvms.Child target = Jvms.start(tmp, List.of(Jvms.tool("java"),
                "-javaagent:" + Jvms.agentJar() + "=config=" + file, "-jar", idle.toString()))) {
            Jvms.await("zprof in the target", () -> target.output().contains("zprof agent started"), target::output);
            try (TargetJvm jvm = TargetJvm.connect(target.pid())) {
                Jvms.await("a few cycles", () -> counter(jvm, "cycles") >= 5, target::output);
                assertEquals(file.toString(), status(jvm).get("configFile"));
                assertEquals(0L, threads(jvm).get("firedCount"), "the threads rule with abs 5000 does not fire");

                write("5");
                Jvms.await("the edited threshold fires", () -> (Long) threads(jvm).get("firedCount") > 0, target::output);
                assertEquals(2L, status(jvm).get("generation"));

                write("banana");
                Jvms.await("the broken edit refused", () -> ((String) status(jvm).get("configFileError"))
                        .contains("zprof.threads.abs=banana"), target::output);
                long fired = (Long) threads(jvm).get("firedCount");
                Jvms.await("the old threshold firing again", () -> (Long) threads(jvm).get("firedCount") > fired,
                        target::output);
                assertEquals(2L, status(jvm).get("generation"), "the running configuration is untouched");
                assertEquals(1, occurrences(target.output(), "zprof.threads.abs=banana"),
                        "the refusal is logged once, with key and value:\n" + target.output());

                Files.delete(file);
                Jvms.await("the deleted file reported", () -> ((String) status(jvm).get("configFileError"))
                        .contains("missing; keeping the configuration applied"), target::output);
                long firedBefore = (Long) threads(jvm).get("firedCount");
                Jvms.await("the last good threshold still firing", () -> (Long) threads(jvm).get("firedCount") > firedBefore,
                        target::output);
                assertEquals(2L, status(jvm).get("generation"));
            }
        }
    }

    /** Replaces the file atomically, as an operator's editor or a Kubernetes ConfigMap does. */
    private void write(String abs) throws Exception {
        Path next = tmp.resolve("zprof.properties.next");
        Files.writeString(next, String.join("\n", "zprof.dump.path=" + tmp.resolve("dumps"), "zprof.interval=200ms",
                "zprof.warmup=1", "zprof.threads.enabled=true", "zprof.threads.min=1", "zprof.threads.diff=0",
                "zprof.threads.abs=" + abs,
                "zprof.threads.cooldown=1s", ""));
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static int occurrences(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }

    private static CompositeData status(TargetJvm jvm) {
        try {
            return (CompositeData) jvm.server().getAttribute(new ObjectName(TargetJvm.ZPROF), "Status");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static CompositeData threads(TargetJvm jvm) {
        return Arrays.stream((CompositeData[]) status(jvm).get("rules")).filter(r -> r.get("name").equals("threads"))
                .findFirst().orElseThrow();
    }

    private static long counter(TargetJvm jvm, String name) {
        javax.management.openmbean.TabularData counters = (javax.management.openmbean.TabularData) status(jvm).get("counters");
        CompositeData row = counters.get(new Object[] {name});
        return row == null ? 0 : (Long) row.get("value");
    }
}
