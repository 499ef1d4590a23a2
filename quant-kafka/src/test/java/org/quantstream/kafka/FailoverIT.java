package org.quantstream.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quantstream.core.alert.Alert;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.pipeline.PipelineConfig;
import org.quantstream.core.store.TickAppender;
import org.quantstream.core.testkit.PipelineRecording;
import org.quantstream.core.tick.Tick;
import org.quantstream.kafka.testkit.Scenario;
import org.quantstream.kafka.testkit.Tapes;
import org.quantstream.kafka.testkit.TestBroker;
import org.quantstream.kafka.testkit.WorkerMain;

/**
 * Exactly once across a failover, on a real KRaft broker: three Kafka Streams instances of the
 * topology run as child processes while a collector publishes the ticks through a {@link
 * KafkaTickStore}; one instance is killed with SIGKILL mid-stream (its tasks move to the others,
 * which restore its state from the changelogs), then started again (tasks move back). Every bar,
 * pair snapshot and alert on the output topics (read committed) equals the one-thread {@link
 * org.quantstream.core.pipeline.Pipeline}'s on the same ticks, none missing, none twice.
 */
class FailoverIT {
    @TempDir Path dir;

    private final Map<Process, Path> logs = new java.util.HashMap<>();

    @Test
    void twoSymbolsOnePairSurviveAKilledInstance() throws Exception {
        run("two", Tapes.both(), 6, 150);
    }

    /** About a minute: in the soak profile, which CI runs after the default run. */
    @Test
    @org.junit.jupiter.api.Tag("soak")
    void twentySymbolsFiftyPairsSurviveAKilledInstance() throws Exception {
        run("many:20:50", Scenario.manySymbols(20), 6, 2_000);
    }

    private void run(String scenario, List<Tick> ticks, int partitions, int chunk)
            throws Exception {
        PipelineConfig cfg = Scenario.named(scenario);
        PipelineRecording expected = Scenario.pipeline(cfg, ticks);
        try (TestBroker broker = TestBroker.start()) {
            broker.createTopics(partitions, "ticks", "bars", "snapshots", "alerts");
            String app = "quant-failover";
            List<Process> workers = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    workers.add(worker(broker.bootstrap(), app, i, scenario));
                }
                Outputs out = new Outputs();
                TopicOutputs topics = out.open(broker.bootstrap());
                int killAt = ticks.size() / 3;
                int restartAt = ticks.size() * 2 / 3;
                long barsAtKill = -1;
                try (KafkaTickStore store =
                        KafkaTickStore.open(
                                KafkaTickStoreConfig.builder(broker.bootstrap())
                                        .topic("ticks")
                                        .build())) {
                    TickAppender a = store.appender();
                    for (int i = 0; i < ticks.size(); i++) {
                        a.append(ticks.get(i));
                        if (i % chunk == chunk - 1) {
                            store.flush();
                            Thread.sleep(20);
                            topics.poll(Duration.ZERO);
                        }
                        if (i == killAt) {
                            store.flush();
                            // mid-stream: the instances have produced output, not all of it
                            long deadline = System.nanoTime() + 120_000_000_000L;
                            while (out.bars.size() < expected.bars.size() / 6
                                    && System.nanoTime() < deadline) {
                                topics.poll(Duration.ofMillis(200));
                            }
                            barsAtKill = out.bars.size();
                            workers.get(0).destroyForcibly().waitFor(); // SIGKILL
                        }
                        if (i == restartAt) {
                            workers.set(0, worker(broker.bootstrap(), app, 0, scenario));
                        }
                    }
                    store.flush();
                }
                assertThat(barsAtKill).isPositive().isLessThan(expected.bars.size() / 2);
                long deadline = System.nanoTime() + 240_000_000_000L;
                long lastReport = System.nanoTime();
                while (topics.records()
                                < expected.bars.size()
                                        + expected.snapshots.size()
                                        + expected.alerts.size()
                        && System.nanoTime() < deadline) {
                    topics.poll(Duration.ofMillis(500));
                    if (System.nanoTime() - lastReport > 10_000_000_000L) {
                        lastReport = System.nanoTime();
                        System.out.printf(
                                "%s: %d bars, %d snapshots, %d alerts of %d, %d, %d%n",
                                scenario,
                                out.bars.size(),
                                out.snapshots.size(),
                                out.alerts.size(),
                                expected.bars.size(),
                                expected.snapshots.size(),
                                expected.alerts.size());
                    }
                    for (Process w : workers) {
                        assertThat(w.isAlive()).as("a worker died: " + log(w)).isTrue();
                    }
                }
                topics.poll(Duration.ofSeconds(3)); // anything written twice would show now
                if (topics.records()
                        != expected.bars.size()
                                + expected.snapshots.size()
                                + expected.alerts.size()) {
                    for (Process w : workers) {
                        System.out.println("worker " + w.pid() + ":\n" + log(w));
                    }
                }
                PipelineRecording got = Scenario.recording(out.bars, out.snapshots, out.alerts);
                assertThat(expected.snapshots).isNotEmpty();
                assertThat(expected.alerts).isNotEmpty();
                assertThat(got.bars).hasSameSizeAs(expected.bars);
                assertThat(got.snapshots).hasSameSizeAs(expected.snapshots);
                assertThat(got.alerts).hasSameSizeAs(expected.alerts);
                got.assertSameStreams(expected);
                topics.close();
            } finally {
                for (Process w : workers) {
                    w.getOutputStream().close();
                    if (!w.waitFor(20, TimeUnit.SECONDS)) {
                        w.destroyForcibly();
                    }
                }
            }
        }
    }

    private String log(Process w) {
        try {
            return Files.readString(logs.get(w));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private Process worker(String bootstrap, String app, int i, String scenario)
            throws IOException {
        Path state = dir.resolve("state-" + i);
        Files.createDirectories(state);
        Path log = dir.resolve("worker-" + i + "-" + System.nanoTime() + ".log");
        Process p =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx512m",
                                "-Dlogback.configurationFile=logback-worker.xml",
                                "-cp",
                                System.getProperty("java.class.path"),
                                WorkerMain.class.getName(),
                                bootstrap,
                                app,
                                state.toString(),
                                scenario)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        logs.put(p, log);
        return p;
    }

    /** The output topics, read committed, recorded in lists. */
    private static final class Outputs {
        final List<Bar> bars = new ArrayList<>();
        final List<String> snapshots = new ArrayList<>();
        final List<Alert> alerts = new ArrayList<>();

        TopicOutputs open(String bootstrap) {
            return new TopicOutputs(
                    bootstrap,
                    "failover-check",
                    List.of("bars", "snapshots", "alerts"),
                    bars::add,
                    (pair, s) -> snapshots.add(pair + " " + s),
                    alerts::add);
        }
    }
}
