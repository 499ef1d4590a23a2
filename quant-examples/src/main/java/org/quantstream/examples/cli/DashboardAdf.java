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

    private final DashboardData data;

    DashboardAdf(
            Path store,
            java.util.function.Supplier<DashboardSettings> settings,
            DashboardData data) {
        this.store = store;
        this.data = data;
        this.settings = settings;
    }

    /**
     * OLS of log B on log A over every aligned bar of the history (as {@code quant hedge --method
     * ols} on the two log-price series): the static hedge ratio with its intercept, standard
     * errors, p-values and R².
     */
    static Map<String, Object> ols(List<double[]> prices) {
        Map<String, Object> o = new LinkedHashMap<>();
        if (prices.size() < 3) {
            o.put("n", prices.size());
            return o;
        }
        double[] x = new double[prices.size()];
        double[] y = new double[prices.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.log(prices.get(i)[0]);
            y[i] = Math.log(prices.get(i)[1]);
        }
        org.quantstream.core.regression.OlsResult r = org.quantstream.core.regression.Ols.fit(x, y);
        o.put("n", r.n());
        o.put("beta", r.beta());
        o.put("alpha", r.alpha());
        o.put("betaStdErr", r.betaStdErr());
        o.put("alphaStdErr", r.alphaStdErr());
        o.put("betaPValue", r.betaPValue());
        o.put("alphaPValue", r.alphaPValue());
        o.put("rSquared", r.rSquared());
        return Json.finite(o);
    }

    @Override
    public String apply(String body) {
        JsonNode req = Json.request(body, List.of("regression", "autolag"));
        Trend trend = Trend.parse(req.path("regression").asText("c"));
        Autolag rule = Autolag.parse(req.path("autolag").asText("aic"));
        List<Double> spread = new ArrayList<>();
        List<double[]> prices = new ArrayList<>();
        DashboardSettings set = settings.get();
        Symbol a = set.a();
        Symbol b = set.b();
        try (PairInput.Legs legs = DashboardBars.legs(store, data, set)) {
            legs.runPair(
                    set::configure,
                    (name, snap) -> {
                        prices.add(new double[] {snap.priceA(), snap.priceB()});
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
        m.put("ols", ols(prices));
        try {
            return JSON.writeValueAsString(Json.finite(m));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
