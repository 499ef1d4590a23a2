package org.quantstream.examples.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.quantstream.core.io.Series;
import org.quantstream.core.stationarity.Adf;
import org.quantstream.core.stationarity.AdfResult;
import org.quantstream.core.stationarity.Autolag;
import org.quantstream.core.stationarity.RollingAdf;
import org.quantstream.core.stationarity.Trend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code quant adf}: the augmented Dickey-Fuller test, whole series or rolling. */
@Command(
        name = "adf",
        description =
                "Augmented Dickey-Fuller unit-root test, as statsmodels adfuller; --rolling gives one test per row"
                        + " over the window ending there.")
final class AdfCommand implements Callable<Integer> {
    @ParentCommand private QuantCli parent;

    @Mixin private SeriesInput series;

    @Option(
            names = "--regression",
            defaultValue = "c",
            description = "n, c, ct or ctt (default: ${DEFAULT-VALUE}).")
    private String regression;

    @Option(
            names = "--autolag",
            defaultValue = "aic",
            description = "aic, bic, t-stat or none (default: ${DEFAULT-VALUE}).")
    private String autolag;

    @Option(
            names = "--maxlag",
            paramLabel = "N",
            description = "Largest lag (default: statsmodels' 12 (n/100)^(1/4)).")
    private Integer maxlag;

    @Option(
            names = "--rolling",
            description = "One test per row over the window ending there (CSV).")
    private boolean rolling;

    @Option(names = "--window", paramLabel = "W", description = "Window of --rolling.")
    private Integer window;

    @Mixin private MissingOption missing;

    @Option(names = "--format", defaultValue = "csv", description = "With --rolling: csv.")
    private String format;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description = "With --rolling: write here instead of stdout.")
    private Path output;

    @Option(names = "--json", description = "Print JSON on stdout.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        Trend trend = Trend.parse(regression);
        Autolag rule = Autolag.parse(autolag);
        int lag = maxlag == null ? -1 : maxlag;
        Series s = series.read();
        if (rolling) {
            return rolling(s, trend, rule, lag);
        }
        s.requireComplete("ADF");
        AdfResult r;
        try {
            r = Adf.test(s.values(), trend, rule, lag);
        } catch (IllegalArgumentException e) {
            throw UserException.about(series.path(), e);
        }
        Map<String, Object> crit = new LinkedHashMap<>();
        crit.put("1%", r.criticalValues().onePercent());
        crit.put("5%", r.criticalValues().fivePercent());
        crit.put("10%", r.criticalValues().tenPercent());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("statistic", r.statistic());
        m.put("pValue", r.pValue());
        m.put("usedLag", r.usedLag());
        m.put("nobs", r.nobs());
        m.put("criticalValues", crit);
        m.put("icBest", r.icBest());
        m.put("maxLag", r.maxLag());
        m.put("regression", trend.label());
        m.put("autolag", rule.name().toLowerCase(java.util.Locale.ROOT));
        Json.report(parent.out(), m, json, 15);
        return 0;
    }

    private int rolling(Series s, Trend trend, Autolag rule, int lag) throws IOException {
        if (window == null) {
            throw new UserException("--rolling needs --window");
        }
        if (!"csv".equals(format)) {
            throw new UserException("--format must be csv, was " + format);
        }
        RollingAdf adf;
        try {
            adf = new RollingAdf(window, trend, rule, lag);
        } catch (IllegalArgumentException e) {
            throw UserException.about("--window " + window, e);
        }
        try (Output out = Output.open(output, parent.out())) {
            Writer w = out.writer();
            w.write(
                    (s.times() != null ? "time," : "")
                            + s.name()
                            + ",statistic,pValue,usedLag,nobs,crit5\n");
            for (int i = 0; i < s.values().length; i++) {
                if (!missing.accept(s.values()[i], adf)) {
                    w.write((s.times() != null ? s.times()[i] + "," : "") + ",,,,,\n");
                    continue;
                }
                boolean ready = adf.isReady();
                w.write(
                        (s.times() != null ? s.times()[i] + "," : "")
                                + Rows.num(s.values()[i])
                                + ","
                                + (ready
                                        ? adf.value()
                                                + ","
                                                + adf.pValue()
                                                + ","
                                                + adf.usedLag()
                                                + ","
                                                + adf.nobs()
                                                + ","
                                                + adf.criticalValue(1)
                                        : ",,,,")
                                + "\n");
            }
            out.commit();
        }
        return 0;
    }
}
