package org.quantstream.examples.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.quantstream.core.alert.Alert;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.pipeline.Pipeline;
import org.quantstream.core.pipeline.PipelineConfig;
import org.quantstream.core.pipeline.PipelineStatus;
import org.quantstream.core.pipeline.TickSource;
import org.quantstream.core.store.InMemoryTickStore;
import org.quantstream.core.store.TickCursor;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.feed.binance.BinanceSimulator;
import org.quantstream.feed.binance.SimulatorConfig;
import org.quantstream.kafka.KafkaTickStore;
import org.quantstream.kafka.TopicOutputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code quant cluster-demo}: the scale-out path on one machine, as separate processes: a Kafka
 * broker ({@code quant kafka broker}), one collector per symbol ({@code quant collect --kafka}) on
 * the local Binance simulator replaying the bundled tapes, three workers ({@code quant worker}) and
 * the cluster's dashboard ({@code quant dashboard --kafka}); half way one worker is killed with
 * SIGKILL. At the end the outputs on the topics are compared with the one-thread pipeline on the
 * ticks the collectors published: every bar, pair snapshot and alert equal, none missing, none
 * twice.
 */
@Command(
        name = "cluster-demo",
        description =
                "The scale-out path on one machine: a Kafka broker, one collector per symbol on the"
                        + " simulator, three workers (one killed half way), the cluster's dashboard,"
                        + " and a check that the outputs equal the one-thread pipeline's.")
final class ClusterDemoCommand implements Callable<Integer> {
    @ParentCommand private QuantCli parent;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Where the broker, workers and files live (default: a temporary one).")
    private Path dir;

    @Option(
            names = "--workers",
            defaultValue = "3",
            description = "Worker processes (default: ${DEFAULT-VALUE}).")
    private int workers;

    @Option(
            names = "--speed",
            defaultValue = "30",
            description = "Replay speed of the simulator (default: ${DEFAULT-VALUE}x).")
    private double speed;

    @Option(names = "--no-kill", description = "Do not kill a worker half way.")
    private boolean noKill;

    @Option(
            names = "--dashboard-port",
            defaultValue = "" + DemoCommand.DASHBOARD_PORT,
            paramLabel = "P",
            description =
                    "Port of the cluster's dashboard (quant dashboard --kafka, a process of its own)"
                            + " on 127.0.0.1 (default: ${DEFAULT-VALUE}; a free one if taken; 0 for"
                            + " any).")
    private int dashboardPort;

    @Option(names = "--no-dashboard", description = "Do not start the dashboard.")
    private boolean noDashboard;

    @Option(
            names = "--keep-open",
            description =
                    "After the check, keep the cluster and its dashboard running until interrupted.")
    private boolean keepOpen;

    private final List<Process> children = new ArrayList<>();

    /** Ctrl-C and SIGTERM: the run ends early, the child processes are stopped. */
    private GracefulStop graceful;

    @Override
    public Integer call() throws Exception {
        if (workers < 1 || workers > 16) {
            throw new UserException("--workers must be 1..16, was " + workers);
        }
        Path base = dir != null ? dir : Files.createTempDirectory("quant-cluster-demo");
        Files.createDirectories(base);
        graceful =
                new GracefulStop(
                        "quant-cluster-demo-stop",
                        parent.out(),
                        parent.err(),
                        Duration.ofSeconds(60));
        int code = QuantCli.INTERNAL_ERROR;
        try {
            code = run(base);
            return code;
        } finally {
            try {
                for (Process p : children) {
                    p.destroy();
                }
                for (Process p : children) {
                    if (!p.waitFor(20, TimeUnit.SECONDS)) {
                        p.destroyForcibly().waitFor();
                    }
                }
                if (dir == null && code == 0) {
                    // a passed run leaves nothing behind; a failed one keeps its logs
                    DemoCommand.deleteTree(base);
                }
            } finally {
                graceful.finish(code);
                graceful.close();
            }
        }
    }

