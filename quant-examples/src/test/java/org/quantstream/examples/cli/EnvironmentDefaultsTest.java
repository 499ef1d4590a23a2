package org.quantstream.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quantstream.core.testkit.TestData;

class EnvironmentDefaultsTest {
    @TempDir Path dir;

    private static String[] run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
                QuantCli.run(
                        args,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        env);
        return new String[] {
            Integer.toString(code),
            out.toString(StandardCharsets.UTF_8),
            err.toString(StandardCharsets.UTF_8)
        };
    }

    @Test
    void shouldTakeAnyOptionFromItsEnvironmentVariableAndLetTheCommandLineWin() {
        assertThat(QuantCli.envName("--ws-url")).isEqualTo("QUANT_WS_URL");
        String btc = TestData.file(TestData.BTC_2024_08_08).toString();
        String eth = TestData.file(TestData.ETH_2024_08_08).toString();
        // a required option (--a, --b have none; --store of store info is required)
        Path store = dir.resolve("store");
        assertThat(run(Map.of(), "import", "--store", store.toString(), btc)[0]).isEqualTo("0");
        String[] info = run(Map.of("QUANT_STORE", store.toString()), "store", "info", "--json");
        assertThat(info[0]).as(info[2]).isEqualTo("0");
        assertThat(info[1]).contains("\"BTCUSDT\"");
        // a default: 10-second bars from the environment, 1-second ones from the command line
        Map<String, String> env = Map.of("QUANT_TIMEFRAME", "10s", "QUANT_A", btc, "QUANT_B", eth);
        String[] tens = run(env, "pair");
        assertThat(tens[0]).as(tens[2]).isEqualTo("0");
        String[] ones = run(env, "pair", "--timeframe", "1s");
        assertThat(tens[1].lines().count()).isLessThan(40).isGreaterThan(30);
        assertThat(ones[1].lines().count()).isEqualTo(344);
    }
}
