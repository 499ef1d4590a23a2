package org.quantstream.examples.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
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
                        + " analytics, alerts, backtests, data; stays open until interrupted.")
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

    @Override
    public Integer call() throws Exception {
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
