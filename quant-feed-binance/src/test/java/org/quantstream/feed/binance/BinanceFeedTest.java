package org.quantstream.feed.binance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quantstream.core.feed.FeedStats;
import org.quantstream.core.tick.Tick;

/**
 * The feed against the local simulator replaying the real tapes (BTCUSDT 20,xxx and ETHUSDT 1x,xxx
 * aggregate trades over six recorded minutes at 120x): under every fault, each symbol's trades
 * arrive exactly once, in id order, with the source's total volume and notional.
 */
@ExtendWith(LeakDetector.class)
class BinanceFeedTest {
    private static final double SPEED = 120;

    /**
     * The rotation tests' replay speed: nine seconds of data, so that a rotation 0.7 s in completes
     * its handover while trades still flow, even on a loaded machine (at 120x the three seconds ran
     * out first under load: no data, no takeover, no rotation counted).
     */
    private static final double ROTATION_SPEED = 40;

    private static final Duration WAIT = Duration.ofSeconds(60);

    static BinanceFeedConfig.Builder fast() {
        return BinanceFeedConfig.builder()
                .backoff(Duration.ofMillis(50), Duration.ofMillis(500))
                .stallTimeout(Duration.ofSeconds(2));
    }

    @Test
    void shouldDeliverEveryTradeOnceOnAHealthyConnection() throws Exception {
        try (FeedHarness h = new FeedHarness(SimulatorConfig.builder().speed(SPEED), fast())) {
            h.awaitAll(WAIT).assertCompleteAndUnique();
            FeedStats s = h.feed.stats();
            assertThat(s.reconnects()).isZero();
            assertThat(s.gaps()).isZero();
            assertThat(s.duplicates()).isZero();
            assertThat(s.extra().get("connects")).isEqualTo(1);
            assertThat(s.extra().get("frames.control")).as("subscriptions verified").isPositive();
            assertThat(h.errors).isEmpty();
        }
    }

    @Test
    void shouldReconnectAndBackfillWhatItMissedWhenTheServerDisconnects() throws Exception {
        try (FeedHarness h =
                new FeedHarness(
                        SimulatorConfig.builder().speed(SPEED).disconnectEvery(3_000), fast())) {
            h.awaitAll(WAIT).assertCompleteAndUnique();
            FeedStats s = h.feed.stats();
            assertThat(s.reconnects()).as("reconnects").isPositive();
            assertThat(s.backfilled())
                    .as("trades recovered over REST after each reconnect")
                    .isPositive();
            assertThat(s.extra().get("unresolvedGaps")).isZero();
        }
    }

    @Test
    void shouldReplaceAStalledSocketAndBackfill() throws Exception {
        try (FeedHarness h =
                new FeedHarness(
                        SimulatorConfig.builder().speed(SPEED).stall(5_000, Duration.ofSeconds(30)),
                        fast().stallTimeout(Duration.ofMillis(500)))) {
            h.awaitAll(WAIT).assertCompleteAndUnique();
            assertThat(h.feed.stats().extra().get("reconnects.stall")).isPositive();
            assertThat(h.feed.stats().backfilled()).isPositive();
        }
    }

    @Test
    void shouldCountGarbageFramesWithoutLosingTheStream() throws Exception {
        try (FeedHarness h =
                new FeedHarness(
                        SimulatorConfig.builder().speed(SPEED).garbageEvery(1_000), fast())) {
            h.awaitAll(WAIT).assertCompleteAndUnique();
            FeedStats s = h.feed.stats();
            assertThat(s.malformed()).isPositive();
            assertThat(s.extra().get("frames.badJson")).isEqualTo(s.malformed());
            assertThat(h.deadLetters)
                    .hasSize((int) s.malformed())
                    .allSatisfy(t -> assertThat(t).contains("\"p\":"));
            assertThat(s.reconnects()).isZero();
        }
    }

    @Test
    void shouldDropTheDuplicatesAServerReplaysAfterAReconnect() throws Exception {
        try (FeedHarness h =
                new FeedHarness(
                        SimulatorConfig.builder()
                                .speed(SPEED)
                                .disconnectEvery(4_000)
                                .duplicateOnReconnect(50),
                        fast())) {
            h.awaitAll(WAIT).assertCompleteAndUnique();
            assertThat(h.feed.stats().duplicates()).isPositive();
        }
    }

    @Test
    void shouldBackfillIdsTheStreamNeverSentEvenThroughHttp429() throws Exception {
        long btcFirst = FeedHarness.firstBtcAggId();
        try (FeedHarness h =
                new FeedHarness(
                        SimulatorConfig.builder()
                                .speed(SPEED)
                                .dropIds(btcFirst + 100, btcFirst + 2_600)
                                .rest429Every(2),
                        fast())) {
            h.awaitAll(WAIT).assertCompleteAndUnique();
            FeedStats s = h.feed.stats();
            assertThat(s.gaps()).isEqualTo(1);
            assertThat(s.backfilled()).isEqualTo(2_501);
            assertThat(s.extra().get("rest429")).isPositive();
        }
    }

