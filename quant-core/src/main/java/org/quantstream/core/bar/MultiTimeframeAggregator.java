package org.quantstream.core.bar;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.TickView;
import org.quantstream.core.util.Args;

/**
 * One symbol's trades into bars of several timeframes in one pass: each trade updates every
 * timeframe's bar in progress. The handler tells them apart by {@link BarView#spec()}; for one
 * trade, timeframes are visited shortest first.
 *
 * <p>Not thread-safe; confine to one thread. Allocates nothing per trade.
 */
public final class MultiTimeframeAggregator implements BarEmitter {
    private final TimeBarAggregator[] aggregators;

    private MultiTimeframeAggregator(TimeBarAggregator[] aggregators) {
        this.aggregators = aggregators;
    }

    /**
     * Creates the aggregator.
     *
     * @param symbol the instrument
     * @param timeframes the timeframes, at least one; duplicates are merged
     * @param handler receives the bars of every timeframe
     * @param gapPolicy the gap policy of every timeframe
     * @return the aggregator
     * @throws IllegalArgumentException if no timeframe is given
     */
    public static MultiTimeframeAggregator of(
            Symbol symbol, List<Timeframe> timeframes, BarHandler handler, GapPolicy gapPolicy) {
        Args.notNull(timeframes, "timeframes");
        if (timeframes.isEmpty()) {
            throw new IllegalArgumentException("timeframes must not be empty");
        }
        List<TimeBarAggregator> list = new ArrayList<>();
        for (Timeframe tf : new TreeSet<>(timeframes)) {
            list.add(TimeBarAggregator.builder(symbol, tf, handler).gapPolicy(gapPolicy).build());
        }
        return new MultiTimeframeAggregator(list.toArray(new TimeBarAggregator[0]));
    }

    @Override
    public void onTick(TickView tick) {
        for (TimeBarAggregator a : aggregators) {
            a.onTick(tick);
        }
    }

    @Override
    public void onTime(long nowNanos) {
        for (TimeBarAggregator a : aggregators) {
            a.onTime(nowNanos);
        }
    }

    @Override
    public void flush() {
        for (TimeBarAggregator a : aggregators) {
            a.flush();
        }
    }

    /**
     * The per-timeframe aggregators, shortest first.
     *
     * @return an immutable list
     */
    public List<TimeBarAggregator> aggregators() {
        return List.of(aggregators);
    }
}
