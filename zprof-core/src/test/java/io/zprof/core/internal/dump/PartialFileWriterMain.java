package io.zprof.core.internal.dump;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A child JVM that starts writing a "heap dump" into a dump directory the way a capture does, prints its
 * temporary path and then waits, still writing nothing more, until it is killed.
 */
public final class PartialFileWriterMain {
    private PartialFileWriterMain() {
    }

    /**
     * @param args the dump directory
     * @throws IOException when it cannot write
     * @throws InterruptedException never in practice: it is killed
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        EventFiles files = new DumpDirectory(Path.of(args[0])).open("1", Instant.now());
        Path partial = files.newFile("heap", "hprof");
        try (OutputStream out = Files.newOutputStream(partial)) {
            out.write(new byte[256 * 1024]);
        }
        System.out.println(partial);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
