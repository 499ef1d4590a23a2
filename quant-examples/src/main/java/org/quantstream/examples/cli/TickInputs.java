package org.quantstream.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.quantstream.core.io.ReadOptions;
import org.quantstream.core.io.TickFiles;
import org.quantstream.core.store.TickCursor;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.TickHandler;
import org.quantstream.store.chronicle.ChronicleTickStore;
import org.quantstream.store.chronicle.ChronicleTickStoreConfig;

/**
 * The tick inputs of the commands: files of any format, or directories holding a Chronicle tick
 * store.
 */
final class TickInputs {
    private TickInputs() {}

    /** Proves every file readable (stores need no check), so that a bad input changes nothing. */
    static TickFiles.Counts validate(List<Path> inputs, ReadOptions options) throws IOException {
        return TickFiles.validate(files(inputs), options);
    }

    /** Pushes every tick of the inputs, in order, to the handler. */
    static TickFiles.Counts forEach(List<Path> inputs, ReadOptions options, TickHandler handler)
            throws IOException {
        long ticks = 0;
        long skipped = 0;
        long bad = 0;
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (ChronicleTickStore store =
                                ChronicleTickStore.open(
                                        ChronicleTickStoreConfig.builder(p)
                                                .readOnly(true)
                                                .build());
                        TickCursor c = store.cursor()) {
                    MutableTick t = new MutableTick();
                    while (c.next(t)) {
                        handler.onTick(t);
                        ticks++;
                    }
                }
            } else {
                TickFiles.Counts c = TickFiles.forEach(List.of(p), options, handler);
                ticks += c.ticks();
                skipped += c.skipped();
                bad += c.badLines();
            }
        }
        return new TickFiles.Counts(ticks, skipped, bad);
    }

    private static List<Path> files(List<Path> inputs) {
        List<Path> out = new ArrayList<>();
        for (Path p : inputs) {
            if (!Files.isDirectory(p)) {
                out.add(p);
            }
        }
        return out;
    }
}
