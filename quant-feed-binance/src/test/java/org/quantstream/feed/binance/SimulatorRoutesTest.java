package org.quantstream.feed.binance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quantstream.core.testkit.TestData;
import org.quantstream.core.testkit.WebSocketTexts;

/**
 * The simulator's routed endpoints, seen by an independent client (the JDK's WebSocket): book
 * tickers flow on {@code /public} and on an unrouted connection, not on {@code /market}; aggregate
 * trades flow on {@code /market} only; raw ({@code /ws/}) connections get the bare payload.
 */
@ExtendWith(LeakDetector.class)
class SimulatorRoutesTest {
    @Test
    void shouldServeEachStreamOnItsOwnRouteOnly() throws Exception {
        try (BinanceSimulator sim =
                BinanceSimulator.start(
                        SimulatorConfig.builder()
                                .speed(4)
                                .awaitSubscribers(6)
                                .data(List.of(TestData.file(TestData.BTC_MIXED)))
                                .build())) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String ws = sim.wsUrl();
            WebSocketTexts publicQuotes =
                    WebSocketTexts.open(http, ws + "/public/stream?streams=btcusdt@bookTicker");
            WebSocketTexts marketQuotes =
                    WebSocketTexts.open(http, ws + "/market/stream?streams=btcusdt@bookTicker");
            WebSocketTexts unroutedQuotes =
                    WebSocketTexts.open(http, ws + "/stream?streams=btcusdt@bookTicker");
            WebSocketTexts rawQuotes =
                    WebSocketTexts.open(http, ws + "/public/ws/btcusdt@bookTicker");
            WebSocketTexts marketTrades =
                    WebSocketTexts.open(http, ws + "/market/stream?streams=btcusdt@aggTrade");
            WebSocketTexts publicTrades =
                    WebSocketTexts.open(http, ws + "/public/stream?streams=btcusdt@aggTrade");
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < deadline && !sim.finished()) {
                Thread.sleep(20);
            }
            Thread.sleep(200); // the last frames in flight
            assertThat(sim.finished()).isTrue();
            assertThat(publicQuotes.texts).hasSize(301);
            assertThat(publicQuotes.texts.get(0))
                    .startsWith("{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"e\":\"bookTicker\"")
                    // the first recorded message, byte for byte
                    .endsWith(
                            "\"u\":5123107839020,\"s\":\"BTCUSDT\",\"b\":\"61800.20\",\"B\":\"2.507\","
                                    + "\"a\":\"61800.30\",\"A\":\"2.510\",\"T\":1723161256313,"
                                    + "\"E\":1723161256313}}");
            assertThat(unroutedQuotes.texts).isEqualTo(publicQuotes.texts);
            assertThat(rawQuotes.texts).hasSize(301);
            assertThat(rawQuotes.texts.get(0)).startsWith("{\"e\":\"bookTicker\",\"u\":");
            assertThat(marketQuotes.texts).as("bookTicker is not a /market stream").isEmpty();
            assertThat(marketTrades.texts).hasSize(sim.aggTradeCount("BTCUSDT")).isNotEmpty();
            assertThat(publicTrades.texts).as("aggTrade is not a /public stream").isEmpty();
        }
    }
}
