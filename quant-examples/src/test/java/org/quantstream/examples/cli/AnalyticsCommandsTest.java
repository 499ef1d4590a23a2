package org.quantstream.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quantstream.core.testkit.Close.close;
import static org.quantstream.core.testkit.Oracle.doubles;
import static org.quantstream.core.testkit.Oracle.load;
import static org.quantstream.core.testkit.Oracle.num;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * quant stats, hedge and rolling on the oracle's case a written to CSV files, against statsmodels
 * and pandas.
 */
class AnalyticsCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode A = load("a_cointegrated_pair");

    @TempDir Path dir;
    private Path xFile;
    private Path yFile;
    private Path spreadFile;

    @BeforeEach
    void writeInputs() throws Exception {
        double[] x = doubles(A.path("inputs").path("x"));
        double[] y = doubles(A.path("inputs").path("y"));
        double[] s = doubles(A.path("spread").path("values"));
        StringBuilder bx = new StringBuilder("open_time,close\n");
        StringBuilder by = new StringBuilder("open_time,close\n");
        StringBuilder bs = new StringBuilder("value\n");
        for (int i = 0; i < x.length; i++) {
            long t = 1_700_000_000_000L + i * 60_000L;
            bx.append(t).append(',').append(x[i]).append('\n');
            by.append(t).append(',').append(y[i]).append('\n');
            bs.append(s[i]).append('\n');
        }
        xFile = Files.writeString(dir.resolve("x.csv"), bx);
        yFile = Files.writeString(dir.resolve("y.csv"), by);
        spreadFile = Files.writeString(dir.resolve("spread.csv"), bs);
    }

    @Test
    void shouldPrintStatsmodelsOlsAsJson() throws Exception {
        CliRunner r =
                CliRunner.run(
                        "hedge",
                        "--y",
                        yFile.toString(),
                        "--x",
                        xFile.toString(),
                        "--method",
                        "ols",
                        "--json");
        assertThat(r.exitCode).as(r.toString()).isZero();
        JsonNode out = JSON.readTree(r.out);
        JsonNode sm = A.path("ols_y_on_const_x").path("statsmodels");
        close(out.path("beta").asDouble(), num(sm.path("params").get(1)), 1e-12, 0, "beta");
        close(out.path("alpha").asDouble(), num(sm.path("params").get(0)), 1e-12, 0, "alpha");
        close(out.path("betaStdErr").asDouble(), num(sm.path("bse").get(1)), 1e-12, 0, "se");
        close(out.path("rSquared").asDouble(), num(sm.path("rsquared")), 1e-12, 0, "r2");
        assertThat(out.path("n").asLong()).isEqualTo(2000);
        for (String k :
                List.of(
                        "alphaTStat",
                        "betaTStat",
                        "alphaPValue",
                        "betaPValue",
                        "adjRSquared",
                        "fStat")) {
            assertThat(out.has(k)).as(k).isTrue();
        }
    }

    @Test
    void shouldPrintHuberTlsAndKalmanAndWriteTheKalmanSeries() throws Exception {
        JsonNode huber =
                JSON.readTree(
                        CliRunner.run(
                                        "hedge",
                                        "--y",
                                        yFile.toString(),
                                        "--x",
                                        xFile.toString(),
                                        "--method",
                                        "huber",
                                        "--json")
                                .out);
        assertThat(huber.path("iterations").asInt()).isEqualTo(14);
        close(
                huber.path("beta").asDouble(),
                num(A.path("huber_rlm").path("statsmodels_defaults").path("params").get(1)),
                0,
                1e-9,
                "huber");
        JsonNode tls =
                JSON.readTree(
                        CliRunner.run(
                                        "hedge",
                                        "--y",
                                        yFile.toString(),
                                        "--x",
                                        xFile.toString(),
                                        "--method",
                                        "tls",
                                        "--json")
                                .out);
        close(
                tls.path("beta").asDouble(),
                num(A.path("tls_orthogonal").path("exact_mpmath").path("slope")),
                1e-12,
                0,
                "tls");
        Path series = dir.resolve("kalman.csv");
        CliRunner k =
                CliRunner.run(
                        "hedge",
                        "--y",
                        yFile.toString(),
                        "--x",
                        xFile.toString(),
                        "--method",
                        "kalman",
                        "--series",
                        series.toString(),
                        "--json");
        assertThat(k.exitCode).as(k.toString()).isZero();
        JsonNode chan = A.path("kalman").path("outputs").path("chan_P0_zero");
        close(
                JSON.readTree(k.out).path("beta").asDouble(),
                num(chan.path("slope").get(1999)),
                1e-10,
                0,
                "kalman final beta");
        List<String> lines = Files.readAllLines(series);
        assertThat(lines.get(0)).isEqualTo("time,x,y,alpha,beta,spread,e,sqrt_q");
        assertThat(lines).hasSize(2001);
        close(
                Double.parseDouble(lines.get(100).split(",")[4]),
                num(chan.path("slope").get(99)),
                1e-12,
                0,
                "kalman beta[99]");
        CliRunner rolling =
                CliRunner.run(
                        "hedge",
                        "--y",
                        yFile.toString(),
                        "--x",
                        xFile.toString(),
                        "--method",
                        "rolling-ols",
                        "--json");
        assertThat(rolling.exitCode).isEqualTo(1);
        assertThat(rolling.err).contains("needs --window");
    }

    @Test
    void shouldWriteRollingZScoreEqualToPandasWithTheStatInTheLastColumn() throws Exception {
        CliRunner r =
                CliRunner.run(
                        "rolling",
                        "--input",
                        spreadFile.toString(),
                        "--stat",
                        "zscore",
                        "--window",
                        "20");
        assertThat(r.exitCode).as(r.toString()).isZero();
        List<String> lines = r.out.lines().toList();
        assertThat(lines.get(0)).isEqualTo("value,zscore");
        assertThat(lines).hasSize(2001);
        assertThat(lines.get(19)).endsWith(",");
        double[] pandas = doubles(A.path("rolling_zscore_window20").path("pandas"));
        for (int i = 19; i < 2000; i++) {
            String[] cells = lines.get(i + 1).split(",");
            close(Double.parseDouble(cells[cells.length - 1]), pandas[i], 0, 1e-10, "z[" + i + "]");
        }
        CliRunner corr =
                CliRunner.run(
                        "rolling",
                        "--y",
                        yFile.toString(),
                        "--x",
                        xFile.toString(),
                        "--stat",
                        "corr",
                        "--window",
                        "50");
        assertThat(corr.exitCode).as(corr.toString()).isZero();
        List<String> c = corr.out.lines().toList();
        assertThat(c.get(0)).isEqualTo("time,x,y,corr");
        double[] ref = doubles(A.path("rolling_corr_window50").path("levels_two_pass"));
        String[] last = c.get(2000).split(",");
        close(Double.parseDouble(last[3]), ref[1999], 0, 1e-12, "corr");
        CliRunner wrong =
                CliRunner.run(
                        "rolling",
                        "--input",
                        spreadFile.toString(),
                        "--stat",
                        "corr",
                        "--window",
                        "5");
        assertThat(wrong.exitCode).isEqualTo(1);
        assertThat(wrong.err).contains("needs --y and --x");
    }

    @Test
    void shouldPrintDescriptiveStatisticsInPandasConventions() throws Exception {
        CliRunner r = CliRunner.run("stats", "--input", xFile.toString(), "--json");
        assertThat(r.exitCode).as(r.toString()).isZero();
        JsonNode out = JSON.readTree(r.out);
        JsonNode ref = load("e_descriptive_stats").path("price").path("exact_reference");
        assertThat(out.path("n").asLong()).isEqualTo(2000);
        close(out.path("mean").asDouble(), num(ref.path("mean")), 1e-14, 0, "mean");
        close(out.path("std").asDouble(), num(ref.path("std_ddof1")), 1e-13, 0, "std");
        close(out.path("skew").asDouble(), num(ref.path("skew_unbiased_G1")), 1e-11, 0, "skew");
        close(
                out.path("kurtosis").asDouble(),
                num(ref.path("kurt_excess_unbiased_G2")),
                1e-11,
                0,
                "kurt");
        for (String k : List.of("median", "min", "max")) {
            assertThat(out.has(k)).isTrue();
        }
    }

    @Test
    void shouldNameTheCellOfABadValueAndTheMissingColumn() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "time,close\n1,10\n2,ten\n");
        CliRunner r = CliRunner.run("stats", "--input", bad.toString());
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.err.strip())
                .isEqualTo("quant stats: " + bad + ":3:3: close \"ten\" is not a number");
        CliRunner missing = CliRunner.run("stats", "--input", bad.toString(), "--column", "volume");
        assertThat(missing.err).contains("no column \"volume\"; the columns are time, close");
        Path shortFile = Files.writeString(dir.resolve("short.csv"), "value\n1\n2\n");
        CliRunner mismatch =
                CliRunner.run(
                        "hedge",
                        "--y",
                        shortFile.toString(),
                        "--x",
                        spreadFile.toString(),
                        "--method",
                        "ols");
        assertThat(mismatch.exitCode).isEqualTo(1);
        assertThat(mismatch.err)
                .contains(shortFile + ": has 2 rows and " + spreadFile + " has 2000")
                .contains("share no time column");
    }

    @Test
    void shouldGiveAnEmptyWindowAroundAMissingValueAsPandasOrSkipItWhenAsked() throws Exception {
        Path f = Files.writeString(dir.resolve("gap.csv"), "time,value\n1,1\n2,\n3,3\n4,4\n5,5\n");
        CliRunner pandas =
                CliRunner.run(
                        "rolling", "--input", f.toString(), "--stat", "mean", "--window", "2");
        // pandas: pd.Series([1, nan, 3, 4, 5]).rolling(2).mean() -> nan, nan, nan, 3.5, 4.5
        assertThat(pandas.out.lines())
                .containsExactly(
                        "time,value,mean", "1,1.0,", "2,,", "3,3.0,", "4,4.0,3.5", "5,5.0,4.5");
        CliRunner skip =
                CliRunner.run(
                        "rolling",
                        "--input",
                        f.toString(),
                        "--stat",
                        "mean",
                        "--window",
                        "2",
                        "--missing",
                        "skip");
        assertThat(skip.out.lines())
                .containsExactly(
                        "time,value,mean", "1,1.0,", "2,,", "3,3.0,2.0", "4,4.0,3.5", "5,5.0,4.5");
        CliRunner bad =
                CliRunner.run(
                        "rolling",
                        "--input",
                        f.toString(),
                        "--stat",
                        "mean",
                        "--window",
                        "2",
                        "--missing",
                        "drop");
        assertThat(bad.exitCode).isEqualTo(2);
        assertThat(bad.err).contains("unknown missing-value policy 'drop'; valid: nan, skip");
    }

    @Test
    void shouldRefuseValuesWhoseSquaresOverflowOrUnderflowInEveryCommand() throws Exception {
        for (String v : new String[] {"1e300", "-1e61", "1e-300"}) {
            Path f = Files.writeString(dir.resolve("huge.csv"), "value\n1\n2\n" + v + "\n4\n");
            String[][] commands = {
                {"stats", "--input", f.toString()},
                {"adf", "--input", f.toString()},
                {"halflife", "--input", f.toString()},
                {"rolling", "--input", f.toString(), "--stat", "std", "--window", "2"},
                {"hedge", "--y", f.toString(), "--x", f.toString(), "--method", "ols"},
            };
            for (String[] c : commands) {
                CliRunner r = CliRunner.run(c);
                assertThat(r.exitCode).as(String.join(" ", c)).isEqualTo(1);
                assertThat(r.err)
                        .as(String.join(" ", c))
                        .contains(f + ":4:1: value " + v + " is outside the magnitudes")
                        .contains("rescale the data");
            }
        }
    }

    @Test
    void shouldGiveTheSameSkewAndKurtosisAtEveryScale() throws Exception {
        double[] base = {1, 2, 3, 4, 10, 7, 2.5};
        JsonNode reference = null;
        for (double scale : new double[] {1, 1e-12, 1e-40, 1e40}) {
            StringBuilder b = new StringBuilder("value\n");
            for (double v : base) {
                b.append(v * scale).append('\n');
            }
            Path f = Files.writeString(dir.resolve("scaled.csv"), b);
            JsonNode m =
                    JSON.readTree(CliRunner.run("stats", "--input", f.toString(), "--json").out);
            if (reference == null) {
                reference = m;
                // scipy.stats.skew(base, bias=False) = 1.02880..., kurtosis(bias=False) = 0.57...
                // (pandas)
                assertThat(m.get("skew").asDouble()).isGreaterThan(1);
                continue;
            }
            for (String k : new String[] {"skew", "kurtosis", "skewBiased", "kurtosisBiased"}) {
                assertThat(m.get(k).asDouble())
                        .as(k + " at scale " + scale)
                        .isCloseTo(
                                reference.get(k).asDouble(),
                                org.assertj.core.data.Offset.offset(1e-9));
            }
        }
        Path constant =
                Files.writeString(dir.resolve("const.csv"), "value\n3e-12\n3e-12\n3e-12\n3e-12\n");
        JsonNode c =
                JSON.readTree(CliRunner.run("stats", "--input", constant.toString(), "--json").out);
        assertThat(c.get("skew").asDouble()).isZero();
        assertThat(c.get("kurtosis").asDouble()).isZero();
    }

    @Test
    void shouldNameTheFileAndLinesInEveryAnalysisError() throws Exception {
        Path dup =
                Files.writeString(
                        dir.resolve("dup.csv"), "open_time,close\n1,1\n2,2\n2,2.5\n3,3\n");
        CliRunner r =
                CliRunner.run(
                        "hedge", "--y", dup.toString(), "--x", xFile.toString(), "--method", "ols");
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.err.strip())
                .isEqualTo(
                        "quant hedge: "
                                + dup
                                + ":4:1: time 2 repeats line 3; aligning two series needs one row per"
                                + " time");

        Path withNan = Files.writeString(dir.resolve("nan.csv"), "close\n1\n2\nNaN\n4\n");
        CliRunner h =
                CliRunner.run(
                        "hedge",
                        "--y",
                        withNan.toString(),
                        "--x",
                        withNan.toString(),
                        "--method",
                        "ols");
        assertThat(h.err.strip())
                .isEqualTo(
                        "quant hedge: "
                                + withNan
                                + ":4: close is missing; hedge needs a value on every row");

        CliRunner directory = CliRunner.run("stats", "--input", dir.toString());
        assertThat(directory.err.strip())
                .isEqualTo("quant stats: " + dir + ": is a directory, expected a CSV file");

        Path tiny = Files.writeString(dir.resolve("tiny.csv"), "close\n1\n3\n2\n");
        CliRunner adf = CliRunner.run("adf", "--input", tiny.toString());
        assertThat(adf.exitCode).isEqualTo(1);
        assertThat(adf.err).startsWith("quant adf: " + tiny + ": ").contains("too few");
    }

    @Test
    void shouldPrintAdfAsStatsmodelsAndRunItRolling() throws Exception {
        CliRunner r =
                CliRunner.run(
                        "adf",
                        "--input",
                        spreadFile.toString(),
                        "--regression",
                        "c",
                        "--autolag",
                        "aic",
                        "--json");
        assertThat(r.exitCode).as(r.toString()).isZero();
        JsonNode out = JSON.readTree(r.out);
        JsonNode ref = A.path("adf_on_spread").path("c_AIC");
        close(out.path("statistic").asDouble(), num(ref.path("adfstat")), 0, 1e-9, "stat");
        close(out.path("pValue").asDouble(), num(ref.path("pvalue")), 1e-9, 0, "p");
        assertThat(out.path("usedLag").asInt()).isEqualTo(ref.path("usedlag").asInt());
        assertThat(out.path("nobs").asInt()).isEqualTo(ref.path("nobs").asInt());
        close(
                out.path("criticalValues").path("5%").asDouble(),
                num(ref.path("critvalues").path("5%")),
                1e-12,
                0,
                "5%");
        close(out.path("icBest").asDouble(), num(ref.path("icbest")), 1e-10, 0, "icbest");

        CliRunner rolling =
                CliRunner.run(
                        "adf",
                        "--input",
                        spreadFile.toString(),
                        "--rolling",
                        "--window",
                        "100",
                        "--regression",
                        "c",
                        "--autolag",
                        "none",
                        "--maxlag",
                        "1");
        assertThat(rolling.exitCode).as(rolling.toString()).isZero();
        List<String> lines = rolling.out.lines().toList();
        assertThat(lines.get(0)).isEqualTo("value,statistic,pValue,usedLag,nobs,crit5");
        assertThat(lines).hasSize(2001);
        assertThat(lines.get(99)).endsWith(",,,,");
        String[] first = lines.get(100).split(",");
        double[] s = doubles(A.path("spread").path("values"));
        org.quantstream.core.stationarity.AdfResult batch =
                org.quantstream.core.stationarity.Adf.test(
                        java.util.Arrays.copyOf(s, 100),
                        org.quantstream.core.stationarity.Trend.C,
                        org.quantstream.core.stationarity.Autolag.NONE,
                        1);
        close(Double.parseDouble(first[1]), batch.statistic(), 0, 1e-9, "first rolling window");
        JsonNode first100 = A.path("adf_on_spread").path("first100_c_maxlag4_None");
        CliRunner r100 =
                CliRunner.run(
                        "adf",
                        "--input",
                        spreadFile.toString(),
                        "--rolling",
                        "--window",
                        "100",
                        "--autolag",
                        "none",
                        "--maxlag",
                        "4");
        close(
                Double.parseDouble(r100.out.lines().toList().get(100).split(",")[1]),
                num(first100.path("adfstat")),
                0,
                1e-9,
                "statsmodels on the first 100");
    }

    @Test
    void shouldPrintCointAndHalfLife() throws Exception {
        CliRunner c =
                CliRunner.run("coint", "--y", yFile.toString(), "--x", xFile.toString(), "--json");
        assertThat(c.exitCode).as(c.toString()).isZero();
        JsonNode out = JSON.readTree(c.out);
        JsonNode ref = A.path("engle_granger_coint_bonus");
        close(out.path("statistic").asDouble(), num(ref.path("tstat")), 0, 1e-9, "coint stat");
        close(out.path("pValue").asDouble(), num(ref.path("pvalue")), 1e-9, 0, "coint p");
        assertThat(out.has("beta")).isTrue();
        CliRunner h = CliRunner.run("halflife", "--input", spreadFile.toString(), "--json");
        assertThat(h.exitCode).as(h.toString()).isZero();
        assertThat(JSON.readTree(h.out).path("halfLife").asDouble()).isBetween(5.0, 10.0);
        StringBuilder explosive = new StringBuilder("value\n");
        double v = 1;
        for (int i = 0; i < 200; i++) {
            v = 1.02 * v + (i % 3) * 0.1;
            explosive.append(v).append('\n');
        }
        Path boom = Files.writeString(dir.resolve("explosive.csv"), explosive);
        CliRunner none = CliRunner.run("halflife", "--input", boom.toString());
        assertThat(none.exitCode).as(none.toString()).isEqualTo(1);
        assertThat(none.err).contains("does not revert to a mean");
    }
}
