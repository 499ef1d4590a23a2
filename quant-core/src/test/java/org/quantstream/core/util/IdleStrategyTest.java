package org.quantstream.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

class IdleStrategyTest {
    @Test
    void shouldSpinThenYieldThenParkWithADoublingPeriodAndStartAgainOnWork() {
        BackoffIdleStrategy s = new BackoffIdleStrategy(3, 2, 1_000, 8_000);
        for (int i = 0; i < 5; i++) {
            assertThat(s.parking()).as("step " + i).isFalse();
            s.idle(0);
        }
        assertThat(s.parking()).isTrue();
        assertThat(s.nextParkNanos()).isEqualTo(1_000);
        s.idle(0);
        assertThat(s.nextParkNanos()).isEqualTo(2_000);
        s.idle(0);
        s.idle(0);
        s.idle(0);
        assertThat(s.nextParkNanos()).as("capped").isEqualTo(8_000);
        s.idle(1);
        assertThat(s.parking()).as("work resets the back-off").isFalse();
        assertThat(s.nextParkNanos()).isEqualTo(1_000);
    }

    @Test
    void shouldUseLittleCpuWhenIdle() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        IdleStrategy s = IdleStrategy.backoff();
        long cpu0 = mx.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        while (System.nanoTime() - wall0 < 500_000_000L) {
            s.idle(0);
        }
        long cpu = mx.getCurrentThreadCpuTime() - cpu0;
        // a busy spin burns the whole 500 ms; parking up to 1 ms a time needs a small part of it
        assertThat(cpu).as("CPU ns in 500 ms idle").isLessThan(250_000_000L);
    }

    @Test
    void shouldRefuseBadBounds() {
        assertThatThrownBy(() -> IdleStrategy.backoff(-1, 0, 1, 1))
                .hasMessageContaining("maxSpins");
        assertThatThrownBy(() -> IdleStrategy.backoff(0, 0, 10, 5))
                .hasMessageContaining("maxParkNanos must be >= minParkNanos (10), was 5");
        assertThatThrownBy(() -> IdleStrategy.park(0)).hasMessageContaining("parkNanos");
    }

    @Test
    void shouldMakeEachStrategyByNameAndRefuseAnUnknownOne() {
        assertThat(IdleStrategy.named("backoff")).isInstanceOf(BackoffIdleStrategy.class);
        assertThat(IdleStrategy.named(" SPIN ")).isSameAs(IdleStrategy.busySpin());
        IdleStrategy y = IdleStrategy.named("yield");
        y.idle(0); // yields and returns
        y.idle(1);
        long t0 = System.nanoTime();
        IdleStrategy.named("park").idle(0);
        assertThat(System.nanoTime() - t0).as("parks about 1 ms").isGreaterThan(500_000L);
        assertThatThrownBy(() -> IdleStrategy.named("sleep"))
                .hasMessage("unknown idle strategy 'sleep': use backoff, yield, spin or park");
    }
}
