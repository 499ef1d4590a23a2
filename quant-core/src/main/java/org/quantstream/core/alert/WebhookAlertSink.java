package org.quantstream.core.alert;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.quantstream.core.util.Args;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs each alert as JSON ({@link AlertSinks#toJson}) to a URL, on a thread of its own ({@code
 * quant-webhook}) so that a slow or dead endpoint never stalls the thread that fires the alerts:
 * {@link #onAlert} only queues (a bounded queue; an alert that finds it full is dropped and
 * counted). Each POST has a timeout; a 5xx answer, a timeout or a connection error is retried with
 * doubling backoff up to the configured attempts, then counted as failed and logged; a 4xx is not
 * retried. {@link #close()} delivers what is queued (waiting at most the given time), then stops.
 * Thread-safe.
 */
public final class WebhookAlertSink implements AlertSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookAlertSink.class);
    private static final Alert STOP =
            new Alert("", "", "", AlertCondition.ABOVE, 0, 0, 0, 0, Long.MIN_VALUE);

    private final URI url;
    private final Duration timeout;
    private final int attempts;
    private final Duration backoff;
    private final Duration closeWait;
    private final HttpClient http;
    private final BlockingQueue<Alert> queue;
    private final Thread thread;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    /**
     * Starts the sink's thread.
     *
     * @param url where to POST, http or https
     * @param timeout the longest a POST may take (connection and whole response)
     * @param attempts tries per alert, at least 1
     * @param backoff the wait before the first retry; doubled for each later one
     * @param capacity alerts queued at most
     * @param closeWait how long {@link #close()} waits for the queue to drain
     */
    public WebhookAlertSink(
            URI url,
            Duration timeout,
            int attempts,
            Duration backoff,
            int capacity,
            Duration closeWait) {
        this.url = Args.notNull(url, "url");
        String scheme = String.valueOf(url.getScheme());
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("webhook URL must be http or https, was " + url);
        }
        this.timeout = Args.notNull(timeout, "timeout");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1, was " + attempts);
        }
        this.attempts = attempts;
        this.backoff = Args.notNull(backoff, "backoff");
        this.closeWait = Args.notNull(closeWait, "closeWait");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.thread = new Thread(this::run, "quant-webhook");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * A sink with a 5 s timeout, 3 attempts from 500 ms backoff, 10,000 queued alerts, 10 s to
     * drain at close.
     *
     * @param url where to POST
     * @return the sink
     */
    public static WebhookAlertSink of(URI url) {
        return new WebhookAlertSink(
                url,
                Duration.ofSeconds(5),
                3,
                Duration.ofMillis(500),
                10_000,
                Duration.ofSeconds(10));
    }

    @Override
    public void onAlert(Alert alert) {
        if (closed || !queue.offer(alert)) {
            dropped.incrementAndGet();
        }
    }

    private void run() {
        try {
            while (true) {
                Alert a = queue.take();
                if (a == STOP) {
                    return;
                }
                post(a);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void post(Alert a) throws InterruptedException {
        try {
            attempt(a);
        } catch (InterruptedException e) {
            failed.incrementAndGet(); // close gave up waiting for it
            throw e;
        }
    }

    private void attempt(Alert a) throws InterruptedException {
        HttpRequest req =
                HttpRequest.newBuilder(url)
                        .timeout(timeout)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(AlertSinks.toJson(a)))
                        .build();
        long wait = backoff.toMillis();
        String last = null;
        for (int i = 1; i <= attempts; i++) {
            try {
                int code = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (code >= 200 && code < 300) {
                    delivered.incrementAndGet();
                    return;
                }
                last = "HTTP " + code;
                if (code < 500) {
                    break; // the endpoint refuses it: retrying will not help
                }
            } catch (java.io.IOException e) {
                last = e.toString();
            }
            if (i < attempts) {
                Thread.sleep(wait);
                wait *= 2;
            }
        }
        failed.incrementAndGet();
        LOG.warn("alert {} not delivered to {}: {}", a.rule(), url, last);
    }

    /**
     * Alerts the endpoint accepted (2xx).
     *
     * @return the count
     */
    public long delivered() {
        return delivered.get();
    }

    /**
     * Alerts given up on after the last attempt, or refused with a 4xx.
     *
     * @return the count
     */
    public long failed() {
        return failed.get();
    }

    /**
     * Alerts dropped because the queue was full or the sink closed.
     *
     * @return the count
     */
    public long dropped() {
        return dropped.get();
    }

    /** Delivers what is queued (waiting at most the close wait), then stops the thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!queue.offer(STOP, closeWait.toMillis(), TimeUnit.MILLISECONDS)) {
                thread.interrupt();
            }
            thread.join(closeWait.toMillis());
            if (thread.isAlive()) {
                thread.interrupt(); // the alert in flight is counted failed by the thread
                thread.join(closeWait.toMillis());
            }
            for (Alert a = queue.poll(); a != null; a = queue.poll()) {
                if (a != STOP) {
                    dropped.incrementAndGet(); // never sent
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
