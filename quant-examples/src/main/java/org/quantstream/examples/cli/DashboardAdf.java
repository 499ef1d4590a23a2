package org.quantstream.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.quantstream.core.stationarity.Adf;
import org.quantstream.core.stationarity.AdfResult;
import org.quantstream.core.stationarity.Autolag;
import org.quantstream.core.stationarity.Trend;
import org.quantstream.core.tick.Symbol;

/**
 * The dashboard's ADF button ({@code POST /api/adf}, body {@code {"regression": "c", "autolag":
 * "aic"}}): the augmented Dickey-Fuller test (as statsmodels {@code adfuller}) on the pair's whole
 * spread series from the store, the spread as {@code quant pair} computes it with the page's
 * settings (pair, timeframe, hedge method). The answer has the keys of {@code quant adf --json}.
 */
final class DashboardAdf implements Function<String, String> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path store;
    private final java.util.function.Supplier<DashboardSettings> settings;

    DashboardAdf(Path store, java.util.function.Supplier<DashboardSettings> settings) {
        this.store = store;
        this.settings = settings;
    }

    @Override
    public String apply(String body) {
        JsonNode req = Json.request(body, List.of("regression", "autolag"));
        Trend trend = Trend.parse(req.path("regression").asText("c"));
        Autolag rule = Autolag.parse(req.path("autolag").asText("aic"));
        List<Double> spread = new ArrayList<>();
        DashboardSettings set = settings.get();
        Symbol a = set.a();
        Symbol b = set.b();
        try (PairInput.Legs legs = PairInput.Legs.ofStore(store, a, b, set.timeframe())) {
            legs.runPair(
                    set::configure,
                    (name, snap) -> {
                        if (!Double.isNaN(snap.spread())) {
                            spread.add(snap.spread());
                        }
                    });
        }
        AdfResult r =
                Adf.test(
                        spread.stream().mapToDouble(Double::doubleValue).toArray(),
                        trend,
                        rule,
                        -1);
        Map<String, Object> crit = new LinkedHashMap<>();
        crit.put("1%", r.criticalValues().onePercent());
        crit.put("5%", r.criticalValues().fivePercent());
        crit.put("10%", r.criticalValues().tenPercent());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pair", a + "/" + b);
        m.put("n", spread.size());
        m.put("statistic", r.statistic());
        m.put("pValue", r.pValue());
        m.put("usedLag", r.usedLag());
        m.put("nobs", r.nobs());
        m.put("criticalValues", crit);
        m.put("regression", trend.label());
        m.put("autolag", rule.name().toLowerCase(Locale.ROOT));
        try {
            return JSON.writeValueAsString(Json.finite(m));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
