package org.quantstream.examples.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.quantstream.core.io.Series;
import org.quantstream.core.op.BivariateOperator;
import org.quantstream.core.op.UnivariateOperator;
import org.quantstream.core.regression.RollingOls;
import org.quantstream.core.regression.TotalLeastSquares;
import org.quantstream.core.stats.RollingCorrelation;
import org.quantstream.core.stats.RollingCovariance;
import org.quantstream.core.stats.RollingExtreme;
import org.quantstream.core.stats.RollingKurtosis;
import org.quantstream.core.stats.RollingMean;
import org.quantstream.core.stats.RollingMedian;
import org.quantstream.core.stats.RollingSkewness;
import org.quantstream.core.stats.RollingStd;
import org.quantstream.core.stats.RollingVariance;
import org.quantstream.core.stats.RollingZScore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code quant rolling}: a rolling statistic per row. */
@Command(
        name = "rolling",
        description =
                "A rolling statistic, one output row per input row (the window ending there), the statistic in"
                        + " the last column, empty until the window is full. std, var, zscore, corr and cov use ddof 1"
                        + " (pandas).")
final class RollingCommand implements Callable<Integer> {
    /** The statistics. */
    enum Stat {
        mean,
        std,
        var,
        skew,
        kurt,
        min,
        max,
        median,
        zscore,
        corr,
        cov,
        ols_beta,
        tls_beta;

        boolean pair() {
            return this == corr || this == cov || this == ols_beta || this == tls_beta;
        }

        @Override
        public String toString() {
            return name().replace('_', '-');
        }
    }

    /** One input or a pair. */
    static final class Inputs {
        @Option(
                names = "--input",
                required = true,
                paramLabel = "FILE",
                description = "CSV file (one-series statistics).")
        Path input;

        @ArgGroup(exclusive = false)
        PairInputs pair;
    }

    /** The pair. */
    static final class PairInputs {
        @Option(
                names = "--y",
                required = true,
                paramLabel = "FILE",
                description = "Second series (pair statistics).")
        Path y;

        @Option(
                names = "--x",
                required = true,
                paramLabel = "FILE",
                description = "First series (pair statistics).")
        Path x;
    }

    @ParentCommand private QuantCli parent;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Inputs inputs;

    @Option(
            names = "--column",
            paramLabel = "C",
            description = "Column (default: close, value, or the only numeric one).")
    private String column;

    @Option(
            names = "--stat",
            required = true,
            converter = StatConverter.class,
            description =
                    "mean, std, var, skew, kurt, min, max, median, zscore, corr, cov, ols-beta or tls-beta.")
    private Stat stat;

    @Option(names = "--window", required = true, paramLabel = "N", description = "Window length.")
    private int window;

    @Mixin private MissingOption missing;

    @Option(names = "--format", defaultValue = "csv", description = "Output format: csv.")
    private String format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write here instead of stdout.")
    private Path output;

    /** Parses "ols-beta" as well as "ols_beta"; an unknown name lists the valid ones. */
    static final class StatConverter extends Choice<Stat> {
        StatConverter() {
            super(Stat.class, "statistic");
        }
    }

    @Override
    public Integer call() throws IOException {
        if (!"csv".equals(format)) {
            throw new UserException("--format must be csv, was " + format);
        }
        boolean pairStat = stat.pair();
        if (pairStat != (inputs.pair != null)) {
            throw new UserException(
                    "--stat " + stat + (pairStat ? " needs --y and --x" : " needs --input"));
        }
        try (Output out = Output.open(output, parent.out())) {
            Writer w = out.writer();
            if (pairStat) {
                Series.Pair p =
                        Series.align(
                                Series.read(inputs.pair.x, column),
                                Series.read(inputs.pair.y, column));
                BivariateOperator op = pairOperator();
                w.write((p.times() != null ? "time," : "") + "x,y," + stat + "\n");
                for (int i = 0; i < p.x().length; i++) {
                    boolean present = missing.accept(p.x()[i], p.y()[i], op);
                    w.write(
                            (p.times() != null ? p.times()[i] + "," : "")
                                    + p.x()[i]
                                    + ","
                                    + p.y()[i]
                                    + ","
                                    + (present ? Rows.num(op.value()) : "")
                                    + "\n");
                }
            } else {
                Series s = Series.read(inputs.input, column);
                UnivariateOperator op = operator();
                w.write((s.times() != null ? "time," : "") + s.name() + "," + stat + "\n");
                for (int i = 0; i < s.values().length; i++) {
                    boolean present = missing.accept(s.values()[i], op);
                    w.write(
                            (s.times() != null ? s.times()[i] + "," : "")
                                    + Rows.num(s.values()[i])
                                    + ","
                                    + (present ? Rows.num(op.value()) : "")
                                    + "\n");
                }
            }
            out.commit();
        }
        return 0;
    }

    private UnivariateOperator operator() {
        switch (stat) {
            case mean:
                return new RollingMean(window);
            case std:
                return new RollingStd(window);
            case var:
                return new RollingVariance(window);
            case skew:
                return new RollingSkewness(window);
            case kurt:
                return new RollingKurtosis(window);
            case min:
                return RollingExtreme.min(window);
            case max:
                return RollingExtreme.max(window);
            case median:
                return new RollingMedian(window);
            default:
                return new RollingZScore(window);
        }
    }

    private BivariateOperator pairOperator() {
        switch (stat) {
            case corr:
                return new RollingCorrelation(window);
            case cov:
                return new RollingCovariance(window);
            case ols_beta:
                return new RollingOls(window);
            default:
                return new TotalLeastSquares(window);
        }
    }
}
