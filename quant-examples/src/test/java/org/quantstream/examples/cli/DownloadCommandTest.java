package org.quantstream.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quantstream.core.io.ReadOptions;
import org.quantstream.core.io.TickReader;
import org.quantstream.core.testkit.TestData;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Tick;
import org.quantstream.store.chronicle.ChronicleTickStore;

/**
 * {@code quant download} against a data.binance.vision tree served on 127.0.0.1 by the test, built
 * from the bundled real tapes (daily and monthly zips of trades CSV, each with its CHECKSUM): one
 * day corrupt, one day not published, one day served slowly and cut half way, one answering 503
 * once. Checks what is downloaded, resumed, retried, refused and deleted, that a second run fetches
 * nothing it has, and that the imported store holds exactly the tapes' trades of those days.
 */
class DownloadCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOT = "/data/futures/um/";

    @TempDir Path dir;

    private HttpServer server;
    private ExecutorService pool;
    private final Map<String, byte[]> site = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> corrupt = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> cutOnce = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failOnce = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> stallOnce = new ConcurrentHashMap<>();
    private volatile boolean stallOver;

    /** Ticks of the tapes per symbol and UTC day. */
    private final Map<String, List<Tick>> byDay = new TreeMap<>();

    @BeforeEach
    void serve() throws IOException {
        for (String tape :
                List.of(
                        TestData.BTC_2024_07_18,
                        TestData.ETH_2024_07_18,
                        TestData.BTC_2024_08_08,
                        TestData.ETH_2024_08_08)) {
            MutableTick t = new MutableTick();
            try (TickReader r = TickReader.open(TestData.file(tape), ReadOptions.defaults())) {
                while (r.next(t)) {
                    LocalDate day =
                            Instant.ofEpochSecond(0, t.eventTimeNanos())
                                    .atZone(ZoneOffset.UTC)
                                    .toLocalDate();
                    byDay.computeIfAbsent(t.symbol().name() + ' ' + day, k -> new ArrayList<>())
                            .add(Tick.copyOf(t));
                }
            }
        }
        Map<String, List<Tick>> byMonth = new TreeMap<>();
        byDay.forEach(
                (k, ticks) -> {
                    String[] p = k.split(" ");
                    publish(ROOT + "daily/trades/" + p[0] + '/' + p[0] + "-trades-" + p[1], ticks);
                    byMonth.computeIfAbsent(
                                    p[0] + ' ' + p[1].substring(0, 7), m -> new ArrayList<>())
                            .addAll(ticks);
                });
        byMonth.forEach(
                (k, ticks) -> {
                    String[] p = k.split(" ");
                    publish(
                            ROOT + "monthly/trades/" + p[0] + '/' + p[0] + "-trades-" + p[1],
                            ticks);
                });
        pool = Executors.newFixedThreadPool(8);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        pool.shutdownNow();
    }

    @Test
    void shouldDownloadVerifyResumeRetryAndRefuseAsTheSiteAnswers() throws Exception {
        String btc18 = ROOT + "daily/trades/BTCUSDT/BTCUSDT-trades-2024-07-18.zip";
        String eth18 = ROOT + "daily/trades/ETHUSDT/ETHUSDT-trades-2024-07-18.zip";
        String eth19 = ROOT + "daily/trades/ETHUSDT/ETHUSDT-trades-2024-07-19.zip";
        cutOnce.put(btc18, new AtomicInteger());
        failOnce.put(eth18, new AtomicInteger());
        byte[] bad = site.get(eth19).clone();
        bad[bad.length / 2] ^= 0x55;
        corrupt.put(eth19, bad);
        Path store = dir.resolve("store");
        Path files = dir.resolve("files");

        CliRunner first = download(files, store);

        // one failure: exit 1, nothing imported, the bad file deleted
        assertThat(first.exitCode).as(first.toString()).isEqualTo(1);
        JsonNode s = JSON.readTree(first.out);
        assertThat(s.get("files").asInt()).isEqualTo(6);
        assertThat(s.get("downloaded").asInt()).isEqualTo(3);
        assertThat(s.get("present").asInt()).isZero();
        assertThat(s.get("missing").toString())
                .contains("BTCUSDT-trades-2024-07-20.zip", "ETHUSDT-trades-2024-07-20.zip");
        assertThat(s.get("failed")).hasSize(1);
        assertThat(s.get("failed").get(0).get("error").asText())
                .contains("ETHUSDT-trades-2024-07-19.zip: checksum mismatch")
                .contains("the file was deleted");
        assertThat(s.get("import").isNull()).isTrue();
        assertThat(first.err)
                .contains("nothing imported: 1 file(s) failed")
                .contains(
                        "not published (yet): data/futures/um/daily/trades/BTCUSDT/BTCUSDT-trades-2024-07-20.zip");
        Path eth19Local = files.resolve(eth19.substring(1));
        assertThat(eth19Local).doesNotExist();
        assertThat(eth19Local.resolveSibling(eth19Local.getFileName() + ".part")).doesNotExist();
        assertThat(store).doesNotExist();
        // the cut transfer was continued where it stopped, not restarted; the 503 was retried
        assertThat(ranges).hasSize(1);
        assertThat(ranges.get(0)).startsWith(btc18 + " bytes=").doesNotContain("bytes=0-");
        assertThat(hits.get(eth18).get()).isEqualTo(2);
        for (String f : List.of(btc18, eth18)) {
            Path local = files.resolve(f.substring(1));
            assertThat(local).hasBinaryContent(site.get(f));
            assertThat(local.resolveSibling(local.getFileName() + ".CHECKSUM")).exists();
        }

        // the site repaired: a second run fetches only what is missing, then imports all
        corrupt.clear();
        Map<String, Integer> before = counts();
        CliRunner second = download(files, store);
        assertThat(second.exitCode).as(second.toString()).isZero();
        JsonNode s2 = JSON.readTree(second.out);
        assertThat(s2.get("downloaded").asInt()).isEqualTo(1);
        assertThat(s2.get("present").asInt()).isEqualTo(3);
        Map<String, Integer> after = counts();
        for (String f :
                List.of(
                        btc18,
                        eth18,
                        ROOT + "daily/trades/BTCUSDT/BTCUSDT-trades-2024-07-19.zip")) {
            assertThat(after.get(f)).as(f + " fetched again").isEqualTo(before.get(f));
        }
        long expected = 0;
        for (String k :
                List.of(
                        "BTCUSDT 2024-07-18",
                        "BTCUSDT 2024-07-19",
                        "ETHUSDT 2024-07-18",
                        "ETHUSDT 2024-07-19")) {
            expected += byDay.get(k).size();
        }
        assertThat(s2.get("import").get("appended").asLong()).isEqualTo(expected);
        List<Tick> stored = new ArrayList<>();
        try (ChronicleTickStore st = ChronicleTickStore.open(store)) {
            var cursor = st.cursor();
            MutableTick t = new MutableTick();
            while (cursor.next(t)) {
                stored.add(Tick.copyOf(t));
            }
            cursor.close();
        }
        List<Tick> want = new ArrayList<>();
        for (String k :
                List.of(
                        "BTCUSDT 2024-07-18",
                        "BTCUSDT 2024-07-19",
                        "ETHUSDT 2024-07-18",
                        "ETHUSDT 2024-07-19")) {
            for (Tick t : byDay.get(k)) {
                want.add(
                        new Tick(
                                t.symbol(),
                                t.eventTimeNanos(),
                                0,
                                t.tradeId(),
                                t.price(),
                                t.quantity(),
                                t.aggressor()));
            }
        }
        assertThat(stored).containsExactlyInAnyOrderElementsOf(want);

        // and again: nothing to fetch, nothing new to store
        CliRunner third = download(files, store);
        JsonNode s3 = JSON.readTree(third.out);
        assertThat(s3.get("present").asInt()).isEqualTo(4);
        assertThat(s3.get("import").get("appended").asLong()).isZero();
        assertThat(s3.get("import").get("duplicates").asLong()).isEqualTo(expected);
    }

    @Test
    void shouldTakeAWholeMonthAsOneFileAndReadItInPlace() throws Exception {
        Path files = dir.resolve("files");
        CliRunner r =
                CliRunner.run(
                        "download",
                        "--symbols",
                        "btcusdt,ethusdt",
                        "--from",
                        "2024-08-01",
                        "--to",
                        "2024-08-31",
                        "--base-url",
                        base(),
                        "--dir",
                        files.toString());
        assertThat(r.exitCode).as(r.toString()).isZero();
        JsonNode s = JSON.readTree(r.out);
        assertThat(s.get("files").asInt()).isEqualTo(2);
        String zip = s.get("paths").get(0).asText();
        String ethZip = s.get("paths").get(1).asText();
        assertThat(zip).endsWith("monthly/trades/BTCUSDT/BTCUSDT-trades-2024-08.zip");
        assertThat(ethZip).endsWith("monthly/trades/ETHUSDT/ETHUSDT-trades-2024-08.zip");
        // resample and pair take the zips as they take the tapes: the same bars, the same table
        String btcTape = TestData.file(TestData.BTC_2024_08_08).toString();
        String ethTape = TestData.file(TestData.ETH_2024_08_08).toString();
        CliRunner barsZip = CliRunner.run("resample", "--input", zip, "--timeframe", "1s");
        assertThat(barsZip.exitCode).as(barsZip.toString()).isZero();
        assertThat(barsZip.out.split("\n")).hasSizeGreaterThan(300);
        assertThat(barsZip.out)
                .isEqualTo(CliRunner.run("resample", "--input", btcTape, "--timeframe", "1s").out);
        CliRunner pairZip =
                CliRunner.run(
                        "pair", "--a", zip, "--b", ethZip, "--timeframe", "1s", "--format", "csv");
        assertThat(pairZip.exitCode).as(pairZip.toString()).isZero();
        assertThat(pairZip.out.split("\n")).hasSizeGreaterThan(300);
        assertThat(pairZip.out)
                .isEqualTo(
                        CliRunner.run(
                                        "pair",
                                        "--a",
                                        btcTape,
                                        "--b",
                                        ethTape,
                                        "--timeframe",
                                        "1s",
                                        "--format",
                                        "csv")
                                .out);
        // the zip is read in place, as the tape itself
        JsonNode fromZip =
                JSON.readTree(CliRunner.run("ticks", "--summary", "--json", "--input", zip).out);
        JsonNode fromTape =
                JSON.readTree(
                        CliRunner.run(
                                        "ticks",
                                        "--summary",
                                        "--json",
                                        "--input",
                                        TestData.file(TestData.BTC_2024_08_08).toString())
                                .out);
        JsonNode a = fromZip.get("symbols").get("BTCUSDT");
        JsonNode b = fromTape.get("symbols").get("BTCUSDT");
        for (String field :
                List.of(
                        "count",
                        "firstTradeId",
                        "lastTradeId",
                        "minPrice",
                        "maxPrice",
                        "volume",
                        "vwap")) {
            assertThat(a.get(field)).as(field).isEqualTo(b.get(field));
        }
    }

    @Test
    void shouldFallBackToDaysWhenAMonthIsNotPublishedAsAWhole() throws Exception {
        // July as a whole is not out (yet) for BTCUSDT: its days are
        String month = ROOT + "monthly/trades/BTCUSDT/BTCUSDT-trades-2024-07.zip";
        site.remove(month);
        site.remove(month + ".CHECKSUM");
        CliRunner r =
                CliRunner.run(
                        "download",
                        "--symbols",
                        "BTCUSDT",
                        "--from",
                        "2024-07-01",
                        "--to",
                        "2024-07-31",
                        "--base-url",
                        base(),
                        "--dir",
                        dir.resolve("f").toString(),
                        "--parallel",
                        "8");
        assertThat(r.exitCode).as(r.toString()).isZero();
        JsonNode s = JSON.readTree(r.out);
        assertThat(s.get("files").asInt()).isEqualTo(31);
        assertThat(s.get("downloaded").asInt()).isEqualTo(2); // the 18th and the 19th
        assertThat(s.get("missing")).hasSize(29);
        assertThat(hits.get(month + ".CHECKSUM").get()).isEqualTo(1);
        assertThat(s.get("paths").toString())
                .contains("BTCUSDT-trades-2024-07-18.zip", "BTCUSDT-trades-2024-07-19.zip");
    }

    @Test
    void shouldGiveUpOnASilentTransferAndContinueIt() throws Exception {
        String f = ROOT + "daily/trades/ETHUSDT/ETHUSDT-trades-2024-08-08.zip";
        stallOnce.put(f, new AtomicInteger());
        CliRunner r =
                CliRunner.run(
                        "download",
                        "--symbols",
                        "ETHUSDT",
                        "--from",
                        "2024-08-08",
                        "--period",
                        "daily",
                        "--base-url",
                        base(),
                        "--dir",
                        dir.resolve("f").toString(),
                        "--timeout",
                        "1s",
                        "--retry-delay",
                        "10ms");
        // the watchdog closed the silent transfer after 1 s; the server was still silent
        assertThat(stallOver).as("returned before the server's silence ended").isFalse();
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(JSON.readTree(r.out).get("downloaded").asInt()).isEqualTo(1);
        assertThat(ranges)
                .singleElement()
                .asString()
                .startsWith(f + " bytes=")
                .doesNotContain("bytes=0-");
        assertThat(dir.resolve("f").resolve(f.substring(1))).hasBinaryContent(site.get(f));
    }

    private CliRunner download(Path files, Path store) {
        return CliRunner.run(
                "download",
                "--symbols",
                "BTCUSDT,ETHUSDT",
                "--from",
                "2024-07-18",
                "--to",
                "2024-07-20",
                "--base-url",
                base(),
                "--dir",
                files.toString(),
                "--import",
                store.toString(),
                "--parallel",
                "3",
                "--retry-delay",
                "20ms",
                "--timeout",
                "5s");
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private Map<String, Integer> counts() {
        Map<String, Integer> m = new TreeMap<>();
        hits.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    /** A day or month of trades as data.binance.vision publishes it: a zip and its CHECKSUM. */
    private void publish(String path, List<Tick> ticks) {
        StringBuilder csv = new StringBuilder("id,price,qty,quote_qty,time,is_buyer_maker\n");
        for (Tick t : ticks) {
            BigDecimal p = BigDecimal.valueOf(t.price());
            BigDecimal q = BigDecimal.valueOf(t.quantity());
            csv.append(t.tradeId())
                    .append(',')
                    .append(p.toPlainString())
                    .append(',')
                    .append(q.toPlainString())
                    .append(',')
                    .append(p.multiply(q).toPlainString())
                    .append(',')
                    .append(t.eventTimeNanos() / 1_000_000)
                    .append(',')
                    .append(t.aggressor() == Side.SELL)
                    .append('\n');
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry(name + ".csv"));
            z.write(csv.toString().getBytes(StandardCharsets.US_ASCII));
            z.closeEntry();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] zip = bytes.toByteArray();
        site.put(path + ".zip", zip);
        try {
            String sha =
                    java.util.HexFormat.of()
                            .formatHex(
                                    java.security.MessageDigest.getInstance("SHA-256").digest(zip));
            site.put(
                    path + ".zip.CHECKSUM",
                    (sha + "  " + name + ".zip\n").getBytes(StandardCharsets.US_ASCII));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        hits.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
        byte[] body = corrupt.getOrDefault(path, site.get(path));
        try (ex) {
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            AtomicInteger fail = failOnce.get(path);
            if (fail != null && fail.getAndIncrement() == 0) {
                ex.sendResponseHeaders(503, -1);
                return;
            }
            String range = ex.getRequestHeaders().getFirst("Range");
            OutputStream out = ex.getResponseBody();
            if (range != null) {
                ranges.add(path + ' ' + range);
                int from = Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
                ex.getResponseHeaders()
                        .set(
                                "Content-Range",
                                "bytes " + from + '-' + (body.length - 1) + '/' + body.length);
                ex.sendResponseHeaders(206, body.length - from);
                out.write(body, from, body.length - from);
                return;
            }
            AtomicInteger stall = stallOnce.get(path);
            if (stall != null && stall.getAndIncrement() == 0) {
                // half, then silence with the connection open, longer than the client waits
                ex.sendResponseHeaders(200, body.length);
                out.write(body, 0, body.length / 2);
                out.flush();
                sleep(6_000);
                stallOver = true;
                return;
            }
            AtomicInteger cut = cutOnce.get(path);
            ex.sendResponseHeaders(200, body.length);
            if (cut != null && cut.getAndIncrement() == 0) {
                // slowly, then the connection drops half way
                int half = body.length / 2;
                for (int i = 0; i < 8; i++) {
                    out.write(body, i * half / 8, (i + 1) * half / 8 - i * half / 8);
                    out.flush();
                    sleep(40);
                }
                return; // closed short of Content-Length
            }
            out.write(body);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
