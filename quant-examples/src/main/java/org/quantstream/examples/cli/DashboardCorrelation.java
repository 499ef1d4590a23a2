package org.quantstream.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.pipeline.Pipeline;
import org.quantstream.core.pipeline.TickSource;
import org.quantstream.core.tick.Symbol;
import org.quantstream.store.chronicle.ChronicleTickStore;
import org.quantstream.store.chronicle.ChronicleTickStoreConfig;

/**
 * The dashboard's Correlation tab ({@code POST /api/correlation}, body {@code {"window": 60}}, the
 * page's window when none): the N×N matrix of the rolling correlation of returns (log-price
 * differences of the aligned bars) over the last {@code window} aligned bars of every pair of
 * symbols the page shows, as {@code quant pair --corr-window} computes it (its last row), one
 * replay of the store for all pairs.
 */
final class DashboardCorrelation implements Function<String, String> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path store;
    private final java.util.function.Supplier<DashboardSettings> settings;

    private final DashboardData data;

    DashboardCorrelation(
            Path store,
            java.util.function.Supplier<DashboardSettings> settings,
            DashboardData data) {
        this.store = store;
        this.data = data;
        this.settings = settings;
    }

    @Override
    public String apply(String body) {
        JsonNode req = Json.request(body, List.of("window"));
        JsonNode w = req.path("window");
        DashboardSettings set = settings.get();
        List<Symbol> symbols = set.shown();
        Timeframe timeframe = set.timeframe();
        int window = w.isMissingNode() || w.isNull() ? set.window() : w.asInt(-1);
        if (!w.isMissingNode()
                && !w.isNull()
                && (!w.isIntegralNumber() || window < 2 || window > 100_000)) {
            throw new IllegalArgumentException(
                    "window: expected a whole number from 2 to 100000, was " + w);
        }
        int n = symbols.size();
        double[][] corr = new double[n][n];
        for (int i = 0; i < n; i++) {
            corr[i][i] = 1.0;
        }
        boolean uploaded = DashboardBars.involves(data, symbols);
        // uploaded bars: every symbol's bars handed over in time order; else the store's ticks
        Map<Symbol, List<org.quantstream.core.bar.Bar>> bars =
                uploaded ? DashboardBars.of(store, data, symbols, timeframe) : null;
        try (ChronicleTickStore s =
                ChronicleTickStore.open(
                        ChronicleTickStoreConfig.builder(store).readOnly(true).build())) {
            Pipeline.Builder pb =
                    Pipeline.builder()
                            .source(
                                    uploaded
                                            ? TickSource.files(
                                                    List.of(),
                                                    org.quantstream.core.io.ReadOptions.defaults())
                                            : TickSource.replay(s, Long.MIN_VALUE, Long.MAX_VALUE))
                            .symbols(symbols.toArray(new Symbol[0]))
                            .timeframes(timeframe);
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    pb.pair(symbols.get(i), symbols.get(j), p -> p.correlationWindow(window));
                }
            }
            Map<String, Double> last = new LinkedHashMap<>();
            Pipeline p = pb.onPair((name, snap) -> last.put(name, snap.correlation())).build();
            if (uploaded) {
                DashboardBars.run(p, bars);
            } else {
                p.run();
            }
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    double c = last.getOrDefault(symbols.get(i) + "/" + symbols.get(j), Double.NaN);
                    corr[i][j] = c;
                    corr[j][i] = c;
                }
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("window", window);
        m.put("timeframe", timeframe.toString());
        m.put("symbols", symbols.stream().map(Symbol::name).toList());
        Object[][] cells = new Object[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                cells[i][j] = Double.isFinite(corr[i][j]) ? corr[i][j] : null;
            }
        }
        m.put("matrix", cells);
        try {
            return JSON.writeValueAsString(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
