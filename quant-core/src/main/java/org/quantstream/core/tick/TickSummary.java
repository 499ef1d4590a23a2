package org.quantstream.core.tick;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Per-symbol facts about a stream of ticks: counts, trade-id range and continuity, time range,
 * price range, volume and VWAP. A tick whose trade id is not greater than the highest seen for its
 * symbol is a duplicate: counted in {@code duplicates} and left out of every other figure. A trade
 * id more than one above the highest seen is a gap (one per jump, however many ids it skips).
 *
 * <p>Volume and notional are summed with Neumaier's compensated summation. Not thread-safe; {@link
 * #onTick} allocates only the first time a symbol is seen.
 */
public final class TickSummary implements TickHandler {
    /**
     * The facts for one symbol.
     *
     * @param symbol the instrument
     * @param count distinct trades (duplicates excluded)
     * @param firstTradeId trade id of the first trade
     * @param lastTradeId highest trade id
     * @param firstTimeNanos event time of the first trade, epoch ns
     * @param lastTimeNanos event time of the last trade, epoch ns
     * @param minPrice lowest price
     * @param maxPrice highest price
     * @param volume sum of quantities
     * @param vwap volume-weighted average price
     * @param duplicates ticks whose id was not above the highest seen
     * @param gaps jumps in trade ids
     */
    public record SymbolSummary(
            Symbol symbol,
            long count,
            long firstTradeId,
            long lastTradeId,
            long firstTimeNanos,
            long lastTimeNanos,
            double minPrice,
            double maxPrice,
            double volume,
            double vwap,
            long duplicates,
            long gaps) {}

    private Acc[] bySymbol = new Acc[8];

    /** Creates an empty summary. */
    public TickSummary() {}

    @Override
    public void onTick(TickView tick) {
        int id = tick.symbol().id();
        if (id >= bySymbol.length) {
            bySymbol = Arrays.copyOf(bySymbol, Math.max(id + 1, bySymbol.length * 2));
        }
        Acc a = bySymbol[id];
        if (a == null) {
            a = new Acc(tick.symbol());
            bySymbol[id] = a;
        }
        a.add(tick);
    }

    /**
     * The summaries, by symbol name.
     *
     * @return one entry per symbol seen
     */
    public List<SymbolSummary> summaries() {
        List<SymbolSummary> out = new ArrayList<>();
        for (Acc a : bySymbol) {
            if (a != null) {
                out.add(a.snapshot());
            }
        }
        out.sort(Comparator.comparing(SymbolSummary::symbol));
        return out;
    }

    private static final class Acc {
        final Symbol symbol;
        long count;
        long firstId = -1;
        long lastId = -1;
        long firstTime;
        long lastTime;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double volume;
        double volumeC;
        double notional;
        double notionalC;
        long duplicates;
        long gaps;

        Acc(Symbol symbol) {
            this.symbol = symbol;
        }

        void add(TickView t) {
            long id = t.tradeId();
            if (count > 0 && id <= lastId) {
                duplicates++;
                return;
            }
            if (count == 0) {
                firstId = id;
                firstTime = t.eventTimeNanos();
            } else if (id > lastId + 1) {
                gaps++;
            }
            lastId = id;
            lastTime = t.eventTimeNanos();
            count++;
            double p = t.price();
            double q = t.quantity();
            min = Math.min(min, p);
            max = Math.max(max, p);
            // Neumaier summation: keep the low-order bits each addition loses.
            double v = volume + q;
            volumeC += Math.abs(volume) >= Math.abs(q) ? (volume - v) + q : (q - v) + volume;
            volume = v;
            double pq = p * q;
            double n = notional + pq;
            notionalC +=
                    Math.abs(notional) >= Math.abs(pq) ? (notional - n) + pq : (pq - n) + notional;
            notional = n;
        }

        SymbolSummary snapshot() {
            double vol = volume + volumeC;
            double not = notional + notionalC;
            return new SymbolSummary(
                    symbol,
                    count,
                    firstId,
                    lastId,
                    firstTime,
                    lastTime,
                    min,
                    max,
                    vol,
                    vol > 0 ? not / vol : Double.NaN,
                    duplicates,
                    gaps);
        }
    }
}
