package org.quantstream.examples.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.quantstream.core.io.Series;
import org.quantstream.core.regression.HedgeRatio;
import org.quantstream.core.regression.HuberRegression;
import org.quantstream.core.regression.KalmanHedgeRatio;
import org.quantstream.core.regression.Ols;
import org.quantstream.core.regression.OlsResult;
import org.quantstream.core.regression.RecursiveOls;
import org.quantstream.core.regression.RollingOls;
import org.quantstream.core.regression.TotalLeastSquares;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code quant hedge}: the hedge ratio of y on x by one of six methods. */
@Command(
        name = "hedge",
        description =
                "Hedge ratio of y on x (y = alpha + beta x): ols, huber, tls, kalman, rolling-ols, recursive-ols."
                        + " Rows are aligned by time when both files have a time column, else row by row.")
final class HedgeCommand implements Callable<Integer> {
    /** The methods. */
    enum Method {
        ols,
        huber,
        tls,
        kalman,
        rolling_ols,
        recursive_ols;

        @Override
        public String toString() {
            return name().replace('_', '-');
        }
    }

    @ParentCommand private QuantCli parent;

    @Option(
            names = "--y",
            required = true,
            paramLabel = "FILE",
            description = "The dependent series (CSV).")
    private Path yFile;

    @Option(
            names = "--x",
            required = true,
            paramLabel = "FILE",
            description = "The hedge series (CSV).")
    private Path xFile;

    @Option(
            names = "--column",
            paramLabel = "C",
            description = "Column in both files (default: close, value, or the only numeric one).")
    private String column;

    @Option(
            names = "--method",
            required = true,
            converter = MethodConverter.class,
            description = "ols, huber, tls, kalman, rolling-ols or recursive-ols.")
    private Method method;

    @Option(
            names = "--window",
            paramLabel = "N",
            description = "Window of rolling-ols (required there).")
    private Integer window;

    @Option(
            names = "--lambda",
            defaultValue = "0.99",
            description = "Forgetting factor of recursive-ols (default: ${DEFAULT-VALUE}).")
    private double lambda;

    @Option(
            names = "--delta",
            defaultValue = "1e-4",
            description = "Kalman state drift delta (default: ${DEFAULT-VALUE}, Chan's).")
    private double delta;

    @Option(
            names = "--ve",
            defaultValue = "1e-3",
            description = "Kalman observation variance (default: ${DEFAULT-VALUE}, Chan's).")
    private double ve;

    @Option(
            names = "--series",
            paramLabel = "FILE",
            description = "Write the per-step values (CSV) here.")
    private Path seriesFile;

    @Option(names = "--json", description = "Print JSON on stdout.")
    private boolean json;

    /** Parses "rolling-ols" as well as "rolling_ols"; an unknown name lists the valid ones. */
    static final class MethodConverter extends Choice<Method> {
        MethodConverter() {
            super(Method.class, "method");
        }
    }

    @Override
    public Integer call() throws IOException {
        Series.Pair p =
                Series.align(
                        Series.read(xFile, column).requireComplete("hedge"),
                        Series.read(yFile, column).requireComplete("hedge"));
        try {
            return fit(p);
        } catch (IllegalArgumentException e) {
            throw UserException.about(yFile + " and " + xFile, e);
        }
    }

