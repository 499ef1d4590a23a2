package org.quantstream.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Downloads one data.binance.vision file at a time per caller thread, verified: its {@code
 * .CHECKSUM} (SHA-256) is fetched first; a complete local copy that matches is kept (nothing
 * fetched); a partial one ({@code .part}) is continued with an HTTP Range request; 5xx answers,
 * timeouts, stalls and cut connections are retried with exponential backoff; a file whose bytes do
 * not match the checksum is deleted and reported. Thread-safe: one instance serves the pool of
 * parallel downloads.
 */
final class VisionDownloader implements AutoCloseable {
    /** What became of one file. */
    enum Status {
        /** Fetched now and verified. */
        DOWNLOADED,
        /** Already here and verified: nothing fetched. */
        PRESENT,
        /** 404: not published (yet). */
        MISSING,
        /** Checksum mismatch, or retries exhausted. */
        FAILED
    }

    /**
     * The outcome of one file.
     *
     * @param status what became of it
     * @param file the local file (absent unless downloaded or present)
     * @param bytes bytes fetched now
     * @param error why it failed, or null
     */
    record Result(Status status, Path file, long bytes, String error) {}

    private final HttpClient http;
    private final String baseUrl;
    private final Path dir;
    private final int retries;
    private final Duration timeout;
    private final long backoffMillis;
    private final ScheduledExecutorService watchdog;
    private final LongConsumer progress;
    private final LongConsumer expected;

