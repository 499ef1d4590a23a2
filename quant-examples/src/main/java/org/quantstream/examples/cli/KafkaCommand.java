package org.quantstream.examples.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code quant kafka}: Kafka helpers for trying the scale-out path on one machine. */
@Command(
        name = "kafka",
        description =
                "Kafka helpers: a local single-node broker for quant collect --kafka, quant worker.",
        subcommands = {KafkaCommand.Broker.class})
final class KafkaCommand {
    @ParentCommand QuantCli parent;

    /**
     * {@code quant kafka broker}: one KRaft node (broker and controller in one process) from the
     * Kafka jars this build ships, on 127.0.0.1, its log in a directory that persists across runs
     * (formatted on first use). Prints {@code {"bootstrap": ...}} once it serves; runs until
     * interrupted. For trying things on one machine, not for production (replication factor 1).
     */
    @Command(
            name = "broker",
            description =
                    "Run a local single-node Kafka (KRaft) broker on 127.0.0.1 until interrupted;"
                            + " prints its bootstrap address as JSON when it serves.")
    static final class Broker implements Callable<Integer> {
        @ParentCommand private KafkaCommand kafka;

        @Option(
                names = "--dir",
                paramLabel = "DIR",
                defaultValue = "kafka-data",
                description = "The broker's data directory (default: ${DEFAULT-VALUE}).")
        private Path dir;

        @Option(
                names = "--port",
                defaultValue = "9092",
                description = "The client port (default: ${DEFAULT-VALUE}).")
        private int port;

        @Option(
                names = "--controller-port",
                defaultValue = "9093",
                description = "The controller port (default: ${DEFAULT-VALUE}).")
        private int controllerPort;

        @Override
        public Integer call() throws Exception {
            QuantCli parent = kafka.parent;
            Files.createDirectories(dir);
            Path logs = dir.toAbsolutePath().resolve("log");
            Properties p = new Properties();
            p.put("process.roles", "broker,controller");
            p.put("node.id", "1");
            p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
            p.put(
                    "listeners",
                    "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
            p.put("controller.listener.names", "CONTROLLER");
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("log.dirs", logs.toString());
            p.put("num.partitions", "6");
            // records carry event times (history from last year): never delete by time
            p.put("log.retention.ms", "-1");
            p.put("offsets.topic.replication.factor", "1");
            p.put("transaction.state.log.replication.factor", "1");
            p.put("transaction.state.log.min.isr", "1");
            p.put("group.initial.rebalance.delay.ms", "0");
            p.put("share.coordinator.state.topic.replication.factor", "1");
            p.put("share.coordinator.state.topic.min.isr", "1");
            Path props = dir.resolve("server.properties");
            try (var w = Files.newBufferedWriter(props)) {
                p.store(w, "quant kafka broker");
            }
            if (!Files.exists(logs.resolve("meta.properties"))) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int rc =
                        StorageTool.execute(
                                new String[] {
                                    "format",
                                    "--cluster-id",
                                    Uuid.randomUuid().toString(),
                                    "--config",
                                    props.toString(),
                                    "--standalone"
                                },
                                new PrintStream(out, true, StandardCharsets.UTF_8));
                if (rc != 0) {
                    throw new UserException(
                            "kafka broker: formatting "
                                    + logs
                                    + " failed: "
                                    + out.toString(StandardCharsets.UTF_8).strip());
                }
            }
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(p), Time.SYSTEM);
            try (GracefulStop stop =
                    new GracefulStop(
                            "quant-kafka-stop",
                            parent.out(),
                            parent.err(),
                            Duration.ofSeconds(60))) {
                server.startup();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("bootstrap", "127.0.0.1:" + port);
                m.put("dir", dir.toAbsolutePath().toString());
                Json.print(parent.out(), m);
                parent.out().flush();
                stop.latch().await();
                server.shutdown();
                server.awaitShutdown();
                stop.finish(0);
            }
            return 0;
        }
    }
}
