package org.quantstream.examples.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.bar.BarHandler;
import org.quantstream.core.bar.GapPolicy;
import org.quantstream.core.bar.TimeBarAggregator;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.io.BarWriter;
import org.quantstream.core.io.ReadOptions;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.TickView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code quant resample}: tick files into OHLCV bars of one timeframe, per symbol. */
@Command(
        name = "resample",
        description =
                "Turn tick files (anything 'quant ticks' reads) into OHLCV bars of one timeframe, per symbol,"
                        + " aligned like pandas resample (bars [open, open+tf), epoch-aligned).")
final class ResampleCommand implements Callable<Integer> {
    /** Gap handling on the command line. */
    enum Gaps {
        skip(GapPolicy.SKIP),
        fill(GapPolicy.FLAT_FILL);

        final GapPolicy policy;

        Gaps(GapPolicy policy) {
            this.policy = policy;
        }
    }

    @ParentCommand private QuantCli parent;

    @Option(
            names = "--input",
            required = true,
            arity = "1..*",
            paramLabel = "FILE",
            description = "Tick files.")
    private List<Path> inputs = new ArrayList<>();

    @Option(names = "--symbol", paramLabel = "S", description = "Symbol for data that names none.")
    private String symbol;

    @Option(
            names = "--timeframe",
            required = true,
            paramLabel = "TF",
            description =
                    "Bar timeframe: 1s, 5s, 10s, 30s, 1m, 5m, 15m, 1h, 4h, 1d or any whole number of seconds.")
    private String timeframe;

    @Option(
            names = "--gaps",
            defaultValue = "skip",
            description =
                    "Empty intervals: skip (no bar, like pandas with empty bins dropped) or fill (flat bar at the"
                            + " previous close, volume 0). Default: ${DEFAULT-VALUE}.")
    private Gaps gaps;

    @Option(
            names = "--format",
            defaultValue = "csv",
            description = "csv or json (JSON lines). Default: ${DEFAULT-VALUE}.")
    private BarFormatOption format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write here instead of stdout.")
    private Path output;

    @Option(
            names = "--skip-bad",
            description = "Skip and count malformed tick lines instead of rejecting the file.")
    private boolean skipBad;

    @Override
    public Integer call() throws IOException {
        Timeframe tf = Timeframe.parse(timeframe);
        ReadOptions options = ReadOptions.defaults();
        if (symbol != null) {
            options = options.withSymbol(Symbol.of(symbol));
        }
        if (skipBad) {
            options = options.withSkipBad(e -> parent.err().println("skipped " + e.getMessage()));
        } else {
            TickInputs.validate(inputs, options); // all or nothing
        }
        try (Output out = Output.open(output, parent.out())) {
            BarWriter writer = BarWriter.open(out.writer(), format.format);
            BarHandler sink = bar -> write(writer, bar);
            List<TimeBarAggregator> bySymbol = new ArrayList<>();
            TickInputs.forEach(
                    inputs, options, tick -> aggregatorFor(bySymbol, tick, tf, sink).onTick(tick));
            long bars = 0;
            for (TimeBarAggregator a : bySymbol) {
                if (a != null) {
                    a.flush();
                    bars += a.stats().barsClosed();
                }
            }
            out.commit();
            parent.err().printf("%d %s bars%n", bars, tf);
        }
        return 0;
    }

    private TimeBarAggregator aggregatorFor(
            List<TimeBarAggregator> bySymbol, TickView tick, Timeframe tf, BarHandler sink) {
        int id = tick.symbol().id();
        while (bySymbol.size() <= id) {
            bySymbol.add(null);
        }
        TimeBarAggregator a = bySymbol.get(id);
        if (a == null) {
            a = TimeBarAggregator.builder(tick.symbol(), tf, sink).gapPolicy(gaps.policy).build();
            bySymbol.set(id, a);
        }
        return a;
    }

    private static void write(BarWriter writer, Bar bar) {
        try {
            writer.write(bar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
