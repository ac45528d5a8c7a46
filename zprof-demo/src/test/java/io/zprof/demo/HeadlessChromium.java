package io.zprof.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium}, headless, as root would run it in CI: no sandbox, no GPU, nothing fetched in the
 * background, a fresh profile per run.
 */
final class HeadlessChromium {
    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");

    private final Path binary;
    private final Path work;

    private HeadlessChromium(Path binary, Path work) {
        this.binary = binary;
        this.work = work;
    }

    /** @return whether Debian's chromium is installed here */
    static boolean installed() {
        return CANDIDATES.stream().map(Path::of).anyMatch(Files::isExecutable);
    }

    /**
     * @param work a private directory for profiles and logs
     * @return the installed browser ({@link #installed()} first)
     */
    static HeadlessChromium in(Path work) {
        return new HeadlessChromium(CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException("chromium is not installed")), work);
    }

    /** @param page an HTML file @return the DOM after the page's scripts ran */
    String dumpDom(Path page) throws IOException, InterruptedException {
        return run(page, List.of("--dump-dom"));
    }

    /** @param page an HTML file @param png where to save a full-width screenshot */
    void screenshot(Path page, Path png) throws IOException, InterruptedException {
        Files.createDirectories(png.getParent());
        Files.deleteIfExists(png);
        run(page, List.of("--window-size=1280,3200", "--hide-scrollbars", "--screenshot=" + png.toAbsolutePath()));
        assertTrue(Files.size(png) > 0, "chromium wrote " + png);
    }

    private String run(Path page, List<String> action) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "chromium-profile");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile));
        command.addAll(action);
        command.add(page.toUri().toString());
        Path out = Files.createTempFile(work, "chromium", ".out");
        Path err = Files.createTempFile(work, "chromium", ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean done = p.waitFor(90, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly().waitFor();
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertTrue(done && p.exitValue() == 0, "chromium " + action + " failed:\n" + stderr);
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
