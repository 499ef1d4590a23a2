package org.quantstream.examples.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs {@link QuantCli} in-process and keeps what it printed. */
final class CliRunner {
    final int exitCode;
    final String out;
    final String err;

    private CliRunner(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    static CliRunner run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code =
                    QuantCli.run(
                            args, o, e, java.util.Map.of()); // no QUANT_* defaults from the shell
        }
        return new CliRunner(
                code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * The arguments of {@code quant collect} for BTCUSDT from a simulator, followed by the rest.
     */
    static String[] collectArgs(org.quantstream.feed.binance.BinanceSimulator sim, String... rest) {
        String[] head = {
            "collect", "--symbols", "btcusdt", "--ws-url", sim.wsUrl(), "--rest-url", sim.restUrl()
        };
        String[] all = java.util.Arrays.copyOf(head, head.length + rest.length);
        System.arraycopy(rest, 0, all, head.length, rest.length);
        return all;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
}
