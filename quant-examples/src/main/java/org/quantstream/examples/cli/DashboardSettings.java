package org.quantstream.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.pair.PairAnalytics;
import org.quantstream.core.tick.Symbol;

/**
 * What the dashboard's controls choose: the pair (leg A, leg B), the bar timeframe, the rolling
 * window (z-score, correlation and the per-symbol rolling mean, std and z-score), the hedge method
 * with its parameters, and the entry and exit z levels drawn on the charts and given to the
 * Backtest tab. Immutable; {@link #update} makes the next one from a request.
 *
 * @param a leg A (the regressor)
 * @param b leg B (the regressand)
 * @param timeframe the bars' timeframe
 * @param window the rolling window, 5 to 500 bars
 * @param hedge the hedge method
 * @param hedgeWindow the window of rolling OLS, Huber and TLS
 * @param delta the Kalman state drift
 * @param ve the Kalman observation variance
 * @param entry the entry level, |z| &gt; 0
 * @param exit the exit level, below the entry
 * @param shown the symbols the pipeline follows (charts, correlation, statistics): some of the
 *     collected ones, the legs among them
 */
record DashboardSettings(
        Symbol a,
        Symbol b,
        Timeframe timeframe,
        int window,
        HedgeMethod hedge,
        int hedgeWindow,
        double delta,
        double ve,
        double entry,
        double exit,
        List<Symbol> shown) {

    /** A copy of {@code shown}, checked: the legs among them. */
    DashboardSettings {
        shown = List.copyOf(shown);
        if (!shown.contains(a) || !shown.contains(b)) {
            throw new IllegalArgumentException(
                    "symbols: the pair's legs " + a + " and " + b + " must be among " + shown);
        }
    }

    /** The timeframes the page offers. */
    static final List<String> TIMEFRAMES = List.of("1s", "5s", "10s", "30s", "1m", "5m");

    /** The fields a request may hold. */
    static final List<String> FIELDS =
            List.of(
                    "symbolA",
                    "symbolB",
                    "timeframe",
                    "window",
                    "hedge",
                    "hedgeWindow",
                    "delta",
                    "ve",
                    "entry",
                    "exit",
                    "symbols");

    /** The least and most rolling window. */
    static final int MIN_WINDOW = 5;

    static final int MAX_WINDOW = 500;

    /**
     * The defaults for a pair: 1 s bars, window 20, rolling OLS over 120 bars (Kalman δ 1e-4, Ve
     * 1e-3 when chosen), entry 2, exit 0.
     */
    static DashboardSettings defaults(Symbol a, Symbol b, List<Symbol> symbols) {
        return new DashboardSettings(
                a,
                b,
                Timeframe.parse("1s"),
                20,
                HedgeMethod.rolling_ols,
                120,
                1e-4,
                1e-3,
                2,
                0,
                symbols);
    }

    /**
     * These settings with the fields a request holds changed; every field is checked, so a bad
     * request changes nothing.
     *
     * @param body a JSON object with some of {@link #FIELDS}
     * @param symbols the symbols the legs may be
     * @return the new settings
     * @throws IllegalArgumentException naming the field and the cause
     */
    DashboardSettings update(String body, List<Symbol> symbols) {
        JsonNode req = Json.request(body, FIELDS);
        Symbol na = symbol(req, "symbolA", a, symbols);
        Symbol nb = symbol(req, "symbolB", b, symbols);
        if (na == nb) {
            throw new IllegalArgumentException(
                    "symbolB: a pair needs two symbols, got " + na + " twice");
        }
        Timeframe tf = timeframe;
        if (req.has("timeframe")) {
            String t = text(req, "timeframe");
            try {
                tf = Timeframe.parse(t);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("timeframe: " + e.getMessage());
            }
        }
        int w = (int) Json.whole(req, "window", window, MIN_WINDOW, MAX_WINDOW);
        HedgeMethod h = hedge;
        if (req.has("hedge")) {
            try {
                h = HedgeMethod.parse(text(req, "hedge"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("hedge: " + e.getMessage());
            }
        }
        int hw = (int) Json.whole(req, "hedgeWindow", hedgeWindow, 3, 100_000);
        double d = positive(req, "delta", delta);
        double v = positive(req, "ve", ve);
        double[] lv = levels(req, entry, exit);
        double en = lv[0];
        double ex = lv[1];
        List<Symbol> sh = shown;
        if (req.has("symbols")) {
            JsonNode list = req.get("symbols");
            if (!list.isArray() || list.isEmpty()) {
                throw new IllegalArgumentException(
                        "symbols: expected a list of the collected symbols, was " + list);
            }
            List<Symbol> picked = new java.util.ArrayList<>();
            for (JsonNode n : list) {
                if (!n.isTextual()) {
                    throw new IllegalArgumentException("symbols: expected names, was " + n);
                }
                Symbol x = collected("symbols", n.asText(), symbols);
                if (!picked.contains(x)) {
                    picked.add(x);
                }
            }
            // in the order they are collected
            sh = symbols.stream().filter(picked::contains).toList();
        }
        return new DashboardSettings(na, nb, tf, w, h, hw, d, v, en, ex, sh);
    }

    /** The pair's name, {@code A/B}. */
    String pair() {
        return a.name() + "/" + b.name();
    }

    /**
     * Configures a pair as these settings say: log prices, the hedge method, z-score and
     * correlation over the window. {@code quant pair --hedge H --hedge-window N --delta D --ve V
     * --z-window W --corr-window W} computes the same.
     */
    PairAnalytics.Builder configure(PairAnalytics.Builder pb) {
        return pb.hedge(hedge.create(hedgeWindow, 0.99, delta, ve))
                .logPrices(true)
                .zWindow(window)
                .correlationWindow(window);
    }

    /** As JSON for the page: these settings and the choices it offers. */
    Map<String, Object> toMap(List<Symbol> symbols) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("symbolA", a.name());
        m.put("symbolB", b.name());
        m.put("timeframe", timeframe.toString());
        m.put("window", window);
        m.put("hedge", hedge.toString());
        m.put("hedgeWindow", hedgeWindow);
        m.put("delta", delta);
        m.put("ve", ve);
        m.put("entry", entry);
        m.put("exit", exit);
        m.put("symbols", symbols.stream().map(Symbol::name).toList());
        m.put("shown", shown.stream().map(Symbol::name).toList());
        m.put("timeframes", TIMEFRAMES);
        m.put("symbolMetrics", symbolMetrics());
        m.put("pairMetrics", org.quantstream.core.alert.AlertEngine.PAIR_METRICS);
        m.put(
                "hedges",
                java.util.Arrays.stream(HedgeMethod.values()).map(HedgeMethod::toString).toList());
        return m;
    }

    /** What a symbol's alert rule can watch: the bar metrics and the dashboard's operators. */
    static List<String> symbolMetrics() {
        List<String> m =
                new java.util.ArrayList<>(org.quantstream.core.alert.AlertEngine.BAR_METRICS);
        m.addAll(OPERATORS);
        return m;
    }

    /** The per-symbol operators the dashboard's pipeline runs over the window, by name. */
    static final List<String> OPERATORS = List.of("mean", "std", "zscore");

    private static Symbol symbol(JsonNode req, String field, Symbol dflt, List<Symbol> symbols) {
        if (!req.has(field)) {
            return dflt;
        }
        return collected(field, text(req, field), symbols);
    }

    private static Symbol collected(String field, String name, List<Symbol> symbols) {
        for (Symbol x : symbols) {
            if (x.name().equals(name)) {
                return x;
            }
        }
        throw new IllegalArgumentException(
                field + ": " + name + " is not collected; symbols: " + symbols);
    }

    private static String text(JsonNode req, String field) {
        JsonNode n = req.get(field);
        if (!n.isTextual()) {
            throw new IllegalArgumentException(field + ": expected a string, was " + n);
        }
        return n.asText();
    }

    /**
     * The entry and exit levels of a request (the others when absent), checked: entry > 0, exit in
     * [0, entry).
     */
    static double[] levels(JsonNode req, double entry, double exit) {
        double en = positive(req, "entry", entry);
        double ex = Json.number(req, "exit", exit);
        if (!(ex >= 0 && ex < en)) {
            throw new IllegalArgumentException(
                    "exit: must be >= 0 and below the entry " + en + ", was " + ex);
        }
        return new double[] {en, ex};
    }

    private static double positive(JsonNode req, String field, double dflt) {
        double v = Json.number(req, field, dflt);
        if (!(v > 0)) {
            throw new IllegalArgumentException(field + ": must be > 0, was " + v);
        }
        return v;
    }
}
