package org.quantstream.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.io.BarReadOptions;
import org.quantstream.core.io.BarReader;
import org.quantstream.core.io.InputFormatException;
import org.quantstream.core.io.ReadOptions;
import org.quantstream.core.io.TickFiles;
import org.quantstream.core.io.TickReader;
import org.quantstream.core.pair.MissingLeg;
import org.quantstream.core.pair.PairAnalytics;
import org.quantstream.core.pipeline.Pipeline;
import org.quantstream.core.pipeline.PipelineStatus;
import org.quantstream.core.pipeline.TickSource;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Symbol;
import org.quantstream.store.chronicle.ChronicleTickStore;
import org.quantstream.store.chronicle.ChronicleTickStoreConfig;
import picocli.CommandLine.Option;

/**
 * The two legs of a pair command and how the pair is analysed, shared by {@code quant pair} and
 * {@code quant backtest}: tick files, bar files or a store; bar timeframe; hedge method and its
 * parameters; z-score window; log prices; missing-leg policy.
 */
final class PairInput {
    @Option(
            names = "--a",
            paramLabel = "FILE",
            description = "Tick or bar file of leg A (regressed on).")
    Path fileA;

    @Option(names = "--b", paramLabel = "FILE", description = "Tick or bar file of leg B.")
    Path fileB;

    @Option(names = "--store", paramLabel = "DIR", description = "A Chronicle tick store instead.")
    Path store;

    @Option(names = "--symbol-a", paramLabel = "S", description = "Leg A's symbol (a store's).")
    String symbolA;

    @Option(names = "--symbol-b", paramLabel = "S", description = "Leg B's symbol (a store's).")
    String symbolB;

    @Option(
            names = "--timeframe",
            defaultValue = "1s",
            paramLabel = "TF",
            description = "Bar timeframe (default: ${DEFAULT-VALUE}).")
    String timeframe;

    @Option(
            names = "--hedge",
            defaultValue = "rolling-ols",
            converter = HedgeConverter.class,
            paramLabel = "METHOD",
            description =
                    "ols (expanding), rolling-ols, recursive-ols, huber (rolling), tls (rolling),"
                            + " kalman (default: ${DEFAULT-VALUE}).")
    HedgeMethod hedge;

    @Option(
            names = "--hedge-window",
            defaultValue = "120",
            paramLabel = "N",
            description = "Window of rolling-ols, huber and tls (default: ${DEFAULT-VALUE}).")
    int hedgeWindow;

    @Option(
            names = "--lambda",
            defaultValue = "0.99",
            paramLabel = "L",
            description = "Forgetting factor of recursive-ols (default: ${DEFAULT-VALUE}).")
    double lambda;

    @Option(
            names = "--delta",
            defaultValue = "1e-4",
            paramLabel = "D",
            description = "Kalman state drift (default: ${DEFAULT-VALUE}).")
    double delta;

    @Option(
            names = "--ve",
            defaultValue = "1e-3",
            paramLabel = "V",
            description = "Kalman observation variance (default: ${DEFAULT-VALUE}).")
    double ve;

    @Option(
            names = "--z-window",
            defaultValue = "60",
            paramLabel = "N",
            description = "z-score window (default: ${DEFAULT-VALUE}).")
    int zWindow;

    @Option(
            names = "--log-prices",
            defaultValue = "true",
            arity = "1",
            paramLabel = "BOOL",
            description = "Regress log prices (default: ${DEFAULT-VALUE}).")
    boolean logPrices;

    @Option(
            names = "--missing-leg",
            defaultValue = "skip",
            paramLabel = "skip|ffill",
            description = "A time with one leg only: skipped, or the other forward-filled.")
    String missingLeg;

    /** The missing-leg policy, checked. */
    MissingLeg missing() {
        return switch (missingLeg) {
            case "skip" -> MissingLeg.SKIP;
            case "ffill" -> MissingLeg.FORWARD_FILL;
            default ->
                    throw new UserException(
                            "--missing-leg must be skip or ffill, was " + missingLeg);
        };
    }

