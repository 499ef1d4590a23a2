package org.quantstream.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quant import} killed with SIGKILL half way through its appends, as a user's machine may
 * kill it: the store keeps only whole records, contiguous from the first trade id, and the same
 * import run again completes it, every trade once.
 */
class ImportKillIT {
    private static final int ROWS = 1_500_000;
    private static final long FIRST_ID = 5_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @Test
    void shouldLeaveOnlyWholeRecordsWhenKilledAndCompleteWhenRunAgain() throws Exception {
        Path csv = dir.resolve("BTCUSDT-trades-2024-07-18.csv");
        write(csv);
        Path store = dir.resolve("store");
        List<String> cmd = javaJar("import", "--store", store.toString(), csv.toString());
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        // the progress bar appears when the appends start (after every line was validated)
        try (BufferedReader err =
                new BufferedReader(
                        new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null && !line.startsWith("import")) {
                // validation: nothing stored yet
            }
            assertThat(line).as("the append phase started").isNotNull();
            Thread.sleep(300);
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(p.exitValue()).as("killed").isEqualTo(137);

        JsonNode killed = info(store);
        long stored = killed.path("count").asLong();
        assertThat(stored).as("killed half way").isPositive().isLessThan(ROWS);
        assertThat(killed.path("firstTradeId").asLong()).isEqualTo(FIRST_ID);
        assertThat(killed.path("lastTradeId").asLong()).isEqualTo(FIRST_ID + stored - 1);
        assertThat(killed.path("gaps").asLong()).isZero();

        Result again =
                run(javaJar("import", "--json", "--store", store.toString(), csv.toString()));
        assertThat(again.code).as(again.err).isZero();
        JsonNode summary = JSON.readTree(again.out);
        assertThat(summary.path("duplicates").asLong()).isEqualTo(stored);
        assertThat(summary.path("appended").asLong()).isEqualTo(ROWS - stored);
        JsonNode done = info(store);
        assertThat(done.path("count").asLong()).isEqualTo(ROWS);
        assertThat(done.path("lastTradeId").asLong()).isEqualTo(FIRST_ID + ROWS - 1);
        assertThat(done.path("gaps").asLong()).isZero();
    }

    private static void write(Path csv) throws Exception {
        String[] prices = {"64000.1", "64000.2", "63999.9", "64000.15"};
        String[] qtys = {"0.001", "0.25", "1.5", "0.004"};
        String[] rows = new String[16];
        for (int i = 0; i < 16; i++) {
            BigDecimal p = new BigDecimal(prices[i % 4]);
            BigDecimal q = new BigDecimal(qtys[i / 4]);
            rows[i] = "," + p + "," + q + "," + p.multiply(q).toPlainString() + ",";
        }
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.US_ASCII)) {
            w.write("id,price,qty,quote_qty,time,is_buyer_maker\n");
            for (int i = 0; i < ROWS; i++) {
                w.write(Long.toString(FIRST_ID + i));
                w.write(rows[i & 15]);
                w.write(Long.toString(1_721_260_800_000L + i / 10));
                w.write((i & 1) == 0 ? ",true\n" : ",false\n");
            }
        }
    }

    private static JsonNode info(Path store) throws Exception {
        Result r = run(javaJar("store", "info", "--store", store.toString(), "--json"));
        assertThat(r.code).as(r.err).isZero();
        return JSON.readTree(r.out).path("symbols").path("BTCUSDT");
    }

    private static List<String> javaJar(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-jar");
        cmd.add(System.getProperty("quant.jar"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private record Result(int code, String out, String err) {}

    private static Result run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        var out =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        var err =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out.get(), err.get());
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
