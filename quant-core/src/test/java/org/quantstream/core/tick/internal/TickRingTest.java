package org.quantstream.core.tick.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;

/** The tick ring with each side's cached copy of the other's position. */
class TickRingTest {
    private static final Symbol BTC = Symbol.of("BTCUSDT");

    @Test
    void fullEmptyAndNearlyFullFollowTheOtherSidesProgress() {
        TickRing ring = new TickRing(8);
        MutableTick in = new MutableTick();
        MutableTick out = new MutableTick();
        long next = 0;
        long expected = 0;
        for (int round = 0; round < 50; round++) {
            assertThat(ring.nearlyFull(1)).isFalse();
            while (ring.offer(tick(in, next))) {
                next++;
                // free slots = 8 - filled; "fewer than 3 free" once 6 are filled
                assertThat(ring.nearlyFull(3)).isEqualTo(next - expected > 5);
            }
            assertThat(ring.size()).isEqualTo(8);
            assertThat(ring.nearlyFull(1)).isTrue();
            int take = 1 + round % 8;
            for (int i = 0; i < take; i++) {
                assertThat(ring.poll(out)).isTrue();
                assertThat(out.tradeId()).isEqualTo(expected);
                assertThat(out.price()).isEqualTo(100.0 + expected);
                assertThat(out.aggressor()).isEqualTo(expected % 2 == 0 ? Side.BUY : Side.SELL);
                expected++;
                // as the consumer last read the tail: never more than there is
                assertThat(ring.backlogSeen()).isBetween(0, (int) (next - expected));
                if (round == 0) {
                    assertThat(ring.backlogSeen()).isEqualTo(next - expected);
                }
            }
            assertThat(ring.nearlyFull(take + 1)).isTrue(); // the producer sees the released slots
            assertThat(ring.nearlyFull(take)).isFalse();
        }
        while (ring.poll(out)) {
            assertThat(out.tradeId()).isEqualTo(expected++);
        }
        assertThat(expected).isEqualTo(next);
        assertThat(ring.size()).isZero();
        assertThat(ring.poll(out)).isFalse();
        assertThat(ring.offer(tick(in, next))).isTrue(); // the consumer sees the new one
        assertThat(ring.poll(out)).isTrue();
        assertThat(out.tradeId()).isEqualTo(next);
    }

    @Test
    void twoThreadsPassEveryTickInOrderThroughASmallRing() throws Exception {
        TickRing ring =
                new TickRing(16); // wraps every 16: the cached positions are refreshed often
        int n = 2_000_000;
        Thread producer =
                new Thread(
                        () -> {
                            MutableTick t = new MutableTick();
                            for (int i = 0; i < n; ) {
                                if (ring.offer(tick(t, i))) {
                                    i++;
                                } else {
                                    Thread.onSpinWait();
                                }
                            }
                        });
        producer.start();
        MutableTick out = new MutableTick();
        long expected = 0;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (expected < n && System.nanoTime() < deadline) {
            if (ring.poll(out)) {
                if (out.tradeId() != expected || out.price() != 100.0 + expected) {
                    break;
                }
                expected++;
            }
        }
        producer.join(10_000);
        assertThat(expected).isEqualTo(n);
    }

    private static MutableTick tick(MutableTick t, long i) {
        return t.set(BTC, i + 1, i + 2, i, 100.0 + i, 1.0, i % 2 == 0 ? Side.BUY : Side.SELL);
    }
}