    @Test
    @org.junit.jupiter.api.Tag("faults")
    void shouldQuarantineAHostileIdInsteadOfLettingItPoisonTheSymbol() throws Exception {
        for (boolean backfill : new boolean[] {true, false}) {
            try (FeedHarness h =
                    new FeedHarness(
                            SimulatorConfig.builder().speed(SPEED).hostileIdEvery(997),
                            fast().backfill(backfill))) {
                // before the fix one frame with id 999999999999999999 made every later trade a
                // "duplicate": nothing after it was delivered
                h.awaitAll(WAIT).assertCompleteAndUnique();
                FeedStats s = h.feed.stats();
                assertThat(s.extra().get("suspectIds")).as("backfill " + backfill).isPositive();
                assertThat(s.duplicates()).isZero();
                assertThat(h.deadLetters)
                        .anyMatch(
                                l ->
                                        l.startsWith("suspect trade id 999999999999999999 of ")
                                                && l.contains(
                                                        backfill
                                                                ? "REST does not have it"
                                                                : "no backfill to confirm it"));
            }
        }
    }

    @Test
    @org.junit.jupiter.api.Tag("faults")
    void shouldTakeALargeRealJumpOnceRestConfirmsIt() throws Exception {
        long btcFirst = FeedHarness.firstBtcAggId();
        try (FeedHarness h =
                new FeedHarness(
                        SimulatorConfig.builder()
                                .speed(SPEED)
                                .dropIds(btcFirst + 100, btcFirst + 2_600),
                        fast().maxIdJump(1_000))) {
            h.awaitAll(WAIT).assertCompleteAndUnique();
            FeedStats s = h.feed.stats();
            assertThat(s.extra().get("suspectIds")).isZero();
            assertThat(s.backfilled()).isEqualTo(2_501);
        }
    }

    @Test
    @org.junit.jupiter.api.Tag("faults")
    void shouldSortUnorderedRestPagesAndLoseNothing() throws Exception {
        try (FeedHarness h =
                new FeedHarness(
                        SimulatorConfig.builder()
                                .speed(SPEED)
                                .disconnectEvery(3_000)
                                .restUnordered(true),
                        fast())) {
            h.awaitAll(WAIT).assertCompleteAndUnique();
            assertThat(h.feed.stats().backfilled()).isPositive();
            assertThat(h.feed.stats().extra().get("unresolvedGaps")).isZero();
        }
    }

    @Test
    @org.junit.jupiter.api.Tag("faults")
    void shouldRefuseBadRestValuesAndCountWhatTheyLeaveMissing() throws Exception {
        try (FeedHarness h =
                new FeedHarness(
                        SimulatorConfig.builder()
                                .speed(SPEED)
                                .disconnectEvery(3_000)
                                .restBadValueEvery(7),
                        fast())) {
            h.awaitAll(Duration.ofSeconds(20));
            FeedStats s = h.feed.stats();
            long delivered = 0;
            long expected = 0;
            for (org.quantstream.core.tick.Symbol sym : List.of(FeedHarness.BTC, FeedHarness.ETH)) {
                List<org.quantstream.core.tick.Tick> got = List.copyOf(h.received.get(sym));
                delivered += got.size();
                expected += h.sim.aggTradeTotals(sym.name())[0];
                for (int i = 0; i < got.size(); i++) {
                    org.quantstream.core.tick.Tick t = got.get(i);
                    assertThat(t.price()).isPositive().isFinite();
                    assertThat(t.quantity()).isPositive();
                    assertThat(t.eventTimeNanos()).isGreaterThan(1_483_228_800_000_000_000L);
                    if (i > 0) {
                        assertThat(t.tradeId()).isGreaterThan(got.get(i - 1).tradeId());
                    }
                }
            }
            // before: prices -1/NaN/0 and times 0 were delivered as trades
            assertThat(s.extra().get("restRejected")).isPositive();
            assertThat(s.backfilled()).isPositive();
            assertThat(delivered).isLessThan(expected);
            assertThat(s.extra().get("unresolvedGaps"))
                    .as("the trades REST corrupted are counted missing, not silently skipped")
                    .isPositive();
        }
    }

