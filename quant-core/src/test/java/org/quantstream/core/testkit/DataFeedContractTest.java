package org.quantstream.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.quantstream.core.feed.DataFeed;
import org.quantstream.core.feed.FeedEvent;
import org.quantstream.core.feed.FeedEventListener;
import org.quantstream.core.feed.FeedStatus;
import org.quantstream.core.tick.TickView;

/**
 * The contract every {@link DataFeed} keeps. A provider's test extends this class and says how to
 * make a feed that delivers at least {@link #minimumTicks()} ticks; a finite feed ({@link
 * #expectedTicks()} &gt;= 0) must then complete with exactly that many.
 */
public abstract class DataFeedContractTest {
    /**
     * Creates a new, not started feed.
     *
     * @param listener to be set as the feed's event listener
     * @return the feed
     */
    protected abstract DataFeed createFeed(FeedEventListener listener);

    /**
     * How many ticks a finite feed delivers in all, or -1 for a feed that runs until closed.
     *
     * @return the count or -1
     */
    protected abstract long expectedTicks();

    /**
     * The prefix of the names of the threads the feed starts, to check none is left after close.
     *
     * @return the prefix
     */
    protected abstract String threadNamePrefix();

    /**
     * How many ticks the test waits for before it checks delivery.
     *
     * @return at least 1
     */
    protected long minimumTicks() {
        return expectedTicks() >= 0 ? Math.min(expectedTicks(), 100) : 100;
    }

    /**
     * How long a test may wait for delivery.
     *
     * @return the timeout
     */
    protected Duration timeout() {
        return Duration.ofSeconds(60);
    }

    @Test
    void shouldStartNewWithZeroStats() {
        try (DataFeed feed = createFeed(FeedEventListener.NONE)) {
            assertThat(feed.status()).isEqualTo(FeedStatus.NEW);
            assertThat(feed.stats().ticks()).isZero();
            assertThat(feed.name()).isNotBlank();
        }
    }

    @Test
    void shouldDeliverTicksOnItsOwnThread() throws Exception {
        AtomicLong delivered = new AtomicLong();
        AtomicReference<Thread> deliveringThread = new AtomicReference<>();
        AtomicReference<String> problem = new AtomicReference<>();
        try (DataFeed feed = createFeed(FeedEventListener.NONE)) {
            long[] lastId = new long[1];
            feed.start(
                    tick -> {
                        deliveringThread.compareAndSet(null, Thread.currentThread());
                        if (Thread.currentThread() != deliveringThread.get()) {
                            problem.compareAndSet(null, "delivered from two threads");
                        }
                        if (tick.symbol() == null || tick.tradeId() < 0 || !(tick.price() > 0)) {
                            problem.compareAndSet(null, "invalid tick " + tick);
                        }
                        lastId[0] = tick.tradeId();
                        delivered.incrementAndGet();
                    });
            long deadline = System.nanoTime() + timeout().toNanos();
            while (delivered.get() < minimumTicks()
                    && System.nanoTime() < deadline
                    && !feed.status().isTerminal()) {
                Thread.sleep(5);
            }
            if (expectedTicks() >= 0) {
                assertThat(feed.awaitTermination(timeout())).as("finite feed terminates").isTrue();
                assertThat(feed.status()).isEqualTo(FeedStatus.COMPLETED);
                assertThat(delivered.get()).isEqualTo(expectedTicks());
                assertThat(feed.stats().ticks()).isEqualTo(expectedTicks());
            } else {
                assertThat(delivered.get()).isGreaterThanOrEqualTo(minimumTicks());
                assertThat(feed.stats().ticks()).isGreaterThanOrEqualTo(minimumTicks());
            }
        }
        assertThat(problem.get()).isNull();
        assertThat(deliveringThread.get()).isNotNull().isNotSameAs(Thread.currentThread());
    }

    @Test
    void shouldRefuseASecondStart() {
        try (DataFeed feed = createFeed(FeedEventListener.NONE)) {
            feed.start(tick -> {});
            assertThatThrownBy(() -> feed.start(tick -> {}))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void shouldRefuseStartAfterClose() {
        DataFeed feed = createFeed(FeedEventListener.NONE);
        feed.close();
        assertThat(feed.status()).isEqualTo(FeedStatus.CLOSED);
        assertThatThrownBy(() -> feed.start(tick -> {})).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldStopDeliveringAndLeaveNoThreadWhenClosed() throws Exception {
        AtomicLong delivered = new AtomicLong();
        DataFeed feed = createFeed(FeedEventListener.NONE);
        feed.start(tick -> delivered.incrementAndGet());
        long deadline = System.nanoTime() + timeout().toNanos();
        while (delivered.get() == 0
                && System.nanoTime() < deadline
                && !feed.status().isTerminal()) {
            Thread.sleep(1);
        }
        feed.close();
        feed.close(); // idempotent
        long atClose = delivered.get();
        assertThat(feed.status().isTerminal()).isTrue();
        assertThat(feed.awaitTermination(Duration.ZERO)).isTrue();
        Thread.sleep(50);
        assertThat(delivered.get()).as("no tick after close returned").isEqualTo(atClose);
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.isAlive() && t.getName().startsWith(threadNamePrefix()));
    }

    @Test
    void shouldTellTheListenerEveryStatusChange() throws Exception {
        List<FeedEvent> events = new CopyOnWriteArrayList<>();
        DataFeed feed = createFeed(events::add);
        feed.start(TickView::price);
        if (expectedTicks() >= 0) {
            assertThat(feed.awaitTermination(timeout())).isTrue();
        }
        feed.close();
        assertThat(events).isNotEmpty();
        assertThat(events.get(events.size() - 1).status()).isEqualTo(feed.status());
        assertThat(events.get(events.size() - 1).status().isTerminal()).isTrue();
        assertThat(events).allSatisfy(e -> assertThat(e.feed()).isEqualTo(feed.name()));
    }
}
