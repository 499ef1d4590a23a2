package org.quantstream.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ManualClockTest {
    @Test
    void shouldMoveOnlyWhenTold() {
        ManualClock clock = new ManualClock(1_000);
        assertThat(clock.epochNanos()).isEqualTo(1_000);
        assertThat(clock.advance(500)).isEqualTo(1_500);
        clock.set(42);
        assertThat(clock.epochNanos()).isEqualTo(42);
    }

    @Test
    void shouldFollowTheWallClockWithTheSystemClock() {
        long before = System.currentTimeMillis() * 1_000_000L;
        long now = EpochNanoClock.system().epochNanos();
        long after = System.currentTimeMillis() * 1_000_000L;
        assertThat(now).isBetween(before - 2_000_000L, after + 2_000_000L);
    }
}