    /**
     * A downloader.
     *
     * @param baseUrl the site's root ({@code https://data.binance.vision})
     * @param dir where the files go, under their path on the site
     * @param retries retries per file after the first attempt
     * @param timeout connect and response timeout, and the longest stall of a transfer
     * @param backoffMillis the first retry's delay (doubling, at most 30 s)
     * @param progress told of every chunk of bytes received
     * @param expected told of the bytes each transfer will bring, as they become known
     */
    VisionDownloader(
            String baseUrl,
            Path dir,
            int retries,
            Duration timeout,
            long backoffMillis,
            LongConsumer progress,
            LongConsumer expected) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + '/';
        this.dir = dir;
        this.retries = retries;
        this.timeout = timeout;
        this.backoffMillis = backoffMillis;
        this.progress = progress;
        this.expected = expected;
        this.http =
                HttpClient.newBuilder()
                        .connectTimeout(timeout)
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
        this.watchdog =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "download-watchdog");
                            t.setDaemon(true);
                            return t;
                        });
    }

    /**
     * Where a file of the site goes locally.
     *
     * @param f the file
     * @return its local path
     */
    Path local(VisionFiles.File f) {
        return dir.resolve(f.path());
    }

    /**
     * Fetches and verifies one file.
     *
     * @param f the file
     * @return the outcome
     * @throws InterruptedException if interrupted while waiting to retry
     */
    Result fetch(VisionFiles.File f) throws InterruptedException {
        Path target = local(f);
        Path part = target.resolveSibling(target.getFileName() + ".part");
        Path sumFile = target.resolveSibling(target.getFileName() + ".CHECKSUM");
        String url = baseUrl + f.path();
        String lastError = null;
        String sha = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0) {
                Thread.sleep(Math.min(30_000L, backoffMillis << Math.min(attempt - 1, 16)));
            }
            try {
                if (sha == null) {
                    HttpResponse<byte[]> r =
                            http.send(
                                    get(url + ".CHECKSUM", -1),
                                    HttpResponse.BodyHandlers.ofByteArray());
                    if (r.statusCode() == 404) {
                        return new Result(Status.MISSING, null, 0, "not published (yet): " + url);
                    }
                    if (r.statusCode() != 200) {
                        lastError = "HTTP " + r.statusCode() + " for " + url + ".CHECKSUM";
                        if (r.statusCode() >= 500) {
                            continue;
                        }
                        return new Result(Status.FAILED, null, 0, lastError);
                    }
                    sha = checksum(r.body(), url);
                    Files.createDirectories(target.getParent());
                    Files.write(sumFile, r.body());
                    if (Files.isRegularFile(target)) {
                        if (sha.equals(sha256(target))) {
                            return new Result(Status.PRESENT, target, 0, null);
                        }
                        Files.delete(target); // a damaged local copy: fetched again
                    }
                }
                if (Files.isRegularFile(part) && sha.equals(sha256(part))) {
                    // whole, but the last run stopped before renaming it
                    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
                    return new Result(Status.PRESENT, target, 0, null);
                }
                long got = transfer(url, part);
                if (got < 0) {
                    return new Result(Status.MISSING, null, 0, "not published (yet): " + url);
                }
                String actual = sha256(part);
                if (!actual.equals(sha)) {
                    Files.deleteIfExists(part);
                    return new Result(
                            Status.FAILED,
                            null,
                            got,
                            url
                                    + ": checksum mismatch: the .CHECKSUM says "
                                    + sha
                                    + ", the bytes received hash to "
                                    + actual
                                    + "; the file was deleted");
                }
                Files.move(
                        part,
                        target,
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                return new Result(Status.DOWNLOADED, target, got, null);
            } catch (Retry e) {
                lastError = e.getMessage();
            } catch (HttpTimeoutException e) {
                lastError = url + ": timed out after " + timeout.toMillis() + " ms";
            } catch (IOException e) {
                lastError = url + ": " + e;
            } catch (Fatal e) {
                return new Result(Status.FAILED, null, 0, e.getMessage());
            }
        }
        return new Result(
                Status.FAILED,
                null,
                0,
                lastError + " (gave up after " + (retries + 1) + " attempts)");
    }

    /**
     * Brings {@code part} up to the whole file, continuing what it holds with a Range request.
     *
     * @return bytes received, or -1 on 404
     */
    private long transfer(String url, Path part) throws IOException, InterruptedException {
        long have = Files.isRegularFile(part) ? Files.size(part) : 0;
        HttpResponse<InputStream> r =
                http.send(get(url, have), HttpResponse.BodyHandlers.ofInputStream());
        int status = r.statusCode();
        try (InputStream body = r.body()) {
            if (status == 404) {
                return -1;
            }
            if (status == 416) {
                // the part is not a prefix of this file (it changed, or the part is whole but was
                // not renamed): start again
                Files.deleteIfExists(part);
                throw new Retry(url + ": range not satisfiable, restarting");
            }
            if (status >= 500 || status == 429) {
                throw new Retry(url + ": HTTP " + status);
            }
            boolean append;
            if (status == 206 && have > 0) {
                String range = r.headers().firstValue("Content-Range").orElse("");
                if (!range.toLowerCase(Locale.ROOT).startsWith("bytes " + have + "-")) {
                    Files.deleteIfExists(part);
                    throw new Retry(
                            url + ": unexpected Content-Range \"" + range + "\", restarting");
                }
                append = true;
            } else if (status == 200) {
                append = false; // a server without ranges sends it all again
            } else {
                throw new Fatal(url + ": HTTP " + status);
            }
            r.headers().firstValueAsLong("Content-Length").ifPresent(expected::accept);
            return copy(body, part, append, url);
        }
    }

    /** Copies a body to the part file; a stall longer than the timeout closes it (retried). */
    private long copy(InputStream body, Path part, boolean append, String url) throws IOException {
        AtomicLong last = new AtomicLong(System.nanoTime());
        long limit = timeout.toNanos();
        ScheduledFuture<?> guard =
                watchdog.scheduleAtFixedRate(
                        () -> {
                            if (System.nanoTime() - last.get() > limit) {
                                try {
                                    body.close();
                                } catch (IOException ignored) {
                                    // the reader gets an error either way
                                }
                            }
                        },
                        100,
                        100,
                        TimeUnit.MILLISECONDS);
        long got = 0;
        try (OutputStream out =
                Files.newOutputStream(
                        part,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        append
                                ? StandardOpenOption.APPEND
                                : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = body.read(buf)) >= 0) {
                out.write(buf, 0, n);
                got += n;
                last.set(System.nanoTime());
                progress.accept(n);
            }
        } catch (IOException e) {
            boolean stalled = System.nanoTime() - last.get() > limit;
            throw new Retry(
                    url
                            + ": transfer "
                            + (stalled ? "stalled for " + timeout.toMillis() + " ms" : "cut")
                            + " after "
                            + got
                            + " bytes ("
                            + e.getMessage()
                            + "); continuing where it stopped");
        } finally {
            guard.cancel(false);
        }
        return got;
    }

    private HttpRequest get(String url, long from) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
        if (from > 0) {
            b.header("Range", "bytes=" + from + "-");
        }
        return b.build();
    }

    /** The SHA-256 of a {@code .CHECKSUM} file: {@code <64 hex> <file name>}. */
    private static String checksum(byte[] body, String url) {
        String text = new String(body, StandardCharsets.US_ASCII).strip();
        String hex = text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new Fatal(
                    url
                            + ".CHECKSUM does not start with a SHA-256 (64 hex digits): \""
                            + (text.length() > 80 ? text.substring(0, 80) + "..." : text)
                            + '"');
        }
        return hex;
    }

    /**
     * The SHA-256 of a file, in lower-case hex.
     *
     * @param file the file
     * @return the digest
     * @throws IOException if it cannot be read
     */
    static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }

    /** A failure worth another attempt. */
    private static final class Retry extends IOException {
        private static final long serialVersionUID = 1L;

        Retry(String message) {
            super(message);
        }
    }

    /** A failure that another attempt would not change. */
    private static final class Fatal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Fatal(String message) {
            super(message);
        }
    }
}
