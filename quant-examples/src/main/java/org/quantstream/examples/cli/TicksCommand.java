package org.quantstream.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.quantstream.core.io.InputFormatException;
import org.quantstream.core.io.ReadOptions;
import org.quantstream.core.io.TickFiles;
import org.quantstream.core.io.TickFormat;
import org.quantstream.core.io.TickWriter;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.TickSummary;
import org.quantstream.core.tick.TickSummary.SymbolSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code quant ticks}: reads tick files of any supported format and writes them normalized
 * (quantstream CSV or JSON lines), or prints a per-symbol summary.
 */
@Command(
        name = "ticks",
        description =
                "Read tick files (recorded Binance messages, Binance JSON, data.binance.vision"
                        + " trades/aggTrades CSV, quantstream CSV/JSONL; gzip or plain) and write them"
                        + " normalized, or summarize them.")
final class TicksCommand implements Callable<Integer> {
    /** The output formats. */
    enum Format {
        csv(TickFormat.QUANT_CSV),
        jsonl(TickFormat.QUANT_JSONL);

        final TickFormat format;

        Format(TickFormat format) {
            this.format = format;
        }
    }

    @ParentCommand private QuantCli parent;

    @Option(
            names = "--input",
            required = true,
            arity = "1..*",
            paramLabel = "FILE",
            description = "Tick files, read in the order given.")
    private List<Path> inputs = new ArrayList<>();

    @Option(
            names = "--symbol",
            paramLabel = "S",
            description =
                    "Symbol for data that names none (default: from the data, else the file name).")
    private String symbol;

    @Option(
            names = "--format",
            defaultValue = "csv",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private Format format;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description = "Write here instead of stdout (replaced only when the command succeeds).")
    private Path output;

    @Option(names = "--summary", description = "Print a per-symbol summary instead of the ticks.")
    private boolean summary;

    @Option(names = "--json", description = "With --summary: print JSON on stdout.")
    private boolean json;

    @Option(
            names = "--skip-bad",
            description =
                    "Skip and count malformed lines (each reported on stderr) instead of rejecting the file.")
    private boolean skipBad;

    @Override
    public Integer call() throws IOException {
        if (json && !summary) {
            throw new UserException("--json goes with --summary");
        }
        ReadOptions options = ReadOptions.defaults();
        if (symbol != null) {
            options = options.withSymbol(Symbol.of(symbol));
        }
        if (skipBad) {
            options = options.withSkipBad(this::reportBadLine);
        }
        return summary ? summarize(options) : write(options);
    }

    private void reportBadLine(InputFormatException e) {
        parent.err().println("skipped " + e.getMessage());
    }

    private int summarize(ReadOptions options) throws IOException {
        TickSummary summary = new TickSummary();
        TickFiles.Counts counts = TickInputs.forEach(inputs, options, summary);
        if (json) {
            Map<String, Object> symbols = new LinkedHashMap<>();
            for (SymbolSummary s : summary.summaries()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("count", s.count());
                m.put("firstTradeId", s.firstTradeId());
                m.put("lastTradeId", s.lastTradeId());
                m.put("firstTime", s.firstTimeNanos() / 1_000_000L);
                m.put("lastTime", s.lastTimeNanos() / 1_000_000L);
                m.put("minPrice", s.minPrice());
                m.put("maxPrice", s.maxPrice());
                m.put("volume", s.volume());
                m.put("vwap", s.vwap());
                m.put("duplicates", s.duplicates());
                m.put("gaps", s.gaps());
                symbols.put(s.symbol().name(), m);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("symbols", symbols);
            doc.put("skipped", counts.skipped());
            doc.put("badLines", counts.badLines());
            Json.print(parent.out(), doc);
            return 0;
        }
        parent.out()
                .printf(
                        "%-10s %9s %12s %12s %24s %24s %12s %12s %14s %14s %5s %5s%n",
                        "symbol",
                        "count",
                        "firstId",
                        "lastId",
                        "firstTime",
                        "lastTime",
                        "minPrice",
                        "maxPrice",
                        "volume",
                        "vwap",
                        "dups",
                        "gaps");
        for (SymbolSummary s : summary.summaries()) {
            parent.out()
                    .printf(
                            "%-10s %9d %12d %12d %24s %24s %12s %12s %14.6f %14.6f %5d %5d%n",
                            s.symbol(),
                            s.count(),
                            s.firstTradeId(),
                            s.lastTradeId(),
                            java.time.Instant.ofEpochSecond(0, s.firstTimeNanos()),
                            java.time.Instant.ofEpochSecond(0, s.lastTimeNanos()),
                            s.minPrice(),
                            s.maxPrice(),
                            s.volume(),
                            s.vwap(),
                            s.duplicates(),
                            s.gaps());
        }
        parent.err()
                .printf(
                        "%d ticks; %d lines skipped (not trades); %d bad lines skipped%n",
                        counts.ticks(), counts.skipped(), counts.badLines());
        return 0;
    }

    private int write(ReadOptions options) throws IOException {
        if (!options.skipBad()) {
            TickInputs.validate(inputs, options); // all or nothing: no output from a bad input
        }
        try (Output out = Output.open(output, parent.out())) {
            TickWriter writer = TickWriter.open(out.writer(), format.format);
            TickFiles.Counts counts =
                    TickInputs.forEach(inputs, options, tick -> writeUnchecked(writer, tick));
            out.commit();
            if (output != null) {
                parent.err().printf("wrote %d ticks to %s%n", counts.ticks(), output);
            }
        }
        return 0;
    }

    private static void writeUnchecked(TickWriter writer, org.quantstream.core.tick.TickView tick) {
        try {
            writer.write(tick);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