    /** Configures a pair's hedge, z window, log prices and missing-leg policy. */
    PairAnalytics.Builder configure(PairAnalytics.Builder pb) {
        return configure(pb, hedgeWindow, zWindow);
    }

    /**
     * The same with other hedge and z windows (a sweep's); reads the options only, so threads may
     * call it at once.
     */
    PairAnalytics.Builder configure(PairAnalytics.Builder pb, int hedgeWin, int zWin) {
        return pb.hedge(hedge.create(hedgeWin, lambda, delta, ve))
                .logPrices(logPrices)
                .zWindow(zWin)
                .missingLeg(missing(), 1);
    }

    /**
     * Resolves and checks the inputs: every line of tick files is checked first (a bad file changes
     * nothing and says where); a store is opened read-only.
     */
    Legs open() throws IOException {
        missing(); // refused before anything is read
        Timeframe tf;
        try {
            tf = Timeframe.parse(timeframe);
        } catch (IllegalArgumentException e) {
            throw new UserException("--timeframe: " + e.getMessage());
        }
        if (store != null) {
            if (fileA != null || fileB != null) {
                throw new UserException("give either --a and --b or --store, not both");
            }
            if (symbolA == null || symbolB == null) {
                throw new UserException("--store needs --symbol-a and --symbol-b");
            }
            if (!Files.isDirectory(store)) {
                throw new UserException(store + ": no tick store (not a directory)");
            }
            Symbol a = Symbol.of(symbolA);
            Symbol b = Symbol.of(symbolB);
            ChronicleTickStore opened =
                    ChronicleTickStore.open(
                            ChronicleTickStoreConfig.builder(store).readOnly(true).build());
            return new Legs(
                    a,
                    b,
                    tf,
                    TickSource.replay(opened, Long.MIN_VALUE, Long.MAX_VALUE),
                    null,
                    opened);
        }
        if (fileA == null || fileB == null) {
            throw new UserException("give --a FILE and --b FILE, or --store DIR");
        }
        List<Path> files = List.of(TickInputs.resolve(fileA), TickInputs.resolve(fileB));
        List<Bar> barsA = barsOrNull(files.get(0));
        List<Bar> barsB = barsOrNull(files.get(1));
        if ((barsA == null) != (barsB == null)) {
            throw new UserException("--a and --b must both be tick files or both bar files");
        }
        Symbol a;
        Symbol b;
        List<Bar> bars = null;
        TickSource source;
        if (barsA != null) {
            bars = merge(barsA, barsB);
            a = barsA.get(0).symbol();
            b = barsB.get(0).symbol();
            tf = (Timeframe) barsA.get(0).spec();
            if (!barsB.get(0).spec().equals(tf)) {
                throw new UserException(
                        "the bar files have different timeframes: "
                                + tf
                                + " and "
                                + barsB.get(0).spec());
            }
            source = TickSource.files(List.of(), ReadOptions.defaults()); // no ticks
        } else {
            TickFiles.validate(files, ReadOptions.defaults());
            a = symbolA != null ? Symbol.of(symbolA) : firstSymbol(files.get(0));
            b = symbolB != null ? Symbol.of(symbolB) : firstSymbol(files.get(1));
            source = TickSource.files(files, ReadOptions.defaults());
        }
        if (a == b) {
            throw new UserException("both legs are " + a + ": give two symbols");
        }
        return new Legs(a, b, tf, source, bars, null);
    }

