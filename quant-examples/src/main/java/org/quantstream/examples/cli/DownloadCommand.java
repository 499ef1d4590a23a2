package org.quantstream.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import me.tongfei.progressbar.ProgressBar;
import org.quantstream.core.io.ReadOptions;
import org.quantstream.core.util.Futures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code quant download}: Binance USD-M futures history from data.binance.vision, verified,
 * resumable, in parallel, optionally imported into a store.
 */
@Command(
        name = "download",
        description =
                "Download Binance USD-M futures history (trades, aggTrades or klines) from data.binance.vision:"
                        + " monthly files for whole months and daily ones for the rest (--period auto), each checked"
                        + " against its .CHECKSUM (SHA-256) before use; files already here and verified are skipped,"
                        + " partial ones continued (HTTP Range); 5xx, timeouts and cut transfers are retried with"
                        + " backoff; a 404 is reported as not published (yet). Prints a JSON summary on stdout. The"
                        + " zips are read in place by every command (no unzip).")
final class DownloadCommand implements Callable<Integer> {
    @ParentCommand private QuantCli parent;

    @Option(
            names = "--symbols",
            required = true,
            split = ",",
            paramLabel = "S",
            description = "Symbols, comma-separated (BTCUSDT,ETHUSDT).")
    private List<String> symbols;

    @Option(
            names = "--type",
            defaultValue = "trades",
            paramLabel = "T",
            description = "trades, aggTrades or klines (default: ${DEFAULT-VALUE}).")
    private String type;

    @Option(
            names = "--interval",
            defaultValue = "1m",
            paramLabel = "I",
            description = "The klines interval (1m, 5m, 1h, 1d, ...; default: ${DEFAULT-VALUE}).")
    private String interval;

    @Option(
            names = "--from",
            required = true,
            paramLabel = "DATE",
            description = "First day, YYYY-MM-DD (UTC).")
    private String from;

    @Option(
            names = "--to",
            paramLabel = "DATE",
            description = "Last day, inclusive (default: the same as --from).")
    private String to;

    @Option(
            names = "--period",
            defaultValue = "auto",
            paramLabel = "P",
            description =
                    "daily, monthly or auto: monthly files for the months the range holds whole, daily"
                            + " for the rest; a month not yet published as a whole is fetched day by day"
                            + " (default: ${DEFAULT-VALUE}).")
    private String period;

    @Option(
            names = "--base-url",
            defaultValue = "https://data.binance.vision",
            paramLabel = "URL",
            description = "The site's root (a mirror; default: ${DEFAULT-VALUE}).")
    private String baseUrl;

    @Option(
            names = "--dir",
            required = true,
            paramLabel = "DIR",
            description = "Where the files go, under their path on the site (created if missing).")
    private Path dir;

    @Option(
            names = "--import",
            paramLabel = "STORE",
            description =
                    "Then import every file of the range (trades or aggTrades) into this Chronicle store, as"
                            + " 'quant import' does; nothing is imported if any file failed.")
    private Path importStore;

    @Option(
            names = "--parallel",
            defaultValue = "4",
            paramLabel = "N",
            description = "Files downloaded at once (default: ${DEFAULT-VALUE}).")
    private int parallel;

    @Option(
            names = "--retries",
            defaultValue = "5",
            paramLabel = "N",
            description = "Retries of a file after the first attempt (default: ${DEFAULT-VALUE}).")
    private int retries;

    @Option(
            names = "--retry-delay",
            defaultValue = "1s",
            converter = DurationConverter.class,
            paramLabel = "D",
            description =
                    "The first retry's delay, doubled for each next one (default: ${DEFAULT-VALUE}).")
    private Duration retryDelay;

