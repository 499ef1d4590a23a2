package org.quantstream.examples.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.quantstream.core.io.ReadOptions;
import org.quantstream.core.io.TickFiles;
import org.quantstream.core.store.TickAppender;
import org.quantstream.core.tick.Symbol;
import org.quantstream.store.chronicle.ChronicleTickStore;
import org.quantstream.store.chronicle.StoreWriteException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code quant import}: tick files into a Chronicle store, without duplicates. */
@Command(
        name = "import",
        description =
                "Append tick files (anything 'quant ticks' reads) to a Chronicle tick store. Every file is checked"
                        + " first: a bad line rejects the import before any tick is written. Trade ids already stored are"
                        + " skipped, so importing the same data again adds nothing.")
final class ImportCommand implements Callable<Integer> {
    @ParentCommand private QuantCli parent;

    @Option(
            names = "--store",
            required = true,
            paramLabel = "DIR",
            description = "The store's directory (created if missing).")
    private Path store;

    @Option(names = "--symbol", paramLabel = "S", description = "Symbol for data that names none.")
    private String symbol;

    @Option(names = "--json", description = "Print the summary as JSON on stdout.")
    private boolean json;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Tick files.")
    private List<Path> files = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        ReadOptions options =
                symbol == null
                        ? ReadOptions.defaults()
                        : ReadOptions.defaults().withSymbol(Symbol.of(symbol));
        List<Path> files = new ArrayList<>();
        for (Path f : this.files) {
            files.add(TickInputs.resolve(f)); // standard input (-) and pipes, read once
        }
        Map<String, Object> m = importFiles(store, files, options, parent.err());
        long appended = (Long) m.get("appended");
        long duplicates = (Long) m.get("duplicates");
        if (json) {
            Json.print(parent.out(), m);
        } else {
            parent.err()
                    .printf(
                            "imported %d ticks into %s (%d duplicates skipped)%n",
                            appended, store, duplicates);
        }
        return 0;
    }

    /**
     * Imports tick files into a store, all or nothing: every file is read through first (a bad line
     * rejects the import before any tick is written), then appended; trade ids already stored are
     * skipped. The one import path of {@code quant import} and {@code quant download --import}.
     *
     * @param store the store's directory (created if missing)
     * @param files the files, read in this order
     * @param options how to read them
     * @param err where the progress bar goes
     * @return the summary: store, files, ticks, appended, duplicates
     * @throws IOException if a file cannot be read or is malformed (nothing is written then)
     */
    static Map<String, Object> importFiles(
            Path store, List<Path> files, ReadOptions options, PrintStream err) throws IOException {
        // a snapshot of each file's length: a file that grows during the import is imported up to
        // the bytes that were validated, never beyond (all or nothing)
        long[] sizes = TickFiles.sizes(files);
        // independent files are validated at once, one per core
        TickFiles.Counts total =
                TickFiles.validate(
                        files, sizes, options, Runtime.getRuntime().availableProcessors());
        long[] appended = {0};
        long duplicates;
        try (ChronicleTickStore s = ChronicleTickStore.open(store)) {
            TickAppender a = s.appender();
            // room for every validated tick, or nothing is written
            a.reserve(total.ticks());
            try (ProgressBar bar =
                    ProgressBars.start("import", total.ticks(), " ticks", true, err)) {
                long before = a.duplicates();
                long[] seen = {0};
                try {
                    // parsed on another thread, ahead of the appends: the two overlap
                    TickFiles.forEachReadAhead(
                            files,
                            sizes,
                            options,
                            t -> {
                                if (a.append(t)) {
                                    appended[0]++;
                                }
                                if ((++seen[0] & 0xFFF) == 0) {
                                    bar.stepTo(seen[0]);
                                }
                            });
                } catch (StoreWriteException e) {
                    // the disk filled up during the import (the check above passed): what was
                    // appended stays, whole; importing again after freeing space adds the rest
                    throw new UserException(
                            e.getMessage()
                                    + " "
                                    + appended[0]
                                    + " of "
                                    + total.ticks()
                                    + " ticks were appended; run the same import again once there is"
                                    + " space: ticks already stored are skipped.",
                            e);
                }
                bar.stepTo(seen[0]);
                duplicates = a.duplicates() - before;
            }
        }
        ProgressBars.end(err);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("store", store.toString());
        m.put("files", files.size());
        m.put("ticks", total.ticks());
        m.put("appended", appended[0]);
        m.put("duplicates", duplicates);
        return m;
    }
}
