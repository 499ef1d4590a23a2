package org.quantstream.examples.cli;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.quantstream.core.stationarity.HalfLife;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code quant halflife}: the half-life of mean reversion. */
@Command(
        name = "halflife",
        description =
                "Half-life of mean reversion of a spread: OLS of ds on s(t-1), -ln 2 / lambda.")
final class HalfLifeCommand implements Callable<Integer> {
    @ParentCommand private QuantCli parent;

    @Mixin private SeriesInput series;

    @Option(names = "--json", description = "Print JSON on stdout.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        HalfLife.Result r;
        try {
            r = HalfLife.of(series.read().requireComplete("the half-life").values());
        } catch (IllegalArgumentException e) {
            throw UserException.about(series.path(), e);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("halfLife", r.halfLife());
        m.put("lambda", r.lambda());
        m.put("lambdaTStat", r.lambdaTStat());
        m.put("mu", r.mu());
        m.put("n", r.n());
        Json.report(parent.out(), m, json, 12);
        return 0;
    }
}
