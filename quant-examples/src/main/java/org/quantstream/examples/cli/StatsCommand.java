package org.quantstream.examples.cli;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.quantstream.core.io.Series;
import org.quantstream.core.stats.Describe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code quant stats}: descriptive statistics of a column. */
@Command(
        name = "stats",
        description =
                "Descriptive statistics of a CSV column (pandas conventions: std ddof 1, bias-corrected skew,"
                        + " excess kurtosis; empty cells skipped).")
final class StatsCommand implements Callable<Integer> {
    @ParentCommand private QuantCli parent;

    @Mixin private SeriesInput series;

    @Option(names = "--json", description = "Print JSON on stdout.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        Series s = series.read();
        Describe d;
        try {
            d = Describe.of(s.values());
        } catch (IllegalArgumentException e) {
            throw UserException.about(series.path(), e);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("column", s.name());
        m.put("n", d.count());
        m.put("mean", d.mean());
        m.put("median", d.median());
        m.put("std", d.std());
        m.put("var", d.variance());
        m.put("min", d.min());
        m.put("max", d.max());
        m.put("q25", d.q25());
        m.put("q75", d.q75());
        m.put("skew", d.skewness());
        m.put("kurtosis", d.kurtosis());
        m.put("skewBiased", d.skewnessBiased());
        m.put("kurtosisBiased", d.kurtosisBiased());
        Json.report(parent.out(), m, json, 15);
        return 0;
    }
}