    private int fit(Series.Pair p) throws IOException {
        double[] x = p.x();
        double[] y = p.y();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", method.toString());
        double[] alphas = new double[x.length];
        double[] betas = new double[x.length];
        double[] es = null;
        double[] qs = null;
        switch (method) {
            case ols:
                {
                    OlsResult r = Ols.fit(x, y);
                    out.put("alpha", r.alpha());
                    out.put("beta", r.beta());
                    out.put("alphaStdErr", r.alphaStdErr());
                    out.put("betaStdErr", r.betaStdErr());
                    out.put("alphaTStat", r.alphaTStat());
                    out.put("betaTStat", r.betaTStat());
                    out.put("alphaPValue", r.alphaPValue());
                    out.put("betaPValue", r.betaPValue());
                    out.put("rSquared", r.rSquared());
                    out.put("adjRSquared", r.adjRSquared());
                    out.put("fStat", r.fStat());
                    out.put("fPValue", r.fPValue());
                    out.put("aic", r.aic());
                    out.put("bic", r.bic());
                    out.put("n", r.n());
                    java.util.Arrays.fill(alphas, r.alpha());
                    java.util.Arrays.fill(betas, r.beta());
                    break;
                }
            case huber:
                {
                    HuberRegression.Result r = HuberRegression.fit(x, y);
                    out.put("alpha", r.alpha());
                    out.put("beta", r.beta());
                    out.put("alphaStdErr", r.alphaStdErr());
                    out.put("betaStdErr", r.betaStdErr());
                    out.put("alphaPValue", r.alphaPValue());
                    out.put("betaPValue", r.betaPValue());
                    out.put("scale", r.scale());
                    out.put("iterations", r.iterations());
                    out.put("converged", r.converged());
                    out.put("n", x.length);
                    java.util.Arrays.fill(alphas, r.alpha());
                    java.util.Arrays.fill(betas, r.beta());
                    break;
                }
            case tls:
                {
                    TotalLeastSquares.Result r = TotalLeastSquares.fit(x, y);
                    out.put("alpha", r.alpha());
                    out.put("beta", r.beta());
                    out.put("n", x.length);
                    java.util.Arrays.fill(alphas, r.alpha());
                    java.util.Arrays.fill(betas, r.beta());
                    break;
                }
            default:
                {
                    HedgeRatio h = streaming();
                    es = method == Method.kalman ? new double[x.length] : null;
                    qs = method == Method.kalman ? new double[x.length] : null;
                    for (int i = 0; i < x.length; i++) {
                        h.update(x[i], y[i]);
                        alphas[i] = h.alpha();
                        betas[i] = h.beta();
                        if (es != null) {
                            KalmanHedgeRatio k = (KalmanHedgeRatio) h;
                            es[i] = k.forecastError();
                            qs[i] = k.forecastStd();
                        }
                    }
                    out.put("alpha", h.alpha());
                    out.put("beta", h.beta());
                    if (es != null) {
                        out.put("e", es[x.length - 1]);
                        out.put("sqrtQ", qs[x.length - 1]);
                        out.put("delta", delta);
                        out.put("ve", ve);
                    }
                    out.put("n", x.length);
                }
        }
        if (seriesFile != null) {
            writeSeries(p, alphas, betas, es, qs);
        }
        Json.report(parent.out(), out, json, 12);
        return 0;
    }

    private HedgeRatio streaming() {
        switch (method) {
            case kalman:
                return new KalmanHedgeRatio(delta, ve);
            case rolling_ols:
                if (window == null) {
                    throw new UserException("--method rolling-ols needs --window");
                }
                return new RollingOls(window);
            default:
                return new RecursiveOls(lambda);
        }
    }

    private void writeSeries(
            Series.Pair p, double[] alphas, double[] betas, double[] es, double[] qs)
            throws IOException {
        try (Output out = Output.open(seriesFile, parent.out())) {
            Writer w = out.writer();
            w.write(p.times() != null ? "time," : "row,");
            w.write("x,y,alpha,beta,spread" + (es != null ? ",e,sqrt_q" : "") + "\n");
            for (int i = 0; i < p.x().length; i++) {
                double spread = p.y()[i] - betas[i] * p.x()[i] - alphas[i];
                w.write(
                        (p.times() != null ? p.times()[i] : i + 1)
                                + ","
                                + p.x()[i]
                                + ","
                                + p.y()[i]
                                + ","
                                + Rows.num(alphas[i])
                                + ","
                                + Rows.num(betas[i])
                                + ","
                                + Rows.num(spread)
                                + (es != null ? "," + Rows.num(es[i]) + "," + Rows.num(qs[i]) : "")
                                + "\n");
            }
            out.commit();
        }
    }
}
