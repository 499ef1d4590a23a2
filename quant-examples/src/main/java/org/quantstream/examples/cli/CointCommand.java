package org.quantstream.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.quantstream.core.io.Series;
import org.quantstream.core.stationarity.EngleGranger;
import org.quantstream.core.stationarity.Trend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code quant coint}: the Engle-Granger cointegration test. */
@Command(
        name = "coint",
        description = "Engle-Granger cointegration test of y and x, as statsmodels coint.")
final class CointCommand implements Callable<Integer> {
    @ParentCommand private QuantCli parent;

    @Option(
            names = "--y",
            required = true,
            paramLabel = "FILE",
            description = "First series (CSV).")
    private Path yFile;

    @Option(
            names = "--x",
            required = true,
            paramLabel = "FILE",
            description = "Second series (CSV).")
    private Path xFile;

    @Option(names = "--column", paramLabel = "C", description = "Column in both files.")
    private String column;

    @Option(
            names = "--trend",
            defaultValue = "c",
            description = "c or ct (default: ${DEFAULT-VALUE}).")
    private String trend;

    @Option(names = "--json", description = "Print JSON on stdout.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        Series.Pair p =
                Series.align(
                        Series.read(xFile, column).requireComplete("coint"),
                        Series.read(yFile, column).requireComplete("coint"));
        Trend t = Trend.parse(trend);
        EngleGranger.Result r;
        try {
            r = EngleGranger.test(p.y(), p.x(), t);
        } catch (IllegalArgumentException e) {
            throw UserException.about(yFile + " and " + xFile, e);
        }
        Map<String, Object> crit = new LinkedHashMap<>();
        crit.put("1%", r.criticalValues().onePercent());
        crit.put("5%", r.criticalValues().fivePercent());
        crit.put("10%", r.criticalValues().tenPercent());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("statistic", r.statistic());
        m.put("pValue", r.pValue());
        m.put("criticalValues", crit);
        m.put("beta", r.beta());
        m.put("alpha", r.alpha());
        m.put("usedLag", r.usedLag());
        m.put("nobs", r.nobs());
        Json.report(parent.out(), m, json, 15);
        return 0;
    }
}
