package io.sdataserver.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium for the browser tests: installed by the test set-up (apt-get, as root) when the
 * machine does not have it, so that a clean checkout needs nothing beyond the README's test command.
 */
public final class Chromium {
    private static final Path BINARY = Path.of("/usr/bin/chromium");

    private Chromium() { }

    public static synchronized Path binary() throws IOException, InterruptedException {
        if (Files.isExecutable(BINARY)) return BINARY;
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root) throw new IllegalStateException("the browser tests need Debian's chromium: apt-get install chromium");
        String log = run(List.of("apt-get", "install", "-y", "--no-install-recommends", "chromium"));
        if (!Files.isExecutable(BINARY)) {
            log += run(List.of("apt-get", "update")) + run(List.of("apt-get", "install", "-y", "--no-install-recommends", "chromium"));
        }
        if (!Files.isExecutable(BINARY)) throw new IllegalStateException("could not install chromium: " + log);
        return BINARY;
    }

    /** Starts a headless browser on {@code url}; the caller stops it. */
    public static Process open(String url, Path profile) throws IOException, InterruptedException {
        return new ProcessBuilder(binary().toString(), "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--no-default-browser-check", "--user-data-dir=" + profile, url)
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.MINUTES);
        return out;
    }
}
