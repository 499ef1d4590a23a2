package org.quantstream.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.io.BarReadOptions;
import org.quantstream.core.io.BarReader;
import org.quantstream.core.io.BarWriter;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.time.EpochTimes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code quant bars import|export}: bar files in and out, checked. */
@Command(
        name = "bars",
        description = "Import and export OHLCV bar files.",
        subcommands = {BarsCommand.Import.class, BarsCommand.Export.class})
final class BarsCommand {
    @ParentCommand QuantCli parent;

    /** Reads and checks every input before anything is written. */
    abstract static class Convert implements Callable<Integer> {
        @ParentCommand BarsCommand bars;

        @Option(
                names = "--input",
                required = true,
                arity = "1..*",
                paramLabel = "FILE",
                description = "Bar files.")
        List<Path> inputs = new ArrayList<>();

        @Option(
                names = "--format",
                defaultValue = "csv",
                description = "csv or json (JSON lines). Default: ${DEFAULT-VALUE}.")
        BarFormatOption format;

        @Option(
                names = "--output",
                paramLabel = "FILE",
                description = "Write here instead of stdout.")
        Path output;

        abstract BarReadOptions readOptions();

        boolean keep(Bar bar) {
            return true;
        }

        @Override
        public Integer call() throws IOException {
            QuantCli cli = bars.parent;
            List<Bar> all = new ArrayList<>();
            Map<Symbol, Long> lastOpen = new HashMap<>();
            for (Path file : inputs) {
                for (Bar b : BarReader.read(file, readOptions())) {
                    Long previous = lastOpen.put(b.symbol(), b.openTimeNanos());
                    if (previous != null && b.openTimeNanos() <= previous) {
                        throw new UserException(
                                file
                                        + ": the "
                                        + b.symbol()
                                        + " bar at "
                                        + b.openTimeNanos() / 1_000_000L
                                        + " is not after the previous file's last bar at "
                                        + previous / 1_000_000L);
                    }
                    if (keep(b)) {
                        all.add(b);
                    }
                }
            }
            try (Output out = Output.open(output, cli.out())) {
                BarWriter writer = BarWriter.open(out.writer(), format.format);
                for (Bar b : all) {
                    writer.write(b);
                }
                out.commit();
            }
            cli.err().printf("%d bars from %d file(s)%n", all.size(), inputs.size());
            return 0;
        }
    }

    /** {@code quant bars import}: any bar file into quantstream's format. */
    @Command(
            name = "import",
            description =
                    "Read bar files (quantstream CSV/JSON, Binance klines, OHLC CSV with a header), check every bar"
                            + " (OHLC order, volume >= 0, times on the grid and increasing) and write them in quantstream's"
                            + " format. A file with one bad bar is rejected whole.")
    static final class Import extends Convert {
        @Option(
                names = "--symbol",
                paramLabel = "S",
                description = "Symbol for files that name none.")
        String symbol;

        @Option(
                names = "--timeframe",
                paramLabel = "TF",
                description = "Timeframe, when the data does not tell it.")
        String timeframe;

        @Override
        BarReadOptions readOptions() {
            return new BarReadOptions(
                    symbol == null ? null : Symbol.of(symbol),
                    timeframe == null ? null : Timeframe.parse(timeframe));
        }
    }

    /** {@code quant bars export}: a selection of bars. */
    @Command(
            name = "export",
            description =
                    "Write the bars of one symbol and a time range [from, to) as CSV or JSON.")
    static final class Export extends Convert {
        @Mixin OnlyOption only;

        @Option(
                names = "--from",
                paramLabel = "T",
                description = "First open time, inclusive: epoch ms or ISO-8601.")
        String from;

        @Option(
                names = "--to",
                paramLabel = "T",
                description = "Last open time, exclusive: epoch ms or ISO-8601.")
        String to;

        private long fromNanos = Long.MIN_VALUE;
        private long toNanos = Long.MAX_VALUE;

        @Override
        BarReadOptions readOptions() {
            fromNanos = from == null ? Long.MIN_VALUE : parseTime(from, "--from");
            toNanos = to == null ? Long.MAX_VALUE : parseTime(to, "--to");
            return BarReadOptions.defaults();
        }

        @Override
        boolean keep(Bar bar) {
            return only.keeps(bar.symbol())
                    && bar.openTimeNanos() >= fromNanos
                    && bar.openTimeNanos() < toNanos;
        }
    }

    static long parseTime(String text, String option) {
        return EpochTimes.parse(text, option);
    }
}