    @Option(
            names = "--timeout",
            defaultValue = "30s",
            converter = DurationConverter.class,
            paramLabel = "D",
            description =
                    "Connect and response timeout, and the longest stall of a transfer before it is"
                            + " retried (default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Override
    public Integer call() throws IOException, InterruptedException {
        VisionFiles.Type t;
        VisionFiles.Period p;
        LocalDate first;
        LocalDate last;
        try {
            t = VisionFiles.Type.parse(type);
            p = VisionFiles.Period.valueOf(period.toUpperCase(Locale.ROOT));
            first = LocalDate.parse(from);
            last = to == null ? first : LocalDate.parse(to);
        } catch (DateTimeParseException e) {
            throw new UserException(
                    "--from/--to: expected a date YYYY-MM-DD, was \"" + e.getParsedString() + '"');
        } catch (IllegalArgumentException e) {
            throw new UserException(
                    e.getMessage().startsWith("--")
                            ? e.getMessage()
                            : "--period must be daily, monthly or auto, was \"" + period + '"');
        }
        if (parallel < 1 || retries < 0) {
            throw new UserException("--parallel must be >= 1 and --retries >= 0");
        }
        if (importStore != null && t == VisionFiles.Type.KLINES) {
            throw new UserException(
                    "--import takes trades or aggTrades (a tick store); klines are bars: use them with"
                            + " 'quant resample', 'pair' or 'backtest' directly");
        }
        List<String> syms = new ArrayList<>();
        for (String s : symbols) {
            String u = s.strip().toUpperCase(Locale.ROOT);
            if (!u.matches("[A-Z0-9]{2,32}")) {
                throw new UserException("--symbols: \"" + s + "\" is not a symbol");
            }
            syms.add(u);
        }
        List<VisionFiles.File> plan;
        try {
            plan = VisionFiles.plan(syms, t, interval, first, last, p);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        Files.createDirectories(dir);
        long start = System.nanoTime();
        List<VisionDownloader.Result> results = new ArrayList<>();
        List<VisionFiles.File> done = new ArrayList<>();
        ExecutorService pool =
                Executors.newFixedThreadPool(
                        parallel,
                        r -> {
                            Thread th = new Thread(r, "download");
                            th.setDaemon(true);
                            return th;
                        });
        try (ProgressBar bar =
                        ProgressBars.start("download", 0, " MiB", 1 << 20, true, parent.err());
                VisionDownloader d =
                        new VisionDownloader(
                                baseUrl,
                                dir,
                                retries,
                                timeout,
                                retryDelay.toMillis(),
                                bar::stepBy,
                                n -> addMax(bar, n))) {
            List<VisionFiles.File> round = plan;
            while (!round.isEmpty()) {
                List<Future<VisionDownloader.Result>> futures = new ArrayList<>();
                for (VisionFiles.File f : round) {
                    futures.add(pool.submit(() -> d.fetch(f)));
                }
                List<VisionFiles.File> next = new ArrayList<>();
                for (int i = 0; i < round.size(); i++) {
                    VisionFiles.File f = round.get(i);
                    VisionDownloader.Result r = Futures.await(futures.get(i));
                    if (r.status() == VisionDownloader.Status.MISSING
                            && f.monthly()
                            && p == VisionFiles.Period.AUTO) {
                        // the month is not out as a whole (yet): its days are
                        next.addAll(VisionFiles.days(f, t, interval, first, last));
                        continue;
                    }
                    results.add(r);
                    done.add(f);
                }
                round = next;
            }
        } finally {
            pool.shutdownNow();
        }
        ProgressBars.end(parent.err());
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dir", dir.toString());
        m.put("files", results.size());
        long bytes = 0;
        List<Path> files = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<Map<String, Object>> failed = new ArrayList<>();
        int downloaded = 0;
        int present = 0;
        for (int i = 0; i < results.size(); i++) {
            VisionDownloader.Result r = results.get(i);
            bytes += r.bytes();
            switch (r.status()) {
                case DOWNLOADED -> {
                    downloaded++;
                    files.add(r.file());
                }
                case PRESENT -> {
                    present++;
                    files.add(r.file());
                }
                case MISSING -> missing.add(done.get(i).path());
                case FAILED -> {
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("file", done.get(i).path());
                    f.put("error", r.error());
                    failed.add(f);
                    parent.err().println("download: " + r.error());
                }
            }
        }
        for (String path : missing) {
            parent.err().println("download: not published (yet): " + path);
        }
        m.put("downloaded", downloaded);
        m.put("present", present);
        m.put("missing", missing);
        m.put("failed", failed);
        m.put("bytes", bytes);
        m.put("seconds", Math.round(seconds * 1000) / 1000.0);
        m.put(
                "mibPerSecond",
                seconds > 0 ? Math.round(bytes / seconds / (1 << 20) * 100) / 100.0 : 0);
        m.put("paths", files.stream().map(Path::toString).toList());
        if (importStore != null) {
            if (!failed.isEmpty()) {
                parent.err()
                        .println(
                                "download: nothing imported: "
                                        + failed.size()
                                        + " file(s) failed; run the same command again");
                m.put("import", null);
            } else {
                m.put(
                        "import",
                        ImportCommand.importFiles(
                                importStore, files, ReadOptions.defaults(), parent.err()));
            }
        }
        Json.print(parent.out(), m);
        return failed.isEmpty() ? 0 : QuantCli.USER_ERROR;
    }

    private static synchronized void addMax(ProgressBar bar, long n) {
        bar.maxHint(Math.max(0, bar.getMax()) + n);
    }
}
