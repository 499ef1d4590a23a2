package org.quantstream.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.quantstream.core.backtest.BacktestResult;
import org.quantstream.core.backtest.Backtester;
import org.quantstream.core.backtest.FeeModel;
import org.quantstream.core.backtest.FillMode;
import org.quantstream.core.backtest.MeanReversionStrategy;
import org.quantstream.core.backtest.SlippageModel;
import org.quantstream.core.bar.Timeframe;

/**
 * The dashboard's Backtest tab ({@code POST /api/backtest}): SPEC §13's backtest over everything
 * the store holds for the pair, with the parameters typed in the page, through the same path as
 * {@code quant backtest --store} (so the two agree). The answer is the report's data: metrics,
 * every trade row, equity and drawdown, spread and z-score. Runs on the dashboard's API thread; the
 * store is opened read-only for each request.
 */
final class DashboardBacktest implements Function<String, String> {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The fields a request may hold, with SPEC §13's defaults (stop null: none). */
    static final List<String> FIELDS =
            List.of(
                    "entry",
                    "exit",
                    "stop",
                    "maxHold",
                    "notional",
                    "capital",
                    "feeBps",
                    "slippageBps",
                    "fill");

    private final Path store;
    private final java.util.function.Supplier<DashboardSettings> settings;

    private final DashboardData data;

    DashboardBacktest(
            Path store,
            java.util.function.Supplier<DashboardSettings> settings,
            DashboardData data) {
        this.store = store;
        this.data = data;
        this.settings = settings;
    }

    /** A request's backtester, its strategy and the parameters as the report prints them. */
    record Parsed(Backtester.Builder builder, Map<String, Object> params) {}

    /**
     * Parses a request's parameters (SPEC §13's defaults, entry and exit from the page's settings)
     * into a backtester for the settings' pair and timeframe: shared by the Backtest tab's run and
     * the paper switch, so the two trade alike.
     *
     * @throws IllegalArgumentException naming the field and the cause
     */
    static Parsed parse(JsonNode req, DashboardSettings set) {
        Timeframe timeframe = set.timeframe();
        MeanReversionStrategy s =
                new MeanReversionStrategy(
                        Json.number(req, "entry", set.entry()),
                        Json.number(req, "exit", set.exit()),
                        Json.number(req, "stop", Double.POSITIVE_INFINITY), // null: none
                        (int) Json.whole(req, "maxHold", 0, 0, 1_000_000_000),
                        Json.number(req, "notional", 10_000.0));
        double capital = Json.number(req, "capital", 20_000.0);
        double fee = Json.number(req, "feeBps", 4.0);
        double slip = Json.number(req, "slippageBps", 1.0);
        String fillText = req.path("fill").asText("next");
        FillMode fill;
        try {
            fill = FillMode.valueOf(fillText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fill: expected next or close, was " + fillText);
        }
        Backtester.Builder bt =
                Backtester.builder()
                        .strategy(s)
                        .fill(fill)
                        .fees(FeeModel.bps(fee))
                        .slippage(SlippageModel.bps(slip))
                        .capital(capital)
                        .timeframe(timeframe);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("entry", s.entry());
        params.put("exit", s.exit());
        params.put("stop", s.stop());
        params.put("max-hold", s.maxHold());
        params.put("notional", s.notional());
        params.put("capital", capital);
        params.put("fee-bps", fee);
        params.put("slippage-bps", slip);
        params.put("fill", fill.name().toLowerCase(Locale.ROOT));
        params.put("timeframe", timeframe.toString());
        return new Parsed(bt, params);
    }

    @Override
    public String apply(String body) {
        JsonNode req = Json.request(body, FIELDS);
        DashboardSettings set = settings.get();
        Parsed p = parse(req, set);
        try (PairInput.Legs legs = DashboardBars.legs(store, data, set)) {
            BacktestCommand.Outcome o = BacktestCommand.backtest(legs, set::configure, p.builder());
            BacktestResult r = o.result();
            return new BacktestReport(
                            legs.pair(),
                            p.params(),
                            r,
                            o.signals(),
                            BacktestCommand.metrics(r.metrics()))
                    .data();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
