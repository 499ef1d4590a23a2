package org.quantstream.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookAlertSinkTest {
    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    private URI serve(java.util.function.IntSupplier status, long delayMs) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/hook",
                ex -> {
                    bodies.add(
                            new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    try {
                        Thread.sleep(delayMs);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    ex.sendResponseHeaders(status.getAsInt(), -1);
                    ex.close();
                });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static Alert alert(int i) {
        return new Alert(
                "z-out",
                "A/B",
                "zScore",
                AlertCondition.OUTSIDE,
                -2,
                2,
                2.5 + i,
                1.5,
                1_723_161_438_000_000_000L + i);
    }

    @Test
    void shouldPostEachAlertAsJsonAndRetryAServerError() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        URI url = serve(() -> calls.incrementAndGet() <= 2 ? 503 : 200, 0);
        try (WebhookAlertSink sink =
                new WebhookAlertSink(
                        url,
                        Duration.ofSeconds(5),
                        3,
                        Duration.ofMillis(10),
                        100,
                        Duration.ofSeconds(10))) {
            sink.onAlert(alert(0)); // 503, 503, then 200
            sink.onAlert(alert(1));
            sink.close();
            assertThat(sink.delivered()).isEqualTo(2);
            assertThat(sink.failed()).isZero();
        }
        assertThat(bodies).hasSize(4);
        assertThat(bodies.get(3)).isEqualTo(AlertSinks.toJson(alert(1)));
    }

    @Test
    void shouldGiveUpAfterTheLastAttemptAndNotRetryARefusal() throws Exception {
        URI down = serve(() -> 500, 0);
        try (WebhookAlertSink sink =
                new WebhookAlertSink(
                        down,
                        Duration.ofSeconds(5),
                        3,
                        Duration.ofMillis(5),
                        100,
                        Duration.ofSeconds(10))) {
            sink.onAlert(alert(0));
            sink.close();
            assertThat(sink.failed()).isEqualTo(1);
        }
        assertThat(bodies).hasSize(3);
        server.stop(0);
        bodies.clear();
        URI refusing = serve(() -> 400, 0);
        try (WebhookAlertSink sink =
                new WebhookAlertSink(
                        refusing,
                        Duration.ofSeconds(5),
                        3,
                        Duration.ofMillis(5),
                        100,
                        Duration.ofSeconds(10))) {
            sink.onAlert(alert(0));
            sink.close();
            assertThat(sink.failed()).isEqualTo(1);
        }
        assertThat(bodies).as("a 4xx is not retried").hasSize(1);
    }

    @Test
    void shouldNeverStallTheCallerOnASlowEndpoint() throws Exception {
        URI slow = serve(() -> 200, 2_000);
        WebhookAlertSink sink =
                new WebhookAlertSink(
                        slow,
                        Duration.ofMillis(300),
                        1,
                        Duration.ofMillis(5),
                        4,
                        Duration.ofMillis(500));
        long t0 = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            sink.onAlert(alert(i));
        }
        long took = System.nanoTime() - t0;
        assertThat(took).as("100 alerts queued without waiting").isLessThan(1_000_000_000L);
        assertThat(sink.dropped())
                .as("beyond the queue's 4 (+1 in flight)")
                .isGreaterThanOrEqualTo(95);
        CountDownLatch closed = new CountDownLatch(1);
        Thread t =
                new Thread(
                        () -> {
                            sink.close();
                            closed.countDown();
                        });
        t.start();
        assertThat(closed.await(5, TimeUnit.SECONDS)).as("close is bounded").isTrue();
        assertThat(sink.delivered() + sink.failed() + sink.dropped()).isEqualTo(100);
    }
}