    /**
     * Resolved inputs: the two symbols, the timeframe, the tick source (empty for bar files), the
     * bars read from bar files (null for ticks) and the store opened (null for files).
     */
    record Legs(
            Symbol a,
            Symbol b,
            Timeframe timeframe,
            TickSource source,
            List<Bar> bars,
            ChronicleTickStore opened)
            implements AutoCloseable {
        /**
         * Two legs given as bars (as {@code --a} and {@code --b} bar files give them): leg A's and
         * leg B's bars, each in time order, of one timeframe.
         */
        static Legs ofBars(
                Symbol a, Symbol b, Timeframe timeframe, List<Bar> barsA, List<Bar> barsB) {
            return new Legs(
                    a,
                    b,
                    timeframe,
                    TickSource.files(List.of(), ReadOptions.defaults()),
                    merge(barsA, barsB),
                    null);
        }

        /** A store's whole history of the pair, the store opened read-only (closed with these). */
        static Legs ofStore(Path store, Symbol a, Symbol b, Timeframe timeframe) {
            ChronicleTickStore opened =
                    ChronicleTickStore.open(
                            ChronicleTickStoreConfig.builder(store).readOnly(true).build());
            return new Legs(
                    a,
                    b,
                    timeframe,
                    TickSource.replay(opened, Long.MIN_VALUE, Long.MAX_VALUE),
                    null,
                    opened);
        }

        /**
         * Runs the pair's analytics, configured as given, over these legs to the end, handing every
         * snapshot to the listeners (see {@link #run}).
         */
        void runPair(
                java.util.function.Consumer<PairAnalytics.Builder> configure,
                org.quantstream.core.pipeline.PairListener... listeners) {
            Pipeline.Builder pb =
                    Pipeline.builder()
                            .source(source)
                            .symbols(a, b)
                            .timeframes(timeframe)
                            .pair(a, b, configure);
            for (org.quantstream.core.pipeline.PairListener l : listeners) {
                pb.onPair(l);
            }
            run(pb.build());
        }

        /** The pair's name, {@code A/B}. */
        String pair() {
            return a + "/" + b;
        }

        /**
         * Runs a pipeline built on {@link #source()} to the end: ticks through {@link
         * Pipeline#run()}, bars from files handed to the same stages in time order on this thread.
         * A failed pipeline's cause is thrown.
         */
        void run(Pipeline p) {
            PipelineStatus end;
            if (bars == null) {
                end = p.run();
            } else {
                p.doWork();
                for (Bar bar : bars) {
                    p.acceptBar(bar);
                }
                p.close();
                end = p.status();
            }
            if (end == PipelineStatus.FAILED) {
                Throwable f = p.failure();
                throw f instanceof RuntimeException r ? r : new IllegalStateException(f);
            }
        }

        @Override
        public void close() {
            if (opened != null) {
                opened.close();
            }
        }
    }

    /** The file's bars if it is a bar file; null for a tick file. */
    private static List<Bar> barsOrNull(Path file) throws IOException {
        try (TickReader r = TickReader.open(file, ReadOptions.defaults())) {
            r.next(new MutableTick());
            return null;
        } catch (InputFormatException asTicks) {
            if (asTicks.line() > 1) {
                throw asTicks; // a tick file with a bad line
            }
            List<Bar> bars;
            try {
                bars = BarReader.read(file, BarReadOptions.defaults());
            } catch (InputFormatException asBars) {
                throw new UserException(
                        file
                                + " is neither a tick file ("
                                + asTicks.getMessage()
                                + ") nor a bar file ("
                                + asBars.getMessage()
                                + ")");
            }
            if (bars.isEmpty()) {
                throw new UserException(file + ": no bar in it");
            }
            if (!(bars.get(0).spec() instanceof Timeframe)) {
                throw new UserException(file + ": pair analytics needs time bars");
            }
            return bars;
        }
    }

    /** Two legs' bars in open-time order (A before B at the same time). */
    static List<Bar> merge(List<Bar> x, List<Bar> y) {
        List<Bar> out = new ArrayList<>(x.size() + y.size());
        int i = 0;
        int j = 0;
        while (i < x.size() || j < y.size()) {
            if (j == y.size()
                    || (i < x.size() && x.get(i).openTimeNanos() <= y.get(j).openTimeNanos())) {
                out.add(x.get(i++));
            } else {
                out.add(y.get(j++));
            }
        }
        return out;
    }

    private static Symbol firstSymbol(Path file) throws IOException {
        try (TickReader r = TickReader.open(file, ReadOptions.defaults())) {
            MutableTick t = new MutableTick();
            if (!r.next(t)) {
                throw new UserException(file + ": no trade in it");
            }
            return t.symbol();
        }
    }

    /** Parses the hedge method as typed ({@code rolling-ols}). */
    static final class HedgeConverter extends Choice<HedgeMethod> {
        HedgeConverter() {
            super(HedgeMethod.class, "hedge");
        }
    }
}