    /** Ctrl-C or SIGTERM: stops the run where it is. */
    private void checkStop() {
        if (graceful.requested()) {
            throw new UserException("stopped (Ctrl-C or SIGTERM)");
        }
    }

    private int run(Path base) throws Exception {
        long start = System.nanoTime();
        int port = freePort();
        Process broker =
                child(
                        base.resolve("broker.log"),
                        "kafka",
                        "broker",
                        "--dir",
                        base.resolve("kafka").toString(),
                        "--port",
                        Integer.toString(port),
                        "--controller-port",
                        Integer.toString(freePort()));
        String bootstrap = "127.0.0.1:" + port;
        awaitLine(base.resolve("broker.log"), "\"bootstrap\"", broker, Duration.ofSeconds(90));
        say("broker %s (pid %d)", bootstrap, broker.pid());

        Path config = base.resolve("pipeline.json");
        Files.writeString(config, PIPELINE);
        PipelineConfig analytics = PipelineFile.read(config).analytics();
        List<Path> tapes = DemoCommand.extractTapes(base);
        try (BinanceSimulator sim =
                BinanceSimulator.start(
                        SimulatorConfig.builder()
                                .data(tapes)
                                .speed(speed)
                                .awaitSubscribers(
                                        2) // the replay starts when both collectors listen
                                .build())) {
            long expected = sim.aggTradeCount("BTCUSDT") + sim.aggTradeCount("ETHUSDT");
            List<Process> workerProcs = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                workerProcs.add(
                        child(
                                base.resolve("worker-" + i + ".log"),
                                "worker",
                                "--kafka",
                                bootstrap,
                                "--config",
                                config.toString(),
                                "--app-id",
                                "quant-cluster-demo",
                                "--state-dir",
                                base.resolve("worker-" + i).toString()));
            }
            List<Process> collectors = new ArrayList<>();
            for (String s : List.of("BTCUSDT", "ETHUSDT")) {
                collectors.add(
                        child(
                                base.resolve("collect-" + s + ".log"),
                                "collect",
                                "--symbols",
                                s,
                                "--ws-url",
                                sim.wsUrl(),
                                "--rest-url",
                                sim.restUrl(),
                                "--kafka",
                                bootstrap));
            }
            say(
                    "simulator %s at %.0fx, %d trades; %d collectors, %d workers",
                    sim.wsUrl(), speed, expected, collectors.size(), workers);
            String dashboardUrl = noDashboard ? null : startDashboard(base, bootstrap, config);
            Map<String, Object> summary = new LinkedHashMap<>();
            Outputs out = new Outputs();
            try (KafkaTickStore store = KafkaTickStore.open(bootstrap, "ticks");
                    TopicOutputs topics = out.open(bootstrap)) {
                long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
                boolean killed = noKill;
                long lastSay = 0;
                long published;
                while ((published = store.count()) < expected) {
                    checkStop();
                    topics.poll(Duration.ofMillis(200));
                    if (!killed && published >= expected / 2) {
                        Process victim = workerProcs.get(workers > 1 ? 1 : 0);
                        victim.destroyForcibly().waitFor();
                        killed = true;
                        summary.put("killedWorkerAtTicks", published);
                        say(
                                "killed worker %d (pid %d) with SIGKILL at %d ticks",
                                workers > 1 ? 1 : 0, victim.pid(), published);
                    }
                    if (System.nanoTime() - lastSay > 2_000_000_000L) {
                        lastSay = System.nanoTime();
                        say(
                                "%d of %d ticks published; %d bars, %d snapshots, %d alerts out",
                                published,
                                expected,
                                out.bars.size(),
                                out.snapshots.size(),
                                out.alerts.size());
                    }
                    for (Process c : collectors) {
                        if (!c.isAlive()) {
                            throw new UserException(
                                    "a collector stopped: see " + base.resolve("collect-*.log"));
                        }
                    }
                    checkWorkers(base, workerProcs, killed);
                    if (System.nanoTime() > deadline) {
                        throw new UserException(
                                "the collectors did not publish every trade in 10 min");
                    }
                }
                for (Process c : collectors) {
                    c.destroy(); // SIGTERM: flushed, summary printed
                    c.waitFor(30, TimeUnit.SECONDS);
                }
                // the reference: the one-thread pipeline on the ticks the collectors published
                InMemoryTickStore ticks = new InMemoryTickStore();
                try (TickCursor c = store.cursor()) {
                    MutableTick t = new MutableTick();
                    while (c.next(t)) {
                        ticks.appender().append(t);
                    }
                }
                List<Bar> bars = new ArrayList<>();
                List<String> snaps = new ArrayList<>();
                List<Alert> alerts = new ArrayList<>();
                Pipeline p =
                        Pipeline.builder()
                                .config(analytics)
                                .source(TickSource.replay(ticks, Long.MIN_VALUE, Long.MAX_VALUE))
                                .flushAtEnd(false)
                                .onBar(bars::add)
                                .onPair((pair, s) -> snaps.add(pair + " " + s))
                                .onAlert(alerts::add)
                                .build();
                if (p.run() != PipelineStatus.COMPLETED) {
                    throw new IllegalStateException("the reference pipeline failed", p.failure());
                }
                long want = bars.size() + snaps.size() + alerts.size();
                long settle = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                while (topics.records() < want && System.nanoTime() < settle) {
                    checkStop();
                    checkWorkers(base, workerProcs, true);
                    topics.poll(Duration.ofMillis(500));
                }
                topics.poll(Duration.ofSeconds(3)); // anything written twice shows now
                boolean equal =
                        byKey(out.bars, b -> b.symbol() + " " + b.spec())
                                        .equals(byKey(bars, b -> b.symbol() + " " + b.spec()))
                                && byKey(out.snapshots, s -> s.substring(0, s.indexOf(' ')))
                                        .equals(byKey(snaps, s -> s.substring(0, s.indexOf(' '))))
                                && byKey(out.alerts, Alert::rule)
                                        .equals(byKey(alerts, Alert::rule));
                summary.put("ticks", ticks.count());
                summary.put("bars", out.bars.size());
                summary.put("snapshots", out.snapshots.size());
                summary.put("alerts", out.alerts.size());
                summary.put("expectedBars", bars.size());
                summary.put("expectedSnapshots", snaps.size());
                summary.put("expectedAlerts", alerts.size());
                summary.put("workers", workers);
                summary.put("equal", equal);
                summary.put("seconds", (System.nanoTime() - start) / 1e9);
                summary.put("dir", base.toString());
                summary.put("dashboard", dashboardUrl);
                Json.print(parent.out(), summary);
                parent.out().flush();
                say(
                        equal
                                ? "the cluster's bars, snapshots and alerts equal the one-thread pipeline's"
                                : "the cluster's outputs DIFFER from the one-thread pipeline's");
                if (keepOpen && dashboardUrl != null) {
                    parent.err()
                            .println(
                                    "quant cluster-demo: dashboard stays open at "
                                            + dashboardUrl
                                            + " (Ctrl-C to stop the cluster)");
                    parent.err().flush();
                    graceful.latch().await();
                }
                return equal ? 0 : 1;
            }
        }
    }

    /** The cluster's dashboard as a process of its own; answers its address. */
    private String startDashboard(Path base, String bootstrap, Path config) throws Exception {
        Path log = base.resolve("dashboard.log");
        Process d =
                child(
                        log,
                        "dashboard",
                        "--kafka",
                        bootstrap,
                        "--config",
                        config.toString(),
                        "--port",
                        Integer.toString(dashboardPort));
        String line = awaitLine(log, "dashboard of the cluster at ", d, Duration.ofSeconds(60));
        String url = line.substring(line.indexOf("http://")).strip();
        say("dashboard %s (pid %d)", url, d.pid());
        return url;
    }

    /**
     * Fails at once, with the end of its log, when a worker stopped by itself (the one killed on
     * purpose aside): the others would wait for outputs that never come.
     */
    private void checkWorkers(Path base, List<Process> workerProcs, boolean killed)
            throws IOException {
        for (int i = 0; i < workerProcs.size(); i++) {
            boolean victim = killed && !noKill && i == (workers > 1 ? 1 : 0);
            if (!victim && !workerProcs.get(i).isAlive()) {
                Path log = base.resolve("worker-" + i + ".log");
                List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
                throw new UserException(
                        "worker "
                                + i
                                + " stopped (exit "
                                + workerProcs.get(i).exitValue()
                                + "); the end of "
                                + log
                                + ":\n"
                                + String.join(
                                        "\n",
                                        lines.subList(
                                                Math.max(0, lines.size() - 30), lines.size())));
            }
        }
    }

    private void say(String format, Object... args) {
        parent.err().println("quant cluster-demo: " + String.format(format, args));
    }

    private static <T> Map<String, List<T>> byKey(List<T> all, Function<T, String> key) {
        Map<String, List<T>> m = new TreeMap<>();
        for (T t : all) {
            m.computeIfAbsent(key.apply(t), k -> new ArrayList<>()).add(t);
        }
        return m;
    }

    /** A {@code quant} subcommand in a process of its own (this JVM's java, flags and jar). */
    private Process child(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-agentlib") && !a.startsWith("-javaagent")) {
                cmd.add(a);
            }
        }
        // their temporary files (lz4's native library, which a killed process cannot delete) go
        // with the demo's directory
        Path tmp = Files.createDirectories(log.getParent().resolve("tmp"));
        cmd.add("-Djava.io.tmpdir=" + tmp);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(QuantCli.class.getName());
        cmd.addAll(List.of(args));
        Process p =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        children.add(p);
        return p;
    }

    /** Waits until the child's log has a line holding {@code text}; answers that line. */
    private String awaitLine(Path log, String text, Process p, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            checkStop();
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log)) {
                    if (line.contains(text)) {
                        return line;
                    }
                }
            }
            if (!p.isAlive()) {
                throw new UserException(
                        "a child process stopped (" + log + "): " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        throw new UserException("a child process did not start in " + timeout + ": see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The output topics, read committed, recorded in lists. */
    private static final class Outputs {
        final List<Bar> bars = new ArrayList<>();
        final List<String> snapshots = new ArrayList<>();
        final List<Alert> alerts = new ArrayList<>();

        TopicOutputs open(String bootstrap) {
            return new TopicOutputs(
                    bootstrap,
                    "quant-cluster-demo-check",
                    List.of("bars", "snapshots", "alerts"),
                    bars::add,
                    (pair, s) -> snapshots.add(pair + " " + s),
                    alerts::add);
        }
    }

    /** The demo's analytics: quant run's format. */
    private static final String PIPELINE =
            """
            {
              "source": {"type": "files", "files": []},
              "symbols": ["BTCUSDT", "ETHUSDT"],
              "timeframes": ["1s", "1m"],
              "operators": [{"name": "z60", "type": "zscore", "window": 60}],
              "pairs": [
                {"a": "BTCUSDT", "b": "ETHUSDT", "hedge": "rolling-ols", "hedgeWindow": 120, "zWindow": 60},
                {"a": "ETHUSDT", "b": "BTCUSDT", "hedge": "kalman", "zWindow": 30}
              ],
              "rules": [
                {"name": "z-out", "metric": "zScore", "pair": "BTCUSDT/ETHUSDT", "condition": "OUTSIDE",
                 "lower": -2, "upper": 2, "hysteresis": 0.5},
                {"name": "btc-z60", "metric": "z60", "symbol": "BTCUSDT", "condition": "CROSSES",
                 "threshold": 0, "cooldown": "10s"}
              ]
            }
            """;
}
