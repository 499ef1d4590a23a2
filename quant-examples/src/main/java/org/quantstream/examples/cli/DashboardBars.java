package org.quantstream.examples.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.pipeline.Pipeline;
import org.quantstream.core.pipeline.TickSource;
import org.quantstream.core.tick.Symbol;
import org.quantstream.store.chronicle.ChronicleTickStore;
import org.quantstream.store.chronicle.ChronicleTickStoreConfig;

/**
 * Uploaded bars in the dashboard's tabs: a symbol's bars are built from the store's ticks, or are
 * the uploaded ones; the store-reading tabs run their pipeline on the bars of both kinds, handed
 * over in time order with {@link Pipeline#acceptBar} (as {@code quant pair} and {@code quant
 * backtest} do with two bar files). Stateless.
 */
final class DashboardBars {
    private DashboardBars() {}

    /** Whether any of the symbols was uploaded. */
    static boolean involves(DashboardData data, List<Symbol> symbols) {
        return data != null && symbols.stream().anyMatch(s -> data.uploaded(s.name()) != null);
    }

    /**
     * Each symbol's bars at {@code tf}: the uploaded ones (their timeframe must be {@code tf}) or
     * those the store's ticks make.
     *
     * @throws IllegalArgumentException for an uploaded symbol of another timeframe
     */
    static Map<Symbol, List<Bar>> of(
            Path store, DashboardData data, List<Symbol> symbols, Timeframe tf) {
        Map<Symbol, List<Bar>> out = new LinkedHashMap<>();
        List<Symbol> fromStore = new ArrayList<>();
        for (Symbol s : symbols) {
            List<Bar> up = data == null ? null : data.uploaded(s.name());
            if (up == null) {
                fromStore.add(s);
                out.put(s, new ArrayList<>());
            } else {
                check(s, up, tf);
                out.put(s, up);
            }
        }
        if (!fromStore.isEmpty()) {
            try (ChronicleTickStore st =
                    ChronicleTickStore.open(
                            ChronicleTickStoreConfig.builder(store).readOnly(true).build())) {
                Pipeline.builder()
                        .source(TickSource.replay(st, Long.MIN_VALUE, Long.MAX_VALUE))
                        .symbols(fromStore.toArray(Symbol[]::new))
                        .timeframes(tf)
                        .onBar(b -> out.get(b.symbol()).add(b))
                        .build()
                        .run();
            }
        }
        return out;
    }

    /** An uploaded series can take part at its own timeframe only. */
    static void check(Symbol s, List<Bar> up, Timeframe tf) {
        Timeframe own = up.get(0).timeframe();
        if (!own.equals(tf)) {
            throw new IllegalArgumentException(
                    "timeframe: "
                            + s
                            + " was uploaded as "
                            + own
                            + " bars; choose "
                            + own
                            + " to use it");
        }
    }

    /** The legs of the page's pair for the store-reading tabs: the store's, or bars. */
    static PairInput.Legs legs(Path store, DashboardData data, DashboardSettings set) {
        if (!involves(data, List.of(set.a(), set.b()))) {
            return PairInput.Legs.ofStore(store, set.a(), set.b(), set.timeframe());
        }
        Map<Symbol, List<Bar>> bars = of(store, data, List.of(set.a(), set.b()), set.timeframe());
        return PairInput.Legs.ofBars(
                set.a(), set.b(), set.timeframe(), bars.get(set.a()), bars.get(set.b()));
    }

    /** Runs a pipeline with no ticks on these bars, in time order, then closes it. */
    static void run(Pipeline p, Map<Symbol, List<Bar>> bars) {
        List<Bar> all = new ArrayList<>();
        bars.values().forEach(all::addAll);
        all.sort(Comparator.comparingLong(Bar::openTimeNanos)); // stable: per symbol in order
        p.doWork();
        for (Bar b : all) {
            p.acceptBar(b);
        }
        p.close();
    }
}
