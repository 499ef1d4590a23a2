package org.quantstream.core.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * An independent WebSocket client for tests (the JDK's own, not Netty): connects and keeps every
 * text message it receives, whole.
 */
public final class WebSocketTexts implements WebSocket.Listener {
    /** The messages received so far, in order. */
    public final List<String> texts = new CopyOnWriteArrayList<>();

    private final StringBuilder part = new StringBuilder();
    private WebSocket socket;

    private WebSocketTexts() {}

    /**
     * Connects.
     *
     * @param http the client
     * @param url a {@code ws://} address
     * @return the connected collector
     * @throws Exception if the handshake fails within 10 seconds
     */
    public static WebSocketTexts open(HttpClient http, String url) throws Exception {
        WebSocketTexts t = new WebSocketTexts();
        t.socket =
                http.newWebSocketBuilder().buildAsync(URI.create(url), t).get(10, TimeUnit.SECONDS);
        return t;
    }

    /**
     * Waits until at least {@code n} messages arrived, at most 10 seconds.
     *
     * @param n the number of messages
     * @throws InterruptedException if interrupted
     */
    public void await(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (texts.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /**
     * Closes the connection normally.
     *
     * @throws Exception if the close frame cannot be sent within 5 seconds
     */
    public void close() throws Exception {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        part.append(data);
        if (last) {
            texts.add(part.toString());
            part.setLength(0);
        }
        ws.request(1);
        return null;
    }
}
