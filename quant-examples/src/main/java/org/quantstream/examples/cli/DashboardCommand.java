package org.quantstream.examples.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.quantstream.examples.dashboard.DashboardServer;
import org.quantstream.kafka.KafkaTickStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code quant dashboard}: the live web dashboard on a public {@link
 * org.quantstream.core.pipeline.Pipeline}, over the bundled tapes through the local simulator (the
 * default), over a live Binance feed collected into a store, or over an existing store; kept open
 * until interrupted.
 */
@Command(
        name = "dashboard",
        description =
                "The live web dashboard on 127.0.0.1: ticks from the local simulator (the bundled"
                        + " tapes, the default), Binance live (--source live) or a store"
                        + " (--source store, tailed: another process may collect into it) ->"
                        + " Chronicle store -> the pipeline the page configures -> charts, pair"
                        + " analytics, alerts, backtests, data; or, with --kafka, what a cluster's"
                        + " workers compute; stays open until interrupted.")
final class DashboardCommand implements Callable<Integer> {
    @ParentCommand private QuantCli parent;

    @Spec private CommandSpec spec;

    @Option(
            names = "--source",
            defaultValue = "simulator",
            paramLabel = "simulator|live|store",
            description = "Where the ticks come from (default: ${DEFAULT-VALUE}).")
    private DemoCommand.Source source;

    @Option(
            names = "--store",
            paramLabel = "DIR",
            description =
                    "The store: read (--source store) or collected into and kept (default: a"
                            + " temporary one, deleted on exit).")
    private Path store;

    @Option(
            names = "--symbols",
            split = ",",
            paramLabel = "S",
            description =
                    "Symbols to collect (live; default BTCUSDT,ETHUSDT) or show (store; default:"
                            + " all it holds). The first two are the page's first pair.")
    private List<String> symbols;

    @Option(
            names = "--ws-url",
            defaultValue = "wss://fstream.binance.com",
            description = "WebSocket base of --source live (default: ${DEFAULT-VALUE}).")
    private String wsUrl;

    @Option(
            names = "--rest-url",
            defaultValue = "https://fapi.binance.com",
            description = "REST base of --source live (default: ${DEFAULT-VALUE}).")
    private String restUrl;

    @Option(
            names = "--port",
            defaultValue = "" + DemoCommand.DASHBOARD_PORT,
            paramLabel = "P",
            description = "Port (default: ${DEFAULT-VALUE}; a free one if taken; 0 for any).")
    private int port;

    @Option(
            names = "--bind",
            defaultValue = "127.0.0.1",
            paramLabel = "ADDR",
            description =
                    "Address to serve on (default: ${DEFAULT-VALUE}, this machine only; another"
                            + " makes the page reachable without authentication: a warning is"
                            + " printed).")
    private String bind;

    @Option(
            names = "--speed",
            defaultValue = "1",
            description =
                    "Replay speed of the simulator (default: ${DEFAULT-VALUE}x, as recorded).")
    private double speed;

    @Option(
            names = "--kafka",
            paramLabel = "BOOTSTRAP",
            description =
                    "Show a cluster instead: what the workers (quant worker) write to the bars,"
                            + " snapshots and alerts topics on these brokers, read from their start."
                            + " Needs --config.")
    private String kafka;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "With --kafka: the workers' pipeline file (their symbols, pairs, rules).")
    private Path config;

    @Option(
            names = "--topics",
            split = ",",
            paramLabel = "TICKS,BARS,SNAPSHOTS,ALERTS",
            defaultValue = "ticks,bars,snapshots,alerts",
            description = "With --kafka: the topics (default: ${DEFAULT-VALUE}).")
    private List<String> topics;

    private void warnIfNotLoopback() throws java.net.UnknownHostException {
        java.net.InetAddress address = java.net.InetAddress.getByName(bind);
        if (!address.isLoopbackAddress()) {
            parent.err()
                    .println(
                            "warning: --bind "
                                    + bind
                                    + " serves the dashboard beyond this machine, without"
                                    + " authentication: anyone who reaches it can change its"
                                    + " pipeline and read its data");
        }
    }

    /**
     * The dashboard of a cluster: the workers' outputs read from the topics (no local feed, store
     * or pipeline), until interrupted.
     */
    private int runKafka() throws Exception {
        for (String local : List.of("--source", "--store", "--symbols", "--speed", "--ws-url")) {
            if (spec.commandLine().getParseResult().hasMatchedOption(local)) {
                throw new ParameterException(
                        spec.commandLine(),
                        local + " is for the one-process dashboard, not --kafka");
            }
        }
        if (config == null) {
            throw new ParameterException(
                    spec.commandLine(), "--kafka needs --config FILE (the workers' pipeline file)");
        }
        if (topics.size() != 4) {
            throw new ParameterException(
                    spec.commandLine(), "--topics needs 4 names: ticks,bars,snapshots,alerts");
        }
        warnIfNotLoopback();
        int code = QuantCli.INTERNAL_ERROR;
        GracefulStop graceful =
                new GracefulStop(
                        "quant-dashboard-stop", parent.out(), parent.err(), Duration.ofSeconds(20));
        try (DashboardServer d = DemoCommand.startDashboard(bind, port, parent.err());
                KafkaDashboard k =
                        new KafkaDashboard(kafka, topics.subList(1, 4), config, d, parent.out())) {
            k.serve();
            k.start();
            parent.err().println("dashboard of the cluster at " + kafka + " open at " + d.url());
            parent.err().flush();
            KafkaTickStore ticks = null;
            long before = -1;
            long at = System.nanoTime();
            while (!graceful.latch().await(500, TimeUnit.MILLISECONDS)) {
                long n = -1;
                try {
                    if (ticks == null) {
                        ticks = KafkaTickStore.open(kafka, topics.get(0));
                    }
                    n = ticks.count();
                } catch (RuntimeException e) {
                    // the brokers are away: the counters show "-" until they are back
                }
                long now = System.nanoTime();
                double rate = before < 0 || n < 0 ? 0 : (n - before) * 1e9 / (now - at);
                before = n;
                at = now;
                k.publishStats(n, rate);
            }
            if (ticks != null) {
                ticks.close();
            }
            long[] read = k.counts();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bars", read[0]);
            m.put("snapshots", read[1]);
            m.put("alerts", read[2]);
            Json.print(parent.out(), m);
            code = 0;
            return code;
        } finally {
            graceful.finish(code);
            graceful.close();
        }
    }

    @Override
    public Integer call() throws Exception {
        if (kafka != null) {
            return runKafka();
        }
        if (config != null) {
            throw new ParameterException(
                    spec.commandLine(), "--config is for --kafka (the workers' pipeline file)");
        }
        if (source == DemoCommand.Source.store && store == null) {
            throw new ParameterException(spec.commandLine(), "--source store needs --store DIR");
        }
        if (source == DemoCommand.Source.simulator && symbols != null) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--symbols is for --source live or store; the simulator plays BTCUSDT and"
                            + " ETHUSDT");
        }
        if (source == DemoCommand.Source.live && symbols == null) {
            symbols = List.of("BTCUSDT", "ETHUSDT");
        }
        if (symbols != null && symbols.size() < 2) {
            throw new ParameterException(
                    spec.commandLine(), "--symbols needs at least two (the page's pair)");
        }
        warnIfNotLoopback();
        return new DemoCommand(
                        parent,
                        spec,
                        speed,
                        port,
                        new DemoCommand.Launch(
                                source,
                                store,
                                symbols == null
                                        ? null
                                        : symbols.stream().map(String::strip).toList(),
                                wsUrl,
                                restUrl,
                                bind))
                .call();
    }
}
