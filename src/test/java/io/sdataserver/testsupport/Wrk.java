package io.sdataserver.testsupport;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The benchmark programs' load generator: one wrk run (2 threads), its requests per second; and medians of runs. */
public final class Wrk {
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

    private Wrk() { }

    /** Requests per second over {@code seconds} with {@code connections}; headers are "Name: value" lines. Any non-2xx fails. */
    public static double rate(String url, int seconds, int connections, String... headers) throws Exception {
        return rate(url, seconds, connections, null, java.util.Map.of(), headers);
    }

    /**
     * The same with a Lua script (for writes: methods, bodies, ETags carried from answer to request) and
     * environment variables the script reads.
     */
    public static double rate(String url, int seconds, int connections, java.nio.file.Path script, java.util.Map<String, String> env,
                              String... headers) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--timeout", "10s"));
        for (String h : headers) cmd.addAll(List.of("-H", h));
        if (script != null) cmd.addAll(List.of("-s", script.toString()));
        cmd.add(url);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) out.append(line).append('\n');
        }
        p.waitFor();
        if (out.toString().contains("Non-2xx")) throw new IllegalStateException("errors under load: " + out);
        Matcher m = RATE.matcher(out);
        if (!m.find()) throw new IllegalStateException("no rate in wrk output: " + out);
        return Double.parseDouble(m.group(1));
    }

    public static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
