package org.quantstream.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line as a newcomer meets it: help everywhere, readable errors, honest exits. */
class NewcomerTest {
    /** Every command and subcommand path, e.g. {@code [store, info]}. */
    private static void paths(CommandLine cmd, List<String> prefix, List<List<String>> out) {
        for (var e : cmd.getSubcommands().entrySet()) {
            if (e.getValue().getCommandSpec().helpCommand()) {
                continue;
            }
            List<String> p = new ArrayList<>(prefix);
            p.add(e.getKey());
            out.add(p);
            paths(e.getValue(), p, out);
        }
    }

    @Test
    void shouldPrintUsageAndExitZeroForHelpOnEveryCommandAndSubcommand() {
        List<List<String>> all = new ArrayList<>();
        paths(QuantCli.commandLine(System.out, System.err), List.of(), all);
        assertThat(all).hasSizeGreaterThanOrEqualTo(20);
        for (List<String> path : all) {
            for (String flag : List.of("--help", "-h")) {
                List<String> args = new ArrayList<>(path);
                args.add(flag);
                CliRunner r = CliRunner.run(args.toArray(new String[0]));
                assertThat(r.exitCode).as(args + "\n" + r).isZero();
                assertThat(r.out).as(args.toString()).contains("Usage: quant " + path.get(0));
            }
        }
    }

    @Test
    void shouldNameTheValidChoicesOfAnEnumOption() {
        CliRunner r = CliRunner.run("hedge", "--y", "y.csv", "--x", "x.csv", "--method", "foo");
        assertThat(r.exitCode).isEqualTo(2);
        assertThat(r.err)
                .contains(
                        "unknown method 'foo'; valid: ols, huber, tls, kalman, rolling-ols,"
                                + " recursive-ols")
                .doesNotContain("No enum constant");
        CliRunner s =
                CliRunner.run("rolling", "--input", "a.csv", "--stat", "avg", "--window", "3");
        assertThat(s.err).contains("unknown statistic 'avg'; valid: mean, std");
        CliRunner upper =
                CliRunner.run("hedge", "--y", "y.csv", "--x", "x.csv", "--method", "Rolling-OLS");
        assertThat(upper.err).as("case does not matter").doesNotContain("unknown method");
    }

    @Test
    void shouldRejectABadSpeedBeforeStartingAnything() {
        CliRunner r = CliRunner.run("demo", "--speed", "-1", "--dashboard-port", "0");
        assertThat(r.exitCode).as(r.toString()).isEqualTo(2);
        assertThat(r.err).contains("--speed must be a number > 0, was -1.0");
        assertThat(r.err).as("no dashboard started").doesNotContain("dashboard http");
    }

    @Test
    void shouldFailACollectorThatNeverConnected() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort(); // closed again: every connection is refused
        }
        java.nio.file.Path out = java.nio.file.Files.createTempFile("collect", ".csv");
        try {
            CliRunner r =
                    CliRunner.run(
                            "collect",
                            "--symbols",
                            "btcusdt",
                            "--ws-url",
                            "ws://127.0.0.1:" + port,
                            "--rest-url",
                            "http://127.0.0.1:" + port,
                            "--out",
                            out.toString(),
                            "--duration",
                            "2s");
            assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
            assertThat(r.err).contains("collect: never connected to ws://127.0.0.1:" + port);
            assertThat(r.out).as("the summary still printed").contains("\"connectFailures\"");
        } finally {
            java.nio.file.Files.deleteIfExists(out);
        }
    }

    @Test
    @org.junit.jupiter.api.Tag("faults")
    void shouldNotCallARunThatEndedWhileConnectingAFailure(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        // a server that accepts the connection and never answers the handshake: the first attempt
        // is still under way at the deadline, as on a loaded machine with a short --duration (it
        // once failed with "never connected ... (0 connection attempts failed)")
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0)) {
            List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor =
                    new Thread(
                            () -> {
                                try {
                                    while (true) {
                                        held.add(silent.accept());
                                    }
                                } catch (java.io.IOException closed) {
                                    // the test is over
                                }
                            });
            acceptor.start();
            String url = "ws://127.0.0.1:" + silent.getLocalPort();
            CliRunner r =
                    CliRunner.run(
                            "collect",
                            "--symbols",
                            "btcusdt",
                            "--ws-url",
                            url,
                            "--rest-url",
                            "http://127.0.0.1:" + silent.getLocalPort(),
                            "--out",
                            dir.resolve("btc.csv").toString(),
                            "--duration",
                            "1s");
            assertThat(held).as("the collector was connecting").isNotEmpty();
            assertThat(r.exitCode).as(r.toString()).isZero();
            assertThat(r.err).doesNotContain("never connected");
            for (java.net.Socket s : held) {
                s.close();
            }
        }
    }
}
