package org.quantstream.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quant cluster-demo} from the shaded jar, as a user runs it: a real Kafka broker ({@code
 * quant kafka broker}), two collectors ({@code quant collect --kafka}) on the simulator, three
 * workers ({@code quant worker}), one killed with SIGKILL half way, all separate processes on
 * 127.0.0.1; the outputs equal the one-thread pipeline's.
 */
class ClusterDemoIT {
    @TempDir Path dir;

    @Test
    void shouldEqualTheOneThreadPipelineAfterAWorkerIsKilled() throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-jar");
        cmd.add(System.getProperty("quant.jar"));
        cmd.addAll(
                List.of(
                        "cluster-demo",
                        "--dir",
                        dir.toString(),
                        "--speed",
                        "30",
                        "--dashboard-port",
                        "0"));
        Path err = dir.resolve("demo.err");
        Process p =
                new ProcessBuilder(cmd)
                        .redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.PIPE)
                        .start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean ended = p.waitFor(300, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        // on a failure, what the children said is the evidence (the directory goes with the test)
        String log = Files.readString(err) + "\n" + out + childLogs();
        assertThat(ended).as(log).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        JsonNode s = new ObjectMapper().readTree(out);
        assertThat(s.get("equal").asBoolean()).as(log).isTrue();
        assertThat(s.get("ticks").asLong()).isEqualTo(16_656); // every aggregate trade of the tapes
        assertThat(s.get("bars").asLong()).isEqualTo(s.get("expectedBars").asLong()).isPositive();
        assertThat(s.get("snapshots").asLong())
                .isEqualTo(s.get("expectedSnapshots").asLong())
                .isPositive();
        assertThat(s.get("alerts").asLong())
                .isEqualTo(s.get("expectedAlerts").asLong())
                .isPositive();
        // killed mid-stream, not before the first tick or after the last
        assertThat(s.get("killedWorkerAtTicks").asLong()).isBetween(1L, 16_655L);
        assertThat(log).contains("killed worker 1").contains("equal the one-thread pipeline");
        assertThat(log).as("the run leaves its logs").contains("--- worker-0.log");
        // the cluster's dashboard ran beside it (its page is tested in ClusterDashboardBrowserIT)
        assertThat(s.get("dashboard").asText()).startsWith("http://127.0.0.1:");
        assertThat(Files.readString(dir.resolve("dashboard.log")))
                .contains("dashboard of the cluster at 127.0.0.1:");
    }

    /** The last lines of every child's log (broker, collectors, workers, dashboard). */
    private String childLogs() throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        try (java.util.stream.Stream<Path> logs = Files.list(dir)) {
            for (Path f :
                    logs.filter(x -> x.getFileName().toString().endsWith(".log"))
                            .sorted()
                            .toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.ISO_8859_1);
                b.append("\n--- ").append(f.getFileName()).append('\n');
                lines.subList(Math.max(0, lines.size() - 40), lines.size())
                        .forEach(l -> b.append(l).append('\n'));
            }
        }
        return b.toString();
    }
}
