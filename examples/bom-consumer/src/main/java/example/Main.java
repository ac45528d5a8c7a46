package example;

import io.zprof.core.Zprof;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Starts zprof from the BOM-managed jars, samples twice and prints the status. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Path dumps = Files.createTempDirectory("bom-consumer").resolve("dumps");
        try (Zprof zprof = Zprof.create(cfg -> cfg.collectInterval(Duration.ofHours(1))
                .cpu(r -> r.enabled(true)).dump(d -> d.directory(dumps)))) {
            zprof.start();
            zprof.sampleNow();
            Thread.sleep(100);
            zprof.sampleNow();
            String status = zprof.status().describe();
            System.out.println(status);
            if (!status.contains("cgroup") || !status.contains("CPU_PERCENT")) {
                throw new IllegalStateException("the cgroup collector from the BOM was not used");
            }
        }
        System.out.println("BOM consumer OK");
    }
}
