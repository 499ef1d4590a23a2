package org.quantstream.core.tick;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuoteTest {
    private static final Symbol BTC = Symbol.of("BTCUSDT");

    @Test
    void shouldDeriveMidSpreadAndMicroPrice() {
        // a real BTCUSDT bookTicker of 2024-08-08: 2.507 @ 61800.20 / 61800.30 @ 2.510
        Quote q = new Quote(BTC, 1L, 2L, 5123107839020L, 61800.20, 2.507, 61800.30, 2.510);
        assertThat(q.midPrice()).isEqualTo((61800.20 + 61800.30) / 2);
        assertThat(q.spread()).isEqualTo(61800.30 - 61800.20);
        // more on the ask: the micro price leans to the bid
        assertThat(q.microPrice())
                .isEqualTo((61800.20 * 2.510 + 61800.30 * 2.507) / (2.507 + 2.510))
                .isLessThan(q.midPrice());
        Quote thinBid = new Quote(BTC, 1L, 2L, 3L, 100.0, 1.0, 101.0, 3.0);
        assertThat(thinBid.microPrice()).isEqualTo(100.25);
        Quote empty = new Quote(BTC, 1L, 2L, 3L, 100.0, 0.0, 101.0, 0.0);
        assertThat(empty.microPrice()).isEqualTo(100.5);
    }

    @Test
    void shouldCopyAMutableQuoteWithEveryField() {
        MutableQuote m = new MutableQuote().set(BTC, 10L, 20L, 30L, 1.5, 2.5, 1.75, 3.5);
        Quote copy = Quote.copyOf(m);
        assertThat(QuoteView.sameValues(copy, m)).isTrue();
        assertThat(copy).isEqualTo(new Quote(BTC, 10L, 20L, 30L, 1.5, 2.5, 1.75, 3.5));
        MutableQuote other = new MutableQuote().copyFrom(copy);
        assertThat(QuoteView.sameValues(other, m)).isTrue();
        other.set(BTC, 10L, 20L, 30L, 1.5, 2.5, 1.75, 3.25);
        assertThat(QuoteView.sameValues(other, m)).isFalse();
        m.clear();
        assertThat(m.symbol()).isNull();
        assertThat(m.updateId()).isZero();
        assertThat(m.toString()).contains("updateId=0");
    }

    @Test
    void shouldRefuseAQuoteWithoutSymbol() {
        assertThatThrownBy(() -> new Quote(null, 1, 2, 3, 1, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("symbol");
    }

    @Test
    void shouldForwardEachKindToItsOwnHandler() {
        List<String> seen = new ArrayList<>();
        MarketDataHandler h =
                MarketDataHandler.of(
                        t -> seen.add("tick " + t.tradeId()),
                        q -> seen.add("quote " + q.updateId()));
        h.onTick(new MutableTick().tradeId(7));
        h.onQuote(new MutableQuote().set(BTC, 0, 0, 9, 1, 1, 2, 1));
        assertThat(seen).containsExactly("tick 7", "quote 9");
    }
}