    @Test
    void shouldRetryARotationWhoseNewConnectionIsRefused() throws Exception {
        try (FeedHarness h =
                new FeedHarness(
                        SimulatorConfig.builder().speed(ROTATION_SPEED).refuseEvery(2),
                        fast().rotateAfter(Duration.ofMillis(700)))) {
            h.awaitAll(WAIT).assertCompleteAndUnique();
            FeedStats s = h.feed.stats();
            // handshakes 2, 4, ... are refused: every rotation first fails, then succeeds
            assertThat(s.extra().get("rotationFailures")).isPositive();
            assertThat(s.extra().get("reconnects.rotation")).isPositive();
            assertThat(s.extra().get("reconnects.error")).as("no connection was lost").isZero();
            assertThat(s.extra().get("reconnects.serverClose")).isZero();
        }
    }

    @Test
    void shouldRotateTheConnectionBeforeItsLifetimeWithoutLossOrDuplicates() throws Exception {
        try (FeedHarness h =
                new FeedHarness(
                        SimulatorConfig.builder().speed(ROTATION_SPEED),
                        fast().rotateAfter(Duration.ofMillis(700)))) {
            h.awaitAll(WAIT).assertCompleteAndUnique();
            FeedStats s = h.feed.stats();
            assertThat(s.extra().get("reconnects.rotation")).isPositive();
            assertThat(s.extra().get("connects")).isGreaterThan(1);
        }
    }

