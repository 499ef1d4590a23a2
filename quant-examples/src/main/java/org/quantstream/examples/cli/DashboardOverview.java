package org.quantstream.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.quantstream.core.store.TickCursor;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.TickSummary;
import org.quantstream.store.chronicle.ChronicleTickStore;
import org.quantstream.store.chronicle.ChronicleTickStoreConfig;

/**
 * The dashboard's Overview tab ({@code GET /api/overview}): per symbol in the store, the latest
 * price, the change over the last hour and since the first trade, volume, trade count and VWAP (the
 * {@link TickSummary} {@code quant ticks --summary} prints), high and low, and the last price of
 * each minute for a sparkline. One read of the store (read-only) per request, on the API thread.
 */
final class DashboardOverview implements Supplier<String> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long HOUR = 3_600_000_000_000L;
    private static final long MINUTE = 60_000_000_000L;

    private final Path store;

    private final DashboardData data;

    DashboardOverview(Path store, DashboardData data) {
        this.store = store;
        this.data = data;
    }

    /** An uploaded series' card from its bars (trades and VWAP only when the file gave them). */
    static Map<String, Object> uploaded(String symbol, List<org.quantstream.core.bar.Bar> bars) {
        org.quantstream.core.bar.Bar first = bars.get(0);
        org.quantstream.core.bar.Bar last = bars.get(bars.size() - 1);
        double volume = 0;
        double quote = 0;
        long trades = 0;
        double high = Double.NEGATIVE_INFINITY;
        double low = Double.POSITIVE_INFINITY;
        TreeMap<Long, Double> closes = new TreeMap<>();
        for (org.quantstream.core.bar.Bar b : bars) {
            volume += b.volume();
            quote += b.quoteVolume();
            trades += b.tradeCount();
            high = Math.max(high, b.high());
            low = Math.min(low, b.low());
            closes.put(Math.floorDiv(b.openTimeNanos(), MINUTE) * MINUTE, b.close());
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("symbol", symbol);
        row.put("uploaded", true);
        row.put("last", last.close());
        row.put("first", first.open());
        row.put("changePct", (last.close() / first.open() - 1) * 100);
        Map.Entry<Long, Double> hourAgo = closes.floorEntry(last.openTimeNanos() - HOUR);
        row.put(
                "change1hPct",
                hourAgo == null ? null : (last.close() / hourAgo.getValue() - 1) * 100);
        row.put("volume", volume);
        row.put("trades", trades);
        row.put("vwap", Double.isNaN(quote) || volume == 0 ? null : quote / volume);
        row.put("high", high);
        row.put("low", low);
        row.put("firstTime", first.openTimeNanos() / 1_000_000L);
        row.put("lastTime", last.openTimeNanos() / 1_000_000L);
        List<Object[]> spark = new ArrayList<>();
        closes.forEach((k, v) -> spark.add(new Object[] {k / 1_000_000L, v}));
        row.put("spark", spark);
        return row;
    }

    @Override
    public String get() {
        TickSummary summary = new TickSummary();
        Map<Symbol, double[]> firstLast = new LinkedHashMap<>();
        Map<Symbol, TreeMap<Long, Double>> minutes = new LinkedHashMap<>();
        try (ChronicleTickStore s =
                        ChronicleTickStore.open(
                                ChronicleTickStoreConfig.builder(store).readOnly(true).build());
                TickCursor c = s.cursor()) {
            MutableTick t = new MutableTick();
            while (c.next(t)) {
                summary.onTick(t);
                double[] fl =
                        firstLast.computeIfAbsent(t.symbol(), k -> new double[] {t.price(), 0});
                fl[1] = t.price();
                minutes.computeIfAbsent(t.symbol(), k -> new TreeMap<>())
                        .put(Math.floorDiv(t.eventTimeNanos(), MINUTE) * MINUTE, t.price());
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (TickSummary.SymbolSummary x : summary.summaries()) {
            double[] fl = firstLast.get(x.symbol());
            TreeMap<Long, Double> m = minutes.get(x.symbol());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("symbol", x.symbol().name());
            row.put("last", fl[1]);
            row.put("first", fl[0]);
            row.put("changePct", (fl[1] / fl[0] - 1) * 100);
            // the last price of the minute an hour before the last trade's, if the store goes back
            Map.Entry<Long, Double> hourAgo = m.floorEntry(x.lastTimeNanos() - HOUR);
            row.put("change1hPct", hourAgo == null ? null : (fl[1] / hourAgo.getValue() - 1) * 100);
            row.put("volume", x.volume());
            row.put("trades", x.count());
            row.put("vwap", x.vwap());
            row.put("high", x.maxPrice());
            row.put("low", x.minPrice());
            row.put("firstTime", x.firstTimeNanos() / 1_000_000L);
            row.put("lastTime", x.lastTimeNanos() / 1_000_000L);
            List<Object[]> spark = new ArrayList<>();
            m.forEach((k, v) -> spark.add(new Object[] {k / 1_000_000L, v}));
            row.put("spark", spark);
            out.add(row);
        }
        for (String u : data == null ? List.<String>of() : data.uploadedSymbols()) {
            out.add(uploaded(u, data.uploaded(u)));
        }
        try {
            return JSON.writeValueAsString(Map.of("symbols", out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
