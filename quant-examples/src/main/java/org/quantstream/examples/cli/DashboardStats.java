package org.quantstream.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.pipeline.Pipeline;
import org.quantstream.core.pipeline.TickSource;
import org.quantstream.core.stats.Describe;
import org.quantstream.core.tick.Symbol;
import org.quantstream.store.chronicle.ChronicleTickStore;
import org.quantstream.store.chronicle.ChronicleTickStoreConfig;

/**
 * The dashboard's Statistics tab ({@code GET /api/stats}): per symbol, {@link Describe} of the
 * closes of its bars (the page's timeframe) built from the whole store (empty seconds skipped, as
 * {@code quant resample} and pandas), the last close and its change from the first, and a 20-bin
 * histogram of the closes; uploaded bars (tagged) as well. One replay of the store (read-only)
 * through a {@link Pipeline} per request.
 */
final class DashboardStats implements Supplier<String> {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int BINS = 20;

    private final Path store;
    private final Supplier<DashboardSettings> settings;

    private final DashboardData data;

    DashboardStats(Path store, Supplier<DashboardSettings> settings, DashboardData data) {
        this.store = store;
        this.settings = settings;
        this.data = data;
    }

    @Override
    public String get() {
        Timeframe timeframe = settings.get().timeframe();
        List<Symbol> symbols = settings.get().shown();
        Map<Symbol, List<Double>> closes = new HashMap<>();
        try (ChronicleTickStore s =
                ChronicleTickStore.open(
                        ChronicleTickStoreConfig.builder(store).readOnly(true).build())) {
            Pipeline.builder()
                    .source(TickSource.replay(s, Long.MIN_VALUE, Long.MAX_VALUE))
                    .symbols(symbols.toArray(new Symbol[0]))
                    .timeframes(timeframe)
                    .onBar(
                            b ->
                                    closes.computeIfAbsent(b.symbol(), k -> new ArrayList<>())
                                            .add(b.close()))
                    .build()
                    .run();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        List<String> names = new ArrayList<>(symbols.stream().map(Symbol::name).toList());
        List<String> uploadedNames = data == null ? List.of() : data.uploadedSymbols();
        for (String u : uploadedNames) {
            // uploaded bars: their own timeframe
            closes.put(
                    Symbol.of(u),
                    data.uploaded(u).stream().map(org.quantstream.core.bar.Bar::close).toList());
            if (!names.contains(u)) {
                names.add(u);
            }
        }
        for (String name : names) {
            Symbol sym = Symbol.of(name);
            List<Double> c = closes.getOrDefault(sym, List.of());
            double[] v = c.stream().mapToDouble(Double::doubleValue).toArray();
            Describe d = Describe.of(v);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("symbol", sym.name());
            m.put("uploaded", uploadedNames.contains(name));
            m.put("n", d.count());
            m.put("mean", d.mean());
            m.put("median", d.median());
            m.put("std", d.std());
            m.put("min", d.min());
            m.put("max", d.max());
            m.put("q25", d.q25());
            m.put("q75", d.q75());
            m.put("skew", d.skewness());
            m.put("kurtosis", d.kurtosis());
            m.put("last", v.length == 0 ? Double.NaN : v[v.length - 1]);
            m.put("changePct", v.length == 0 ? Double.NaN : (v[v.length - 1] / v[0] - 1) * 100);
            m.put("histogram", histogram(v, d.min(), d.max()));
            out.add(Json.finite(m));
        }
        try {
            return JSON.writeValueAsString(
                    Map.of("timeframe", timeframe.toString(), "symbols", out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code BINS} equal bins over [min, max] (the last one closed): lower edges and counts. */
    static Map<String, Object> histogram(double[] v, double min, double max) {
        long[] counts = new long[BINS];
        double[] edges = new double[BINS + 1];
        double width = (max - min) / BINS;
        for (int i = 0; i <= BINS; i++) {
            edges[i] = i == BINS ? max : min + i * width;
        }
        for (double x : v) {
            int i = width > 0 ? (int) Math.min(BINS - 1, Math.floor((x - min) / width)) : 0;
            counts[i]++;
        }
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("edges", edges);
        h.put("counts", counts);
        return h;
    }
}