    @Test
    void shouldLetTheReplacementTakeOverWhenTheOldConnectionDiesDuringARotation() throws Exception {
        // every connection lives 1 s; a rotation starts at 0.7 s, but its handshake takes 0.6 s:
        // the old connection always dies while its replacement is still handshaking
        try (FeedHarness h =
                new FeedHarness(
                        SimulatorConfig.builder()
                                .speed(SPEED)
                                .lifetime(Duration.ofMillis(1000))
                                .slowHandshakes(Duration.ofMillis(600)),
                        fast().rotateAfter(Duration.ofMillis(700)))) {
            int most = 0;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline
                    && (h.lastId(FeedHarness.BTC) != h.sim.aggTradeTotals("BTCUSDT")[2]
                            || h.lastId(FeedHarness.ETH) != h.sim.aggTradeTotals("ETHUSDT")[2])) {
                most = Math.max(most, h.sim.openConnections());
                Thread.sleep(5);
            }
            h.assertCompleteAndUnique();
            FeedStats s = h.feed.stats();
            assertThat(s.extra().get("reconnects.serverClose"))
                    .as("old connections died mid-rotation; " + s)
                    .isPositive();
            // a reconnect scheduled next to the replacement left two connections open at once
            assertThat(most).as("connections open at once").isEqualTo(1);
        }
    }

    @Test
    void shouldSurviveAnOversizedFrame() throws Exception {
        try (FeedHarness h =
                new FeedHarness(
                        SimulatorConfig.builder().speed(SPEED).oversizedAfter(2_000), fast())) {
            h.awaitAll(WAIT).assertCompleteAndUnique();
            assertThat(h.feed.stats().extra().get("frames.oversized")).isPositive();
        }
    }

    @Test
    void shouldResumeAfterTheLastStoredIdBackfillingTheRest() throws Exception {
        long btcFirst = FeedHarness.firstBtcAggId();
        // the simulator starts publishing at the first subscription; everything before "now" is on
        // REST only
        try (FeedHarness h =
                new FeedHarness(
                        SimulatorConfig.builder().speed(SPEED),
                        fast().resumeAfter(FeedHarness.BTC, btcFirst - 1))) {
            h.awaitAll(WAIT).assertCompleteAndUnique();
        }
    }

    @Test
    void shouldTreatAMissingPongAsADeadConnection() throws Exception {
        try (FeedHarness h =
                new FeedHarness(
                        SimulatorConfig.builder().speed(SPEED).answerPings(false),
                        fast().pingInterval(Duration.ofMillis(300))
                                .pongTimeout(Duration.ofMillis(300)))) {
            h.awaitAll(WAIT).assertCompleteAndUnique();
            assertThat(h.feed.stats().extra().get("reconnects.pongTimeout")).isPositive();
        }
    }

    @Test
    @org.junit.jupiter.api.Tag("faults")
    void shouldReassembleFragmentedMessages() throws Exception {
        try (FeedHarness h =
                new FeedHarness(SimulatorConfig.builder().speed(SPEED).fragmentEvery(3), fast())) {
            // before: every fragment was a malformed frame (963 counted) and its trade lost until
            // a backfill
            h.awaitAll(WAIT).assertCompleteAndUnique();
            FeedStats s = h.feed.stats();
            assertThat(s.malformed()).isZero();
            assertThat(s.gaps()).isZero();
            assertThat(s.backfilled()).isZero();
        }
    }

    @Test
    @org.junit.jupiter.api.Tag("faults")
    void shouldIgnoreAFloodOfUnsolicitedControlReplies() throws Exception {
        try (FeedHarness h =
                new FeedHarness(
                        SimulatorConfig.builder().speed(SPEED).controlFlood(2_000), fast())) {
            h.awaitAll(WAIT).assertCompleteAndUnique();
            // each "result":[] once triggered a SUBSCRIBE (and a scheduled task while rate
            // limited): 2,000 replies would have been 2,000 more SUBSCRIBEs
            assertThat(h.sim.subscribes())
                    .as("the streams are in the URL: nothing to repair")
                    .isZero();
            assertThat(h.sim.policyCloses()).isZero();
            assertThat(h.feed.stats().extra().get("controlDrops")).isZero();
        }
    }

    @Test
    void shouldRepairMissingSubscriptionsWithinTheControlRateLimit() throws Exception {
        try (FeedHarness h =
                new FeedHarness(
                        SimulatorConfig.builder().speed(SPEED).ignoreUrlStreams(true), fast())) {
            h.awaitAll(WAIT).assertCompleteAndUnique();
            assertThat(h.sim.subscribes())
                    .as("SUBSCRIBE sent for the missing streams")
                    .isPositive();
            assertThat(h.sim.policyCloses())
                    .as("never above 10 control messages a second")
                    .isZero();
        }
    }

    @Test
    void shouldDropOnOverflowAndBackfillTheDroppedIds() throws Exception {
        try (FeedHarness h =
                new FeedHarness(
                        SimulatorConfig.builder().speed(SPEED),
                        fast().ringCapacity(16)
                                .overflow(BinanceFeedConfig.Overflow.DROP)
                                // every drop burst costs an aggTrades page; Binance's 2,400 a
                                // minute would make this test wait for minutes
                                .restWeightPerMinute(1_000_000))) {
            h.slowConsumer = true;
            h.awaitAll(WAIT).assertCompleteAndUnique();
            FeedStats s = h.feed.stats();
            assertThat(s.extra().get("overflowDrops")).isPositive();
            assertThat(s.backfilled()).isPositive();
        }
    }

    @Test
    void shouldPushBackOnOverflowWithoutDropping() throws Exception {
        try (FeedHarness h =
                new FeedHarness(
                        SimulatorConfig.builder().speed(SPEED), fast().ringCapacity(1024))) {
            h.slowConsumer = true;
            h.awaitAll(WAIT).assertCompleteAndUnique();
            assertThat(h.feed.stats().extra().get("overflowDrops")).isZero();
            assertThat(h.feed.stats().extra().get("reconnects.stall"))
                    .as("a paused read is not a stall")
                    .isZero();
        }
    }

    @Test
    void shouldKeepRetryingUntilTheExchangeComesUp() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort(); // closed again: connections are refused until the simulator
        }
        String base = "127.0.0.1:" + port;
        java.util.List<Tick> got = new java.util.concurrent.CopyOnWriteArrayList<>();
        LeakDetector.install();
        try (BinanceFeed feed =
                new BinanceFeed(
                        org.quantstream.core.feed.FeedConfig.builder().build(),
                        fast().symbol(FeedHarness.BTC)
                                .wsUrl("ws://" + base)
                                .restUrl("http://" + base)
                                .build())) {
            feed.start(t -> got.add(Tick.copyOf(t)));
            Thread.sleep(1_500); // several refused attempts, 50 to 500 ms apart
            long refused = feed.stats().extra().get("connectFailures");
            assertThat(feed.stats().extra().get("connects")).isZero();
            // one attempt at a time, backing off 50 ms, up to 100, 200, 400, 500 ms: at most 15
            // in 1.5 s (the attempts doubled with every failure when a bug scheduled twice)
            assertThat(refused).isBetween(2L, 15L);
            try (BinanceSimulator sim =
                    BinanceSimulator.start(
                            SimulatorConfig.builder()
                                    .port(port)
                                    .speed(SPEED)
                                    .data(
                                            java.util.List.of(
                                                    org.quantstream.core.testkit.TestData.file(
                                                            org.quantstream.core.testkit.TestData
                                                                    .BTC_2024_08_08)))
                                    .build())) {
                long[] totals = sim.aggTradeTotals("BTCUSDT");
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (System.nanoTime() < deadline
                        && (got.isEmpty() || got.get(got.size() - 1).tradeId() != totals[2])) {
                    Thread.sleep(20);
                }
                assertThat(got).hasSize((int) totals[0]);
                for (int i = 0; i < got.size(); i++) {
                    assertThat(got.get(i).tradeId()).isEqualTo(totals[1] + i);
                }
                assertThat(feed.stats().extra().get("connects")).isEqualTo(1);
            }
        }
        LeakDetector.assertNoLeaks();
    }
}
