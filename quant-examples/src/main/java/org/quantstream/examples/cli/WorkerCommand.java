package org.quantstream.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.quantstream.core.pipeline.PipelineConfig;
import org.quantstream.kafka.KafkaTopics;
import org.quantstream.kafka.QuantTopology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code quant worker}: the analytics of a pipeline file ({@code quant run}'s format) as Kafka
 * Streams instances of {@link QuantTopology}, reading the ticks a {@code quant collect --kafka}
 * publishes and writing bars, pair snapshots and alerts to their topics. Start as many workers on
 * as many machines as needed: instances with one {@code --app-id} share the partitions and take
 * over each other's work, exactly once.
 */
@Command(
        name = "worker",
        description =
                "Run a pipeline file's analytics (bars, operators, pairs, alerts) as Kafka Streams"
                        + " instances over a ticks topic, exactly once; instances with one --app-id"
                        + " share the work and take it over when one stops.")
final class WorkerCommand implements Callable<Integer> {
    @ParentCommand private QuantCli parent;

    @Option(
            names = "--kafka",
            required = true,
            paramLabel = "BOOTSTRAP",
            description = "The brokers, host:port,...")
    private String bootstrap;

    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description =
                    "A pipeline file (as quant run reads; its source, alerts, duration and idle are"
                            + " not used: the source is the ticks topic).")
    private Path config;

    @Option(
            names = "--instances",
            defaultValue = "1",
            description = "Streams instances in this process (default: ${DEFAULT-VALUE}).")
    private int instances;

    @Option(
            names = "--app-id",
            defaultValue = "quantstream",
            description = "The Streams application id (default: ${DEFAULT-VALUE}).")
    private String appId;

    @Option(
            names = "--topics",
            split = ",",
            paramLabel = "TICKS,BARS,SNAPSHOTS,ALERTS",
            defaultValue = "ticks,bars,snapshots,alerts",
            description = "The topics (default: ${DEFAULT-VALUE}).")
    private List<String> topics;

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            description = "Where the instances keep their state (default: a temporary directory).")
    private Path stateDir;

    @Option(
            names = "--watermark",
            converter = DurationConverter.class,
            paramLabel = "GRACE",
            description = "Close bars by the wall clock too, this long after their end.")
    private Duration watermark;

    @Option(
            names = "--duration",
            converter = DurationConverter.class,
            paramLabel = "DUR",
            description = "Stop after this long (default: until interrupted).")
    private Duration duration;

    @Override
    public Integer call() throws Exception {
        if (instances < 1 || instances > 64) {
            throw new UserException("--instances must be 1..64, was " + instances);
        }
        if (topics.size() != 4) {
            throw new UserException("--topics needs 4 names: ticks,bars,snapshots,alerts");
        }
        PipelineConfig analytics = PipelineFile.read(config).analytics();
        Path state = stateDir != null ? stateDir : Files.createTempDirectory("quant-worker");
        int partitions = KafkaTopics.partitions(bootstrap, topics.get(0), Duration.ofSeconds(30));
        KafkaTopics.ensure(
                bootstrap,
                partitions,
                Duration.ofSeconds(30),
                topics.get(1),
                topics.get(2),
                topics.get(3));
        try (GracefulStop stop =
                new GracefulStop(
                        "quant-worker-stop", parent.out(), parent.err(), Duration.ofSeconds(30))) {
            List<KafkaStreams> running = new ArrayList<>();
            int code = 0;
            try {
                for (int i = 0; i < instances; i++) {
                    QuantTopology.Builder tb =
                            QuantTopology.builder(analytics)
                                    .topics(
                                            topics.get(0),
                                            topics.get(1),
                                            topics.get(2),
                                            topics.get(3));
                    if (watermark != null) {
                        tb.watermark(watermark, Duration.ofMillis(100));
                    }
                    Properties p = QuantTopology.streamsConfig(bootstrap, appId);
                    p.put(
                            StreamsConfig.STATE_DIR_CONFIG,
                            state.resolve("instance-" + i).toString());
                    // a lost instance's partitions move after its session times out
                    p.put(
                            StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                            6000);
                    p.put(
                            StreamsConfig.consumerPrefix(
                                    ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                            1000);
                    KafkaStreams ks = new KafkaStreams(tb.build(), p);
                    int n = i;
                    ks.setStateListener(
                            (now, before) ->
                                    parent.err()
                                            .println("quant worker: instance " + n + " " + now));
                    ks.start();
                    running.add(ks);
                }
                long start = System.nanoTime();
                while (!stop.latch().await(200, TimeUnit.MILLISECONDS)) {
                    if (duration != null && System.nanoTime() - start >= duration.toNanos()) {
                        break;
                    }
                    if (running.stream().anyMatch(k -> k.state() == KafkaStreams.State.ERROR)) {
                        code = 1;
                        break;
                    }
                }
            } finally {
                for (KafkaStreams ks : running) {
                    ks.close(Duration.ofSeconds(20));
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("instances", instances);
            m.put("appId", appId);
            m.put("states", running.stream().map(k -> k.state().toString()).toList());
            Json.print(parent.out(), m);
            stop.finish(code);
            return code;
        }
    }
}
