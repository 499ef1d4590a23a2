package org.quantstream.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quantstream.core.io.ReferenceTickParser.Kind;
import org.quantstream.core.io.ReferenceTickParser.Outcome;
import org.quantstream.core.testkit.TestData;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.Tick;

/**
 * Mutates real lines of every tick format (seeded) and checks each against {@link
 * ReferenceTickParser}: a line the reference takes must be read with exactly its values, one it
 * refuses must be a bad line named by file, line and column, one it skips must be skipped; every
 * other class must stay at zero. The default build runs 120,000 mutated lines; the soak profile
 * runs 2,000,000 ({@code -Dfuzz.lines=N -Dfuzz.seed=S} to choose).
 */
class TickReaderFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @Test
    void shouldReadEveryMutatedLineAsTheReferenceDoes() throws IOException {
        run(Long.getLong("fuzz.seed", 20261206L), Integer.getInteger("fuzz.lines", 120_000));
    }

    @Test
    @Tag("soak")
    void shouldReadTwoMillionMutatedLinesAsTheReferenceDoes() throws IOException {
        run(
                Long.getLong("fuzz.seed", System.nanoTime()),
                Integer.getInteger("fuzz.lines", 2_000_000));
    }

    private void run(long seed, int mutatedLines) throws IOException {
        System.out.println("fuzz seed " + seed + ", " + mutatedLines + " mutated lines");
        Sources sources = sources();
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Long> report = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int perFormat = mutatedLines / sources.byFormat.size();
        int fileNo = 0;
        for (Map.Entry<TickFormat, List<String>> e : sources.byFormat.entrySet()) {
            TickFormat format = e.getKey();
            List<String> lines = e.getValue();
            int done = 0;
            while (done < perFormat) {
                int n = Math.min(2_000, perFormat - done);
                done += fuzzFile(format, lines, n, random, fileNo++, report, failures);
            }
        }
        System.out.println("fuzz report " + report);
        report.forEach(
                (k, v) -> {
                    if (!k.endsWith("rejected with file:line:column")
                            && !k.endsWith("accepted with the right value")
                            && !k.endsWith("skipped as another event")
                            && !k.endsWith("lines")) {
                        failures.add(0, k + ": " + v);
                    }
                });
        assertThat(failures).as("seed " + seed).isEmpty();
        assertThat(report.get("all: rejected with file:line:column"))
                .isGreaterThan(mutatedLines / 4);
        assertThat(report.get("all: accepted with the right value"))
                .isGreaterThan(mutatedLines / 10);
    }

    /**
     * Writes one file of {@code n} mutated lines after a pristine first line, reads it, compares.
     */
    private int fuzzFile(
            TickFormat format,
            List<String> sourceLines,
            int n,
            SplittableRandom random,
            int fileNo,
            Map<String, Long> report,
            List<String> failures)
            throws IOException {
        Symbol fallback = Symbol.of("BTCUSDT");
        List<String> lines = new ArrayList<>();
        String header = header(format);
        if (header != null) {
            lines.add(header);
        }
        lines.add(sourceLines.get(0));
        int mutated = 0;
        while (mutated < n) {
            String line = sourceLines.get(random.nextInt(sourceLines.size()));
            if (random.nextInt(4) > 0) {
                line = Mutator.mutate(line, random);
                mutated++;
            }
            if (line.isBlank()) {
                continue;
            }
            lines.add(line);
        }
        Path file = dir.resolve("BTCUSDT-fuzz-" + fileNo + ".txt");
        Files.write(file, lines, StandardCharsets.UTF_8);

        Map<Long, InputFormatException> bad = new HashMap<>();
        Map<Long, Tick> ticks = new HashMap<>();
        try (TickReader reader =
                TickReader.open(
                        file, ReadOptions.defaults().withSkipBad(ex -> bad.put(ex.line(), ex)))) {
            assertThat(reader.format()).isEqualTo(format);
            MutableTick t = new MutableTick();
            while (reader.next(t)) {
                ticks.put(reader.lineNumber(), Tick.copyOf(t));
            }
        }
        String fileName = file.toString();
        for (int i = header == null ? 0 : 1; i < lines.size(); i++) {
            long lineNo = i + 1;
            String line = lines.get(i);
            Outcome expected = ReferenceTickParser.parse(format, line, fallback);
            Tick got = ticks.get(lineNo);
            InputFormatException error = bad.get(lineNo);
            String cls;
            if (expected.kind() == Kind.TICK) {
                if (got == null) {
                    cls = error != null ? "valid line rejected" : "valid line skipped";
                } else {
                    cls =
                            got.equals(expected.tick())
                                    ? "accepted with the right value"
                                    : "accepted with a wrong value";
                }
            } else if (expected.kind() == Kind.BAD) {
                if (error != null) {
                    boolean named =
                            error.getMessage().startsWith(fileName + ":" + lineNo + ":")
                                    && error.column() > 0
                                    && error.column() <= line.length() + 1;
                    cls = named ? "rejected with file:line:column" : "rejected without a column";
                } else {
                    cls = got != null ? "bad line accepted" : "bad line skipped silently";
                }
            } else {
                cls =
                        got == null && error == null
                                ? "skipped as another event"
                                : "skip not skipped";
            }
            report.merge("all: " + cls, 1L, Long::sum);
            report.merge(format + ": " + cls, 1L, Long::sum);
            if (!cls.equals("rejected with file:line:column")
                    && !cls.equals("accepted with the right value")
                    && !cls.equals("skipped as another event")
                    && failures.stream().filter(f -> f.startsWith(cls)).count() < 6) {
                failures.add(
                        cls
                                + " ["
                                + format
                                + "] line "
                                + line
                                + " -> reader "
                                + (got != null ? got : error != null ? error.getMessage() : "skip")
                                + ", reference "
                                + expected);
            }
        }
        report.merge("all: lines", (long) lines.size(), Long::sum);
        return mutated;
    }

    private static String header(TickFormat format) {
        switch (format) {
            case BINANCE_TRADES_CSV:
            case BINANCE_AGGTRADES_CSV:
            case QUANT_CSV:
                return org.quantstream.core.io.internal.CsvLineParser.header(format);
            default:
                return null;
        }
    }

    /** Source lines per format, all from the real recordings. */
    private static final class Sources {
        final Map<TickFormat, List<String>> byFormat = new java.util.LinkedHashMap<>();
    }

    private static Sources sources() throws IOException {
        Sources s = new Sources();
        List<String> recorded = new ArrayList<>();
        for (String name :
                List.of(
                        TestData.BTC_2024_08_08,
                        TestData.BTC_2024_07_18,
                        TestData.BTC_MIXED,
                        TestData.AGGTRADE_CAPTURE)) {
            try (BufferedReader in =
                    org.quantstream.core.io.internal.TextFiles.open(TestData.file(name))) {
                String line;
                int kept = 0;
                while ((line = in.readLine()) != null && kept < 3_000) {
                    if (!line.isBlank()) {
                        recorded.add(line);
                        kept++;
                    }
                }
            }
        }
        // the pristine first line decides the format: a trade recording
        recorded.add(0, recorded.remove(firstTrade(recorded)));
        s.byFormat.put(TickFormat.BINANCE_RECORDING, recorded);

        List<String> payloads = new ArrayList<>();
        List<String> trades = new ArrayList<>();
        List<String> aggTrades = new ArrayList<>();
        List<Tick> ticks = new ArrayList<>();
        for (String line : recorded) {
            if (line.startsWith("ws")) {
                continue;
            }
            JsonNode top = JSON.readTree(line.substring(line.indexOf(' ') + 1));
            JsonNode data = top.has("data") ? top.get("data") : top;
            payloads.add(JSON.writeValueAsString(data));
            if (!"trade".equals(data.path("e").asText())
                    || !"BTCUSDT".equals(data.path("s").asText())) {
                continue;
            }
            String p = data.get("p").asText();
            String q = data.get("q").asText();
            long id = data.get("t").asLong();
            String quote = new BigDecimal(p).multiply(new BigDecimal(q)).toPlainString();
            trades.add(
                    id
                            + ","
                            + p
                            + ","
                            + q
                            + ","
                            + quote
                            + ","
                            + data.get("T").asLong()
                            + ","
                            + data.get("m").asBoolean());
            aggTrades.add(
                    id
                            + ","
                            + p
                            + ","
                            + q
                            + ","
                            + id * 3
                            + ","
                            + (id * 3 + 2)
                            + ","
                            + data.get("T").asLong()
                            + ","
                            + data.get("m").asBoolean());
        }
        payloads.add(0, payloads.remove(firstTrade(payloads)));
        s.byFormat.put(TickFormat.BINANCE_JSON, payloads);
        s.byFormat.put(TickFormat.BINANCE_TRADES_CSV, trades);
        s.byFormat.put(TickFormat.BINANCE_AGGTRADES_CSV, aggTrades);
        try (TickReader reader =
                TickReader.open(TestData.file(TestData.BTC_2024_08_08), ReadOptions.defaults())) {
            MutableTick t = new MutableTick();
            while (reader.next(t) && ticks.size() < 3_000) {
                ticks.add(Tick.copyOf(t));
            }
        }
        s.byFormat.put(TickFormat.QUANT_CSV, written(ticks, TickFormat.QUANT_CSV));
        s.byFormat.put(TickFormat.QUANT_JSONL, written(ticks, TickFormat.QUANT_JSONL));
        return s;
    }

    private static int firstTrade(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"e\":\"trade\"")) {
                return i;
            }
        }
        throw new IllegalStateException("no trade line");
    }

    private static List<String> written(List<Tick> ticks, TickFormat format) throws IOException {
        StringWriter out = new StringWriter();
        try (TickWriter w = TickWriter.open(out, format)) {
            for (Tick t : ticks) {
                w.write(t);
            }
        }
        List<String> lines = new ArrayList<>(List.of(out.toString().split("\n")));
        if (format == TickFormat.QUANT_CSV) {
            lines.remove(0); // the header; the test writes it first itself
        }
        return lines;
    }

    /** Seeded mutations of one line: the damage a disk, a pipe or a hand edit does. */
    static final class Mutator {
        private static final String PALETTE =
                "0123456789.-+eE,:\"{}[] \tabcdxfnNT\u0000\u0007\u0663\u00a0\u200bx";
        private static final String[] TOKENS = {
            "NaN",
            "Infinity",
            "-1",
            "0",
            "1e400",
            "0x1p3",
            "1.0d",
            "2f",
            "999999999999999999999",
            "9223372036854775807",
            "-0",
            "1e-400",
            "true",
            "null",
            "\"\"",
            "1723161256",
            "5",
            "1723161256322000000000",
            "٣"
        };

        static String mutate(String line, SplittableRandom r) {
            StringBuilder b = new StringBuilder(line);
            int edits = 1 + (r.nextInt(5) == 0 ? r.nextInt(3) : 0);
            for (int k = 0; k < edits && b.length() > 1; k++) {
                int at = r.nextInt(b.length());
                switch (r.nextInt(7)) {
                    case 0:
                        b.setCharAt(at, PALETTE.charAt(r.nextInt(PALETTE.length())));
                        break;
                    case 1:
                        b.deleteCharAt(at);
                        break;
                    case 2:
                        b.insert(at, PALETTE.charAt(r.nextInt(PALETTE.length())));
                        break;
                    case 3:
                        {
                            int len = 1 + r.nextInt(Math.min(12, b.length() - at));
                            b.insert(at, b.substring(at, at + len));
                            break;
                        }
                    case 4:
                        replaceToken(b, r);
                        break;
                    case 5:
                        if (at < b.length() - 1 && Character.isDigit(b.charAt(at))) {
                            b.setCharAt(at, (char) ('0' + r.nextInt(10)));
                        } else {
                            b.setLength(Math.max(1, at));
                        }
                        break;
                    default:
                        b.setCharAt(at, Character.toUpperCase(b.charAt(at)));
                        break;
                }
            }
            String s = b.toString();
            return s.replace('\n', ' ').replace('\r', ' ');
        }

        /** Replaces one value (between separators) with a hostile token. */
        private static void replaceToken(StringBuilder b, SplittableRandom r) {
            int at = r.nextInt(b.length());
            int start = at;
            while (start > 0 && ",:\" ".indexOf(b.charAt(start - 1)) < 0) {
                start--;
            }
            int end = at;
            while (end < b.length() && ",}\" ".indexOf(b.charAt(end)) < 0) {
                end++;
            }
            b.replace(start, end, TOKENS[r.nextInt(TOKENS.length)]);
        }
    }
}
