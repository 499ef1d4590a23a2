package org.quantstream.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quantstream.core.testkit.Oracle;
import org.quantstream.core.testkit.TestData;

/** {@code quant backtest} on the real tapes against SPEC §13's reference, and its sweeps. */
class BacktestCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] METRICS = {
        "trades",
        "wins",
        "winRate",
        "totalNetPnl",
        "totalFees",
        "grossProfit",
        "grossLoss",
        "profitFactor",
        "avgTrade",
        "avgBarsHeld",
        "exposure",
        "finalEquity",
        "totalReturn",
        "maxDrawdown",
        "maxDrawdownValue",
        "sharpe",
        "sortino",
        "calmar",
        "annualizedReturn"
    };
    private static final String[] REFERENCE_KEYS = {
        "trades",
        "wins",
        "win_rate",
        "total_net_pnl",
        "total_fees",
        "gross_profit",
        "gross_loss",
        "profit_factor",
        "avg_trade",
        "avg_bars_held",
        "exposure",
        "final_equity",
        "total_return",
        "max_drawdown",
        "max_drawdown_value",
        "sharpe",
        "sortino",
        "calmar",
        "annualized_return"
    };

    @TempDir Path dir;

    private static String btc() {
        return TestData.file(TestData.BTC_2024_08_08).toString();
    }

    private static String eth() {
        return TestData.file(TestData.ETH_2024_08_08).toString();
    }

    private static JsonNode reference(String name) {
        for (JsonNode b : Oracle.load("g_pair_backtest").path("backtests")) {
            if (b.path("name").asText().equals(name)) {
                return b;
            }
        }
        throw new AssertionError(name);
    }

    private static void sameMetrics(JsonNode mine, JsonNode ref) {
        for (int i = 0; i < METRICS.length; i++) {
            JsonNode e = ref.path(REFERENCE_KEYS[i]);
            JsonNode a = mine.path(METRICS[i]);
            double want = Oracle.num(e);
            if (!Double.isFinite(want)) {
                assertThat(a.isNull()).as(METRICS[i] + " is null for " + want).isTrue();
            } else {
                assertThat(a.asDouble())
                        .as(METRICS[i])
                        .isCloseTo(want, within(1e-9 * Math.max(1, Math.abs(want))));
            }
        }
    }

    @Test
    void shouldReproduceTheReferenceBacktestWithItsDefaults() throws Exception {
        Path trades = dir.resolve("trades.csv");
        Path equity = dir.resolve("equity.csv");
        CliRunner r =
                CliRunner.run(
                        "backtest",
                        "--a",
                        btc(),
                        "--b",
                        eth(),
                        "--trades",
                        trades.toString(),
                        "--equity",
                        equity.toString(),
                        "--json");
        assertThat(r.exitCode).as(r.toString()).isZero();
        JsonNode out = JSON.readTree(r.out);
        JsonNode ref = reference("base_next_fill_costs");
        assertThat(out.path("pair").asText()).isEqualTo("BTCUSDT/ETHUSDT");
        List<String> names = new ArrayList<>();
        out.path("metrics").fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly(METRICS);
        sameMetrics(out.path("metrics"), ref.path("metrics"));
        List<String> lines = Files.readAllLines(trades);
        assertThat(lines.get(0))
                .isEqualTo(
                        "trade,side,entry_time,exit_time,entry_z,exit_z,beta,qty_a,qty_b,"
                                + "entry_price_a,entry_price_b,exit_price_a,exit_price_b,fees,"
                                + "gross_pnl,net_pnl,return,bars_held,reason");
        JsonNode refTrades = ref.path("trades");
        assertThat(lines).hasSize(refTrades.size() + 1);
        assertThat(out.path("trades")).hasSize(refTrades.size());
        String[] cols = lines.get(0).split(",");
        for (int k = 0; k < refTrades.size(); k++) {
            String[] f = lines.get(k + 1).split(",");
            JsonNode json = out.path("trades").get(k);
            for (int c = 0; c < cols.length; c++) {
                JsonNode e = refTrades.get(k).path(cols[c]);
                if (e.isNumber()) {
                    double want = e.asDouble();
                    double tol = 1e-9 * Math.max(1, Math.abs(want));
                    assertThat(Double.parseDouble(f[c])).as(cols[c]).isCloseTo(want, within(tol));
                    assertThat(json.path(cols[c]).asDouble())
                            .as(cols[c])
                            .isCloseTo(want, within(tol));
                } else {
                    assertThat(f[c]).as(cols[c]).isEqualTo(e.asText());
                    assertThat(json.path(cols[c]).asText()).isEqualTo(e.asText());
                }
            }
        }
        List<String> eq = Files.readAllLines(equity);
        assertThat(eq.get(0)).isEqualTo("open_time,equity,drawdown,return,position");
        JsonNode refEq = ref.path("equity");
        assertThat(eq).hasSize(refEq.size() + 1);
        long[] times = new long[refEq.size()];
        for (int i = 0; i < refEq.size(); i++) {
            String[] f = eq.get(i + 1).split(",");
            times[i] = Long.parseLong(f[0]);
            assertThat(times[i])
                    .isEqualTo(
                            Oracle.load("g_pair_backtest")
                                    .path("inputs")
                                    .path("time_ms")
                                    .get(i)
                                    .asLong());
            assertThat(Double.parseDouble(f[1])).isCloseTo(refEq.get(i).asDouble(), within(1e-6));
            assertThat(Integer.parseInt(f[4])).isEqualTo(ref.path("position").get(i).asInt());
        }
    }

    @Test
    void shouldRunTheCostlessCloseFillCaseFromTheOptions() throws Exception {
        CliRunner r =
                CliRunner.run(
                        "backtest",
                        "--a",
                        btc(),
                        "--b",
                        eth(),
                        "--fee-bps",
                        "0",
                        "--slippage-bps",
                        "0",
                        "--fill",
                        "close",
                        "--json");
        assertThat(r.exitCode).as(r.toString()).isZero();
        sameMetrics(
                JSON.readTree(r.out).path("metrics"),
                reference("costless_close_fill").path("metrics"));
        CliRunner s =
                CliRunner.run(
                        "backtest",
                        "--a",
                        btc(),
                        "--b",
                        eth(),
                        "--stop",
                        "3",
                        "--max-hold",
                        "60",
                        "--json");
        assertThat(s.exitCode).as(s.toString()).isZero();
        sameMetrics(
                JSON.readTree(s.out).path("metrics"), reference("stop3_maxhold60").path("metrics"));
    }

    @Test
    void shouldSweepEveryCombinationInParallelRankedAndMatchingSingleRuns() throws Exception {
        Path table = dir.resolve("sweep.csv");
        CliRunner r =
                CliRunner.run(
                        "backtest",
                        "--a",
                        btc(),
                        "--b",
                        eth(),
                        "--sweep",
                        "entry=1.5:2.5:0.5",
                        "--sweep",
                        "z-window=30,60",
                        "--sweep",
                        "stop=3,inf",
                        "--threads",
                        "2",
                        "--rank",
                        "totalNetPnl",
                        "--output",
                        table.toString());
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.err).contains("sweep");
        List<String> lines = Files.readAllLines(table);
        assertThat(lines).hasSize(1 + 12);
        assertThat(lines.get(0)).startsWith("entry,z-window,stop,trades,wins,winRate,totalNetPnl,");
        int pnl = List.of(lines.get(0).split(",")).indexOf("totalNetPnl");
        double previous = Double.POSITIVE_INFINITY;
        boolean seenDefault = false;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            double v = Double.parseDouble(f[pnl]);
            assertThat(v).as("ranked, best first").isLessThanOrEqualTo(previous);
            previous = v;
            if (f[0].equals("2.0") && f[1].equals("60") && f[2].equals("Infinity")) {
                seenDefault = true;
                assertThat(v)
                        .as("the sweep's run with the defaults equals the single run")
                        .isCloseTo(
                                reference("base_next_fill_costs")
                                        .path("metrics")
                                        .path("total_net_pnl")
                                        .asDouble(),
                                within(1e-9));
            }
        }
        assertThat(seenDefault).isTrue();
        CliRunner j =
                CliRunner.run(
                        "backtest", "--a", btc(), "--b", eth(), "--sweep", "stop=3,inf", "--json");
        assertThat(j.exitCode).as(j.toString()).isZero();
        JsonNode doc = JSON.readTree(j.out);
        assertThat(doc.path("rank").asText()).isEqualTo("sharpe");
        assertThat(doc.path("runs")).hasSize(2);
        // null (JSON has no infinity) for the stop of the run without one
        assertThat(doc.path("runs").findValues("stop").stream().anyMatch(JsonNode::isNull))
                .isTrue();
    }

    @Test
    void shouldWalkForwardChoosingOnTrainingWindowsOnly() throws Exception {
        Path trades = dir.resolve("oos.csv");
        CliRunner r =
                CliRunner.run(
                        "backtest",
                        "--a",
                        btc(),
                        "--b",
                        eth(),
                        "--hedge-window",
                        "60",
                        "--z-window",
                        "30",
                        "--sweep",
                        "entry=1.5:2.5:0.5",
                        "--sweep",
                        "exit=0,0.5",
                        "--walk-forward",
                        "2m/1m",
                        "--rank",
                        "totalNetPnl",
                        "--trades",
                        trades.toString(),
                        "--json");
        assertThat(r.exitCode).as(r.toString()).isZero();
        JsonNode doc = JSON.readTree(r.out);
        JsonNode windows = doc.path("windows");
        // 2024-08-08 23:54:16 to 00:00:00: a test minute after each two training minutes
        assertThat(windows).hasSize(4);
        double net = 0;
        int trades0 = 0;
        long previousTo = -1;
        for (JsonNode w : windows) {
            assertThat(w.path("testFrom").asLong() - w.path("trainFrom").asLong())
                    .isEqualTo(120_000);
            if (previousTo >= 0) {
                assertThat(w.path("testFrom").asLong()).isEqualTo(previousTo);
            }
            previousTo = w.path("testTo").asLong();
            assertThat(w.path("chosen").path("entry").asDouble()).isIn(1.5, 2.0, 2.5);
            assertThat(w.path("chosen").path("exit").asDouble()).isIn(0.0, 0.5);
            net += w.path("test").path("totalNetPnl").asDouble();
            trades0 += w.path("test").path("trades").asInt();
        }
        assertThat(doc.path("metrics").path("totalNetPnl").asDouble()).isCloseTo(net, within(1e-9));
        assertThat(doc.path("trades")).hasSize(trades0);
        long firstTest = windows.get(0).path("testFrom").asLong();
        for (JsonNode t : doc.path("trades")) {
            assertThat(t.path("entry_time").asLong())
                    .as("out of sample only")
                    .isGreaterThan(firstTest);
        }
        assertThat(Files.readAllLines(trades)).hasSize(trades0 + 1);
        String[][] bad = {
            {"--walk-forward", "2m", "--walk-forward: expected TRAIN/TEST, e.g. 3m/1m, was 2m"},
            {"--walk-forward", "10m/1m", "is not longer than one training window"},
        };
        for (String[] c : bad) {
            CliRunner e =
                    CliRunner.run(
                            "backtest",
                            "--a",
                            btc(),
                            "--b",
                            eth(),
                            "--sweep",
                            "entry=2,3",
                            c[0],
                            c[1]);
            assertThat(e.exitCode).as(e.toString()).isEqualTo(1);
            assertThat(e.err).contains(c[2]);
        }
        CliRunner none =
                CliRunner.run("backtest", "--a", btc(), "--b", eth(), "--walk-forward", "2m/1m");
        assertThat(none.err)
                .contains("--walk-forward needs parameters to choose from: give --sweep");
    }

    @Test
    void shouldWriteASelfContainedReportAndPngCharts() throws Exception {
        Path html = dir.resolve("report.html");
        Path png = dir.resolve("png");
        CliRunner r =
                CliRunner.run(
                        "backtest",
                        "--a",
                        btc(),
                        "--b",
                        eth(),
                        "--stop",
                        "3",
                        "--report",
                        html.toString(),
                        "--png",
                        png.toString());
        assertThat(r.exitCode).as(r.toString()).isZero();
        String page = Files.readString(html);
        assertThat(page)
                .contains("\"pair\":\"BTCUSDT/ETHUSDT\"")
                .contains("echarts") // the library inlined
                .doesNotContain("<script src=")
                .doesNotContain("/*DATA*/")
                .doesNotContain("/*ECHARTS*/");
        assertThat(page.length()).isGreaterThan(500_000);
        for (String name : new String[] {"equity.png", "drawdown.png", "spread_z.png"}) {
            java.awt.image.BufferedImage img =
                    javax.imageio.ImageIO.read(png.resolve(name).toFile());
            assertThat(img).as(name).isNotNull();
            assertThat(img.getWidth()).isEqualTo(1200);
            assertThat(img.getHeight()).isEqualTo(500);
            java.util.Set<Integer> colours = new java.util.HashSet<>();
            for (int x = 0; x < img.getWidth(); x += 3) {
                for (int y = 0; y < img.getHeight(); y += 3) {
                    colours.add(img.getRGB(x, y));
                }
            }
            assertThat(colours.size()).as(name + ": drawn, not blank").isGreaterThan(20);
        }
        CliRunner sweep =
                CliRunner.run(
                        "backtest",
                        "--a",
                        btc(),
                        "--b",
                        eth(),
                        "--sweep",
                        "entry=2,3",
                        "--report",
                        html.toString());
        assertThat(sweep.err)
                .contains("--report and --png describe one backtest: not with --sweep");
    }

    @Test
    void shouldNameTheMistake() {
        String[][] cases = {
            {
                "--sweep",
                "entr=1,2",
                "--sweep entr=1,2: expected NAME=VALUES with NAME one of entry"
            },
            {
                "--sweep",
                "entry=3:1:0.5",
                "--sweep entry=3:1:0.5: expected finite from <= to and step > 0"
            },
            {"--sweep", "z-window=30.5", "--sweep z-window: expected whole numbers, got 30.5"},
            {"--sweep", "exit=1,3", "--sweep: exit=3.0: exit must be < entry (2.0), was 3.0"},
            {"--rank", "luck", "--rank: unknown metric 'luck'; valid: sharpe, sortino"},
            {"--stop", "big", "'big' is not a number or inf"},
            {"--fill", "later", "unknown fill 'later'; valid: NEXT, CLOSE"},
            {"--entry", "0", "entry must be > 0, was 0.0"},
        };
        for (String[] c : cases) {
            CliRunner r = CliRunner.run("backtest", "--a", btc(), "--b", eth(), c[0], c[1]);
            assertThat(r.exitCode).as(r.toString()).isNotZero();
            assertThat(r.err).as(String.join(" ", c)).contains(c[2]);
        }
    }
}
