package org.quantstream.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar's {@code demo --keep-open} in a child JVM, on a free port, once its whole run is
 * on the dashboard; {@link #close()} stops it with SIGTERM as Ctrl-C would, and checks that it left
 * nothing in its temporary directory.
 */
final class OpenDashboard implements AutoCloseable {
    private static final String OPEN = "dashboard stays open at ";

    final Process process;
    final String url;

    /** The child's temporary directory: the demo's store goes there, and must go on exit. */
    private final Path tmp;

    OpenDashboard() throws Exception {
        this(
                List.of("demo", "--speed", "60", "--quiet", "--dashboard-port", "0", "--keep-open"),
                OPEN);
    }

    /**
     * Any command that serves the dashboard, once it printed a line starting with {@code marker}
     * that holds the page's address ({@code http://...}).
     */
    OpenDashboard(List<String> args, String marker) throws Exception {
        tmp = java.nio.file.Files.createTempDirectory("quant-open-dashboard");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Djava.io.tmpdir=" + tmp);
        cmd.add("-jar");
        cmd.add(System.getProperty("quant.jar"));
        cmd.addAll(args);
        process = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader err =
                new BufferedReader(
                        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        String found = null;
        // what the child said before the marker, so a run that ended without it says why
        java.util.ArrayDeque<String> said = new java.util.ArrayDeque<>();
        for (String line = err.readLine(); line != null; line = err.readLine()) {
            if (said.size() == 200) {
                said.removeFirst();
            }
            said.addLast(line);
            if (line.startsWith(marker)) {
                int at = line.indexOf("http://");
                int end = line.indexOf(' ', at);
                found = line.substring(at, end < 0 ? line.length() : end);
                break;
            }
        }
        url = found;
        if (url == null) {
            boolean ended = process.waitFor(10, TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly();
            }
            throw new AssertionError(
                    String.join(" ", args)
                            + " never printed '"
                            + marker
                            + "' ("
                            + (ended ? "exit code " + process.exitValue() : "still running")
                            + "); its stderr:\n"
                            + String.join("\n", said));
        }
        assertThat(url).as("the demo announced the open dashboard").startsWith("http://127.0.0.1:");
        Thread drain =
                new Thread(
                        () -> {
                            try {
                                err.transferTo(java.io.Writer.nullWriter());
                            } catch (java.io.IOException e) {
                                // the process ended
                            }
                        });
        drain.setDaemon(true);
        drain.start();
    }

    /** Runs {@code java -jar quant.jar args} and returns its stdout; it must exit 0. */
    static String jar(String... args) throws Exception {
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-jar",
                                System.getProperty("quant.jar")));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", args) + "\n" + out).isZero();
        return out;
    }

    /** Runs {@code quant pair} on the demo's store, BTCUSDT/ETHUSDT, with more options. */
    String pair(String... options) throws Exception {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "pair",
                                "--store",
                                store().toString(),
                                "--symbol-a",
                                "BTCUSDT",
                                "--symbol-b",
                                "ETHUSDT"));
        args.addAll(List.of(options));
        return jar(args.toArray(String[]::new));
    }

    /**
     * The alerts {@code quant pair --rules} fires on the demo's store with these rules (a rules
     * file's JSON) and options, as the JSON lines its alert file holds.
     */
    List<String> fired(String rules, String... options) throws Exception {
        Path file = java.nio.file.Files.createTempFile("quant-rules", ".json");
        java.nio.file.Files.writeString(file, rules);
        Path out = java.nio.file.Files.createTempFile("quant-alerts", ".jsonl");
        List<String> args = new ArrayList<>(List.of(options));
        args.addAll(
                List.of(
                        "--rules",
                        file.toString(),
                        "--alerts",
                        out.toString(),
                        "--output",
                        java.nio.file.Files.createTempFile("quant-pair", ".csv").toString()));
        pair(args.toArray(String[]::new));
        return java.nio.file.Files.readAllLines(out);
    }

    /** The demo's store (in its temporary directory), while it runs. */
    Path store() throws java.io.IOException {
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("quant-demo"))
                    .map(p -> p.resolve("store"))
                    .filter(java.nio.file.Files::isDirectory)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no demo store under " + tmp));
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy(); // SIGTERM: the shutdown hook ends the wait and the dashboard closes
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
        try (java.util.stream.Stream<Path> left = java.nio.file.Files.list(tmp)) {
            // lz4-java (Kafka's compression, in the cluster demo) unpacks its native library here
            // and deletes it only on a normal JVM exit, which the graceful stop's halt skips
            assertThat(left.filter(p -> !p.getFileName().toString().startsWith("liblz4-java")))
                    .as("the demo's temporary files removed on SIGTERM")
                    .isEmpty();
        }
        DemoCommand.deleteTree(tmp);
    }
}
