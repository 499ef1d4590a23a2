package org.quantstream.examples.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.quantstream.feed.binance.BinanceSimulator;
import org.quantstream.feed.binance.SimulatorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code quant simulate}: the local Binance-format exchange. */
@Command(
        name = "simulate",
        description =
                "Serve recorded trades as a local Binance USD-M market-data server on 127.0.0.1"
                        + " (WebSocket streams and REST), with optional fault injection. Runs until interrupted.")
final class SimulateCommand implements Callable<Integer> {
    @ParentCommand private QuantCli parent;

    @Option(names = "--port", defaultValue = "0", description = "Port (default: a free one).")
    private int port;

    @Option(
            names = "--data",
            required = true,
            arity = "1..*",
            paramLabel = "FILE",
            description = "Recorded trade files.")
    private List<Path> data = new ArrayList<>();

    @Option(
            names = "--speed",
            defaultValue = "1",
            description = "Replay speed factor (default: ${DEFAULT-VALUE}).")
    private double speed;

    @Option(
            names = "--stream",
            defaultValue = "aggTrade",
            description = "aggTrade or trade (both are always served).")
    private String stream;

    @Option(
            names = "--disconnect-every",
            defaultValue = "0",
            paramLabel = "N",
            description = "Close each connection after N messages.")
    private int disconnectEvery;

    @Option(
            names = "--stall-after",
            defaultValue = "0",
            paramLabel = "N",
            description = "Stall a connection after N messages.")
    private int stallAfter;

    @Option(
            names = "--stall-for",
            defaultValue = "30s",
            converter = DurationConverter.class,
            paramLabel = "DUR",
            description = "Stall length.")
    private Duration stallFor;

    @Option(
            names = "--garbage-every",
            defaultValue = "0",
            paramLabel = "N",
            description = "Send a malformed frame every N messages.")
    private int garbageEvery;

    @Option(
            names = "--duplicate-on-reconnect",
            defaultValue = "0",
            paramLabel = "N",
            description = "Resend the last N messages after a reconnect.")
    private int duplicateOnReconnect;

    @Option(
            names = "--lifetime",
            defaultValue = "24h",
            converter = DurationConverter.class,
            paramLabel = "DUR",
            description = "Connection lifetime.")
    private Duration lifetime;

    @Override
    public Integer call() throws Exception {
        SimulatorConfig cfg =
                SimulatorConfig.builder()
                        .data(data)
                        .port(port)
                        .speed(speed)
                        .disconnectEvery(disconnectEvery)
                        .stall(stallAfter, stallFor)
                        .garbageEvery(garbageEvery)
                        .duplicateOnReconnect(duplicateOnReconnect)
                        .lifetime(lifetime)
                        .build();
        CountDownLatch stop = new CountDownLatch(1);
        try (BinanceSimulator sim = BinanceSimulator.start(cfg)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            List<String> trades = new ArrayList<>();
            List<String> quotes = new ArrayList<>();
            for (String s : sim.symbols()) {
                String lower = s.toLowerCase(Locale.ROOT);
                if (sim.aggTradeCount(s) > 0) {
                    trades.add(lower + "@" + stream);
                }
                if (sim.quoteCount(s) > 0) {
                    quotes.add(lower + "@bookTicker");
                }
            }
            if (!trades.isEmpty()) {
                parent.out()
                        .println(
                                "ws   "
                                        + sim.wsUrl()
                                        + "/market/stream?streams="
                                        + String.join("/", trades));
            }
            if (!quotes.isEmpty()) {
                parent.out()
                        .println(
                                "ws   "
                                        + sim.wsUrl()
                                        + "/public/stream?streams="
                                        + String.join("/", quotes));
            }
            String first = sim.symbols().isEmpty() ? "BTCUSDT" : sim.symbols().get(0);
            parent.out()
                    .println(
                            "rest "
                                    + sim.restUrl()
                                    + "/fapi/v1/aggTrades?symbol="
                                    + first
                                    + "&fromId=1");
            parent.out().flush();
            stop.await();
        }
        return 0;
    }
}
