package org.quantstream.feed.binance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quantstream.core.feed.FeedStats;

/**
 * Soak: the whole real 2024-08-08 tape (5 min 44 s of BTCUSDT and ETHUSDT) near real time through
 * every fault the simulator has at once, drawn from a seeded random source, and then the exact
 * totals: every aggregate trade once, in id order, with the source's volume and VWAP numerator.
 *
 * <p>Runs only in the {@code soak} profile ({@code ./mvnw -B -Psoak -pl quant-feed-binance -am
 * verify}), which CI runs after the default build. {@code -Dsoak.speed=X} replays faster (default
 * 1.2: about 5 minutes), {@code -Dsoak.seed=N} repeats a run (the seed is printed).
 */
@Tag("soak")
class BinanceFeedSoakTest {

    @Test
    void shouldLoseNothingThroughMinutesOfRandomFaults() throws Exception {
        double speed = Double.parseDouble(System.getProperty("soak.speed", "1.2"));
        long seed = Long.getLong("soak.seed", System.nanoTime());
        System.out.println("soak seed " + seed + " speed " + speed);
        SplittableRandom r = new SplittableRandom(seed);

        long btcFirst = FeedHarness.firstBtcAggId();
        long dropFrom = btcFirst + r.nextInt(500, 8_000);
        SimulatorConfig.Builder sim =
                SimulatorConfig.builder()
                        .speed(speed)
                        .disconnectEvery(r.nextInt(800, 3_000))
                        .stall(r.nextInt(1_000, 4_000), Duration.ofMillis(r.nextInt(1_500, 4_000)))
                        .garbageEvery(r.nextInt(200, 1_500))
                        .duplicateOnReconnect(r.nextInt(1, 200))
                        .dropIds(dropFrom, dropFrom + r.nextInt(1, 1_500))
                        .oversizedAfter(r.nextInt(100, 5_000))
                        .rest429Every(r.nextInt(3, 10))
                        .refuseEvery(r.nextInt(2, 8))
                        .lifetime(Duration.ofSeconds(r.nextInt(30, 90)))
                        .pingInterval(Duration.ofSeconds(r.nextInt(3, 20)));
        BinanceFeedConfig.Builder feed =
                BinanceFeedConfig.builder()
                        .backoff(Duration.ofMillis(50), Duration.ofSeconds(2))
                        .stallTimeout(Duration.ofSeconds(1))
                        .pingInterval(Duration.ofSeconds(2))
                        .pongTimeout(Duration.ofSeconds(2))
                        .rotateAfter(Duration.ofSeconds(r.nextInt(20, 60)))
                        .ringCapacity(r.nextBoolean() ? 64 : 8192)
                        .overflow(
                                r.nextBoolean()
                                        ? BinanceFeedConfig.Overflow.BLOCK
                                        : BinanceFeedConfig.Overflow.DROP);
        Duration tape = Duration.ofMillis((long) (344_000 / speed));
        try (FeedHarness h = new FeedHarness(sim, feed)) {
            h.slowConsumer = r.nextBoolean();
            h.awaitAll(tape.plusMinutes(2)).assertCompleteAndUnique();
            FeedStats s = h.feed.stats();
            System.out.println("soak stats " + s + " deadLetters " + h.deadLetters.size());
            assertThat(s.reconnects()).as("faults were injected").isPositive();
            assertThat(s.backfilled()).isPositive();
            // which other faults fire depends on the draw (a connection may die before its garbage
            // frame is due), so only their harmlessness is asserted, by the totals above
            assertThat(h.sim.policyCloses()).as("control rate limit never tripped").isZero();
        }
    }
}
