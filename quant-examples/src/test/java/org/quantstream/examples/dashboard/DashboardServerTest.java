package org.quantstream.examples.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.quantstream.core.testkit.WebSocketTexts;

/** The dashboard server on loopback, seen by the JDK's HTTP and WebSocket clients. */
class DashboardServerTest {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<byte[]> get(DashboardServer d, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(d.url() + path.substring(1))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void shouldServeThePageTheChartLibraryAndTheSnapshot() throws Exception {
        try (DashboardServer d = DashboardServer.start(0)) {
            HttpResponse<byte[]> page = get(d, "/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("content-type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            String html = new String(page.body(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(html).contains("<script src=\"/echarts.min.js\">").contains("/ws");
            HttpResponse<byte[]> lib = get(d, "/echarts.min.js");
            assertThat(lib.statusCode()).isEqualTo(200);
            assertThat(lib.body().length)
                    .as("the webjar's minified ECharts")
                    .isGreaterThan(500_000);
            assertThat(get(d, "/nothing").statusCode()).isEqualTo(404);
            d.publish("stats", 1, "{\"type\":\"stats\",\"ticks\":1}");
            d.publish("stats", 1, "{\"type\":\"stats\",\"ticks\":2}");
            d.publish("bar:X:1s", 2, "{\"type\":\"bar\",\"t\":1}");
            d.publish("bar:X:1s", 2, "{\"type\":\"bar\",\"t\":2}");
            d.publish("bar:X:1s", 2, "{\"type\":\"bar\",\"t\":3}");
            assertThat(
                            new String(
                                    get(d, "/api/snapshot").body(),
                                    java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(
                            "[{\"type\":\"stats\",\"ticks\":2},{\"type\":\"bar\",\"t\":2},{\"type\":\"bar\",\"t\":3}]");
            HttpResponse<String> post =
                    http.send(
                            HttpRequest.newBuilder(URI.create(d.url()))
                                    .POST(HttpRequest.BodyPublishers.ofString("x"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
        }
    }

    @Test
    void shouldSendAPageTheHistoryThenEveryNewMessage() throws Exception {
        try (DashboardServer d = DashboardServer.start(0)) {
            d.publish("pair", 3, "{\"n\":1}");
            d.publish("pair", 3, "{\"n\":2}");
            String end = "{\"type\":\"history-end\"}";
            WebSocketTexts first = WebSocketTexts.open(http, "ws://127.0.0.1:" + d.port() + "/ws");
            first.await(3);
            assertThat(first.texts).containsExactly("{\"n\":1}", "{\"n\":2}", end);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (d.pages() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            d.publish("pair", 3, "{\"n\":3}");
            d.publish("pair", 3, "{\"n\":4}");
            first.await(5);
            assertThat(first.texts)
                    .as("the history, its end, then what is published live")
                    .containsExactly("{\"n\":1}", "{\"n\":2}", end, "{\"n\":3}", "{\"n\":4}");
            WebSocketTexts second = WebSocketTexts.open(http, "ws://127.0.0.1:" + d.port() + "/ws");
            second.await(4);
            assertThat(second.texts)
                    .as("the last 3 kept")
                    .containsExactly("{\"n\":2}", "{\"n\":3}", "{\"n\":4}", end);
            first.close();
            deadline = System.nanoTime() + 5_000_000_000L;
            while (d.pages() != 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(d.pages()).isEqualTo(1);
            assertThat(d.published()).isEqualTo(4);
        }
    }

    @Test
    void shouldReportATakenPortAsABindException() throws Exception {
        try (DashboardServer d = DashboardServer.start(0)) {
            assertThatThrownBy(() -> DashboardServer.start(d.port()))
                    .isInstanceOf(BindException.class);
        }
        assertThatThrownBy(() -> DashboardServer.start(70_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("70000");
        // the loop has stopped; its thread may still be on its way out: each gets a second
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("quant-dashboard")) {
                t.join(1_000);
            }
        }
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("quant-dashboard"));
    }

    @Test
    void shouldAnswerPostsOffTheIoThreadAndRefuseWhatIsNotJsonOrNotLocal() throws Exception {
        try (DashboardServer d = DashboardServer.start(0)) {
            d.onPost(
                    "/api/echo",
                    body -> {
                        if (body.contains("bad")) {
                            throw new IllegalArgumentException("bad: \"x\"");
                        }
                        return "{\"thread\":\"" + Thread.currentThread().getName() + "\"}";
                    });
            java.net.http.HttpClient c = java.net.http.HttpClient.newHttpClient();
            java.net.URI uri = java.net.URI.create(d.url() + "api/echo");
            java.net.http.HttpResponse<String> ok =
                    c.send(
                            java.net.http.HttpRequest.newBuilder(uri)
                                    .header("Content-Type", "application/json")
                                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).startsWith("{\"thread\":\"quant-dashboard-api");
            java.net.http.HttpResponse<String> bad =
                    c.send(
                            java.net.http.HttpRequest.newBuilder(uri)
                                    .header("Content-Type", "application/json")
                                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("bad"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).isEqualTo("{\"error\":\"bad: \\\"x\\\"\"}");
            String host = "Host: 127.0.0.1:" + d.port() + "\r\n";
            assertThat(
                            raw(
                                    d.port(),
                                    "POST /api/echo HTTP/1.1\r\n"
                                            + host
                                            + "Content-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}"))
                    .contains("415");
            assertThat(
                            raw(
                                    d.port(),
                                    "POST /api/echo HTTP/1.1\r\n"
                                            + host
                                            + "Origin: http://evil.example\r\n"
                                            + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"))
                    .contains("403");
            assertThat(
                            raw(
                                    d.port(),
                                    "POST /api/other HTTP/1.1\r\n"
                                            + host
                                            + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"))
                    .contains("405");
        }
    }

    @Test
    void shouldSendDownloadsFromDiskAndTakeUploadsWithinTheLimit() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("dashboard-download");
        try (DashboardServer d = DashboardServer.start(0)) {
            byte[] big = new byte[3 << 20]; // larger than any buffer on the way
            new java.util.Random(7).nextBytes(big);
            d.onDownload(
                    "/download/x",
                    q -> {
                        if (q.containsKey("bad")) {
                            throw new IllegalArgumentException("bad: " + q.get("bad"));
                        }
                        try {
                            java.nio.file.Path f =
                                    java.nio.file.Files.createTempFile(dir, "x", ".bin");
                            java.nio.file.Files.write(f, big);
                            return new DashboardServer.Download(
                                    f, "x-" + q.get("n") + ".bin", "application/octet-stream");
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
            d.onUpload(
                    "/api/up",
                    (q, body) -> "{\"n\":" + body.length() + ",\"s\":\"" + q.get("s") + "\"}");
            HttpClient c = HttpClient.newHttpClient();
            java.net.http.HttpResponse<byte[]> got =
                    c.send(
                            java.net.http.HttpRequest.newBuilder(
                                            java.net.URI.create(d.url() + "download/x?n=7"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertThat(got.statusCode()).isEqualTo(200);
            assertThat(got.body()).isEqualTo(big);
            assertThat(got.headers().firstValue("content-disposition"))
                    .hasValue("attachment; filename=\"x-7.bin\"");
            // sent, then deleted
            org.assertj.core.api.Assertions.assertThat(dir).isEmptyDirectory();
            java.net.http.HttpResponse<String> bad =
                    c.send(
                            java.net.http.HttpRequest.newBuilder(
                                            java.net.URI.create(d.url() + "download/x?bad=yes"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).isEqualTo("{\"error\":\"bad: yes\"}");

            java.net.URI up = java.net.URI.create(d.url() + "api/up?s=ABC");
            String csv = "t,o\n".repeat(100_000); // 400 KB: above a JSON request's limit
            java.net.http.HttpResponse<String> ok =
                    c.send(
                            java.net.http.HttpRequest.newBuilder(up)
                                    .header("Content-Type", "text/csv")
                                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(csv))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("{\"n\":400000,\"s\":\"ABC\"}");
            String host = "Host: 127.0.0.1:" + d.port() + "\r\n";
            assertThat(
                            raw(
                                    d.port(),
                                    "POST /api/up HTTP/1.1\r\n"
                                            + host
                                            + "Content-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}"))
                    .contains("415");
            assertThat(
                            raw(
                                    d.port(),
                                    "POST /api/up HTTP/1.1\r\n"
                                            + host
                                            + "Content-Type: text/csv\r\nContent-Length: "
                                            + (DashboardServer.MAX_UPLOAD_BYTES + 1)
                                            + "\r\n\r\nabc"))
                    .contains("413");
            d.onPost("/api/json", body -> "{}");
            assertThat(
                            raw(
                                    d.port(),
                                    "POST /api/json HTTP/1.1\r\n"
                                            + host
                                            + "Content-Type: application/json\r\nContent-Length: "
                                            + (DashboardServer.MAX_BODY_BYTES + 1)
                                            + "\r\n\r\n{}"))
                    .contains("413");
        } finally {
            try (java.util.stream.Stream<java.nio.file.Path> left = java.nio.file.Files.list(dir)) {
                left.forEach(f -> f.toFile().delete());
            }
            java.nio.file.Files.delete(dir);
        }
    }

    @Test
    void shouldServeOnAnotherAddressButOnlyToThisMachinesNames() throws Exception {
        try (DashboardServer d = DashboardServer.start("0.0.0.0", 0)) {
            assertThat(d.url()).isEqualTo("http://127.0.0.1:" + d.port() + "/");
            String path = "GET /api/snapshot HTTP/1.1\r\nConnection: close\r\n";
            assertThat(raw(d.port(), path + "Host: 127.0.0.1:" + d.port() + "\r\n\r\n"))
                    .contains("200");
            assertThat(raw(d.port(), path + "Host: localhost:" + d.port() + "\r\n\r\n"))
                    .contains("200");
            // one of this machine's own addresses, as another machine on the network names it
            String own = null;
            for (java.net.NetworkInterface ni :
                    java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
                for (java.net.InetAddress a : java.util.Collections.list(ni.getInetAddresses())) {
                    if (a instanceof java.net.Inet4Address && !a.isLoopbackAddress()) {
                        own = a.getHostAddress();
                    }
                }
            }
            if (own != null) {
                assertThat(raw(d.port(), path + "Host: " + own + ":" + d.port() + "\r\n\r\n"))
                        .contains("200");
            }
            // a DNS name (rebinding) or another site's page: refused as on 127.0.0.1
            assertThat(raw(d.port(), path + "Host: evil.example:" + d.port() + "\r\n\r\n"))
                    .contains("403");
            assertThat(
                            raw(
                                    d.port(),
                                    path
                                            + "Host: 127.0.0.1:"
                                            + d.port()
                                            + "\r\nOrigin: http://evil.example\r\n\r\n"))
                    .contains("403");
        }
    }

    /** Sends raw request text and returns the status line (or "" if the server just closed). */
    private static String raw(int port, String request) throws Exception {
        try (java.net.Socket sock = new java.net.Socket("127.0.0.1", port)) {
            sock.setSoTimeout(10_000);
            try {
                sock.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                sock.getOutputStream().flush();
            } catch (java.net.SocketException answeredEarly) {
                // a server that refuses a huge request answers and closes before it has all of it
                // (seen once in CI as a broken pipe): its answer is still there to read
            }
            java.io.BufferedReader in =
                    new java.io.BufferedReader(
                            new java.io.InputStreamReader(
                                    sock.getInputStream(), StandardCharsets.ISO_8859_1));
            String line = in.readLine();
            return line == null ? "" : line;
        }
    }

    @Test
    @org.junit.jupiter.api.Tag("faults")
    void shouldRefuseForeignHostsAndOriginsAndHugeHeaders() throws Exception {
        try (DashboardServer d = DashboardServer.start(0)) {
            int port = d.port();
            String ok = "GET /api/snapshot HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n";
            assertThat(raw(port, ok + "\r\n")).isEqualTo("HTTP/1.1 200 OK");
            assertThat(raw(port, "GET / HTTP/1.1\r\nHost: localhost:" + port + "\r\n\r\n"))
                    .isEqualTo("HTTP/1.1 200 OK");
            // DNS rebinding: a page of evil.example whose name now points at 127.0.0.1
            assertThat(
                            raw(
                                    port,
                                    "GET /api/snapshot HTTP/1.1\r\nHost: evil.example:"
                                            + port
                                            + "\r\n\r\n"))
                    .isEqualTo("HTTP/1.1 403 Forbidden");
            assertThat(raw(port, "GET / HTTP/1.1\r\n\r\n"))
                    .as("no Host")
                    .isEqualTo("HTTP/1.1 403 Forbidden");
            // a cross-site page reading the snapshot or opening the WebSocket
            assertThat(raw(port, ok + "Origin: http://evil.example\r\n\r\n"))
                    .isEqualTo("HTTP/1.1 403 Forbidden");
            String upgrade =
                    "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:"
                            + port
                            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";
            assertThat(raw(port, upgrade + "Origin: http://evil.example\r\n\r\n"))
                    .isEqualTo("HTTP/1.1 403 Forbidden");
            assertThat(raw(port, upgrade + "Origin: http://127.0.0.1:" + port + "\r\n\r\n"))
                    .isEqualTo("HTTP/1.1 101 Switching Protocols");
            // before: 200 to a 200 MB header
            assertThat(raw(port, ok + "X-Big: " + "a".repeat(200_000) + "\r\n\r\n"))
                    .isEqualTo("HTTP/1.1 431 Request Header Fields Too Large");
            assertThat(raw(port, "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\n\r\n"))
                    .isEqualTo("HTTP/1.1 414 Request-URI Too Long");
        }
    }

    @Test
    @org.junit.jupiter.api.Tag("faults")
    void shouldCloseIdleConnectionsButKeepListeningPages() throws Exception {
        try (DashboardServer d = DashboardServer.start(0, java.time.Duration.ofMillis(500))) {
            try (java.net.Socket idle = new java.net.Socket("127.0.0.1", d.port())) {
                idle.setSoTimeout(10_000);
                long t0 = System.nanoTime();
                assertThat(idle.getInputStream().read()).as("closed by the server").isEqualTo(-1);
                assertThat(System.nanoTime() - t0).isLessThan(9_000_000_000L);
            }
            // a page's WebSocket sends nothing and stays open
            WebSocketTexts page =
                    WebSocketTexts.open(
                            HttpClient.newHttpClient(), "ws://127.0.0.1:" + d.port() + "/ws");
            Thread.sleep(1_500); // three idle timeouts
            d.publish("k", 1, "{\"type\":\"x\"}");
            page.await(2);
            assertThat(page.texts)
                    .containsExactly("{\"type\":\"history-end\"}", "{\"type\":\"x\"}");
            page.close();
        }
    }
}
