package org.quantstream.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.quantstream.core.io.TickWriter;
import org.quantstream.core.store.TickCursor;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.time.EpochTimes;
import org.quantstream.store.chronicle.ChronicleTickStore;
import org.quantstream.store.chronicle.ChronicleTickStoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code quant export}: ticks out of a store. */
@Command(
        name = "export",
        description =
                "Write the ticks of a store (one symbol, a [from, to) range) as CSV or JSON lines.")
final class ExportCommand implements Callable<Integer> {
    @ParentCommand private QuantCli parent;

    @Option(
            names = "--store",
            required = true,
            paramLabel = "DIR",
            description = "The store's directory.")
    private Path store;

    @Mixin private OnlyOption only;

    @Option(
            names = "--from",
            paramLabel = "T",
            description = "First event time, inclusive: epoch ms or ISO-8601.")
    private String from;

    @Option(
            names = "--to",
            paramLabel = "T",
            description = "Last event time, exclusive: epoch ms or ISO-8601.")
    private String to;

    @Option(
            names = "--format",
            defaultValue = "csv",
            description = "csv or jsonl (default: ${DEFAULT-VALUE}).")
    private TicksCommand.Format format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write here instead of stdout.")
    private Path output;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(store)) {
            throw new UserException(store + ": no tick store (not a directory)");
        }
        long fromNanos = from == null ? Long.MIN_VALUE : EpochTimes.parse(from, "--from");
        long toNanos = to == null ? Long.MAX_VALUE : EpochTimes.parse(to, "--to");
        if (toNanos < fromNanos) {
            throw new UserException("--to must not be before --from");
        }
        long n = 0;
        long damaged;
        try (ChronicleTickStore s =
                        ChronicleTickStore.open(
                                ChronicleTickStoreConfig.builder(store).readOnly(true).build());
                TickCursor c = s.cursor(fromNanos, toNanos);
                Output out = Output.open(output, parent.out())) {
            TickWriter w = TickWriter.open(out.writer(), format.format);
            MutableTick t = new MutableTick();
            while (c.next(t)) {
                if (only.keeps(t.symbol())) {
                    w.write(t);
                    n++;
                }
            }
            out.commit();
            damaged = c.damagedRecords();
        }
        parent.err()
                .printf(
                        "exported %d ticks%s%n",
                        n,
                        damaged == 0
                                ? ""
                                : " (" + damaged + " damaged records skipped: not written whole)");
        return 0;
    }
}
