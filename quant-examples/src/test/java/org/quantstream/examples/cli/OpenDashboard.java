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
 * on the dashboard; {@link #close()} stops it with SIGTERM as Ctrl-C would.
 */
final class OpenDashboard implements AutoCloseable {
    private static final String OPEN = "dashboard stays open at ";

    final Process process;
    final String url;

    OpenDashboard() throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-jar");
        cmd.add(System.getProperty("quant.jar"));
        cmd.addAll(
                List.of(
                        "demo",
                        "--speed",
                        "60",
                        "--quiet",
                        "--dashboard-port",
                        "0",
                        "--keep-open"));
        process = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader err =
                new BufferedReader(
                        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        String found = null;
        for (String line = err.readLine(); line != null; line = err.readLine()) {
            if (line.startsWith(OPEN)) {
                found = line.substring(OPEN.length(), line.indexOf(" (Ctrl-C"));
                break;
            }
        }
        url = found;
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

    @Override
    public void close() throws Exception {
        process.destroy(); // SIGTERM: the shutdown hook ends the wait and the dashboard closes
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
    }
}
