package org.quantstream.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.quantstream.core.store.TickCursor;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.TickSummary;
import org.quantstream.store.chronicle.ChronicleTickStore;
import org.quantstream.store.chronicle.ChronicleTickStoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code quant store info}: what a tick store holds. */
@Command(
        name = "store",
        description = "Inspect a Chronicle tick store.",
        subcommands = StoreCommand.Info.class)
final class StoreCommand {
    @ParentCommand QuantCli parent;

    /** {@code quant store info}. */
    @Command(
            name = "info",
            description =
                    "Per symbol: count, first and last trade id and time (epoch ms); bytes and cycle files.")
    static final class Info implements Callable<Integer> {
        @ParentCommand StoreCommand store;

        @Option(
                names = "--store",
                required = true,
                paramLabel = "DIR",
                description = "The store's directory.")
        Path dir;

        @Option(names = "--json", description = "Print JSON on stdout.")
        boolean json;

        @Override
        public Integer call() {
            if (!Files.isDirectory(dir)) {
                throw new UserException(dir + ": no tick store (not a directory)");
            }
            TickSummary summary = new TickSummary();
            long bytes;
            int cycles;
            long lateness;
            long damaged;
            try (ChronicleTickStore s =
                            ChronicleTickStore.open(
                                    ChronicleTickStoreConfig.builder(dir).readOnly(true).build());
                    TickCursor c = s.cursor()) {
                MutableTick t = new MutableTick();
                while (c.next(t)) {
                    summary.onTick(t);
                }
                bytes = s.bytesOnDisk();
                cycles = s.cycleFiles().size();
                lateness = s.maxLatenessNanos();
                damaged = c.damagedRecords();
            }
            Map<String, Object> symbols = new LinkedHashMap<>();
            for (TickSummary.SymbolSummary x : summary.summaries()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("count", x.count());
                m.put("firstTradeId", x.firstTradeId());
                m.put("lastTradeId", x.lastTradeId());
                m.put("firstTime", x.firstTimeNanos() / 1_000_000L);
                m.put("lastTime", x.lastTimeNanos() / 1_000_000L);
                m.put("gaps", x.gaps());
                symbols.put(x.symbol().name(), m);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("symbols", symbols);
            doc.put("bytes", bytes);
            doc.put(
                    "recordBytes",
                    summary.summaries().stream().mapToLong(TickSummary.SymbolSummary::count).sum()
                            * ChronicleTickStore.RECORD_BYTES);
            doc.put("damaged", damaged);
            doc.put("cycles", cycles);
            doc.put("maxLatenessMs", lateness / 1_000_000L);
            if (json) {
                Json.print(store.parent.out(), doc);
            } else {
                symbols.forEach((k, v) -> store.parent.out().printf("%-10s %s%n", k, v));
                store.parent.out().printf("%d bytes in %d cycle file(s)%n", bytes, cycles);
                if (damaged > 0) {
                    store.parent
                            .out()
                            .printf(
                                    "%d damaged record(s) skipped: not written whole (a disk that"
                                            + " filled up or a power failure)%n",
                                    damaged);
                }
            }
            return 0;
        }
    }
}
