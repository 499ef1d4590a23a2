package org.quantstream.core.tick.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.quantstream.core.tick.MutableQuote;
import org.quantstream.core.tick.Quote;
import org.quantstream.core.tick.QuoteView;
import org.quantstream.core.tick.Symbol;

class QuoteRingTest {
    private static final Symbol BTC = Symbol.of("BTCUSDT");

    @Test
    void shouldHandOverQuotesInOrderUntilFullAndAcrossTheWrap() {
        QuoteRing ring = new QuoteRing(5);
        assertThat(ring.capacity()).isEqualTo(8);
        MutableQuote in = new MutableQuote();
        MutableQuote out = new MutableQuote();
        long next = 0;
        long expected = 0;
        for (int round = 0; round < 5; round++) {
            while (ring.offer(in.set(BTC, next, next + 1, next, 100 + next, 1, 101 + next, 2))) {
                next++;
            }
            assertThat(ring.size()).isEqualTo(8);
            for (int i = 0; i < 5; i++) {
                assertThat(ring.poll(out)).isTrue();
                Quote e =
                        new Quote(
                                BTC,
                                expected,
                                expected + 1,
                                expected,
                                100 + expected,
                                1,
                                101 + expected,
                                2);
                assertThat(QuoteView.sameValues(out, e)).as("quote " + expected).isTrue();
                expected++;
            }
        }
        while (ring.poll(out)) {
            assertThat(out.updateId()).isEqualTo(expected++);
        }
        assertThat(expected).isEqualTo(next);
        assertThat(ring.size()).isZero();
    }

    @Test
    void shouldPassQuotesBetweenTwoThreadsWithoutLossOrReordering() throws Exception {
        QuoteRing ring = new QuoteRing(64);
        int n = 200_000;
        Thread producer =
                new Thread(
                        () -> {
                            MutableQuote q = new MutableQuote();
                            for (int i = 0; i < n; ) {
                                if (ring.offer(q.set(BTC, i, i, i, i, i, i + 1, i))) {
                                    i++;
                                } else {
                                    Thread.onSpinWait();
                                }
                            }
                        });
        producer.start();
        MutableQuote out = new MutableQuote();
        long expected = 0;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (expected < n && System.nanoTime() < deadline) {
            if (ring.poll(out)) {
                assertThat(out.updateId()).isEqualTo(expected);
                assertThat(out.askPrice()).isEqualTo(expected + 1);
                expected++;
            }
        }
        producer.join();
        assertThat(expected).isEqualTo(n);
    }
}
