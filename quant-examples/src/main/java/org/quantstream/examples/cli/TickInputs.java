package org.quantstream.examples.cli;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

    /** Standard input and pipes, copied once to a temporary file: they can be read only once. */
    private static final Map<Path, Path> SPOOLED = new ConcurrentHashMap<>();

    /**
     * The file to read for an input: the input itself, or for {@code -} (standard input), a pipe or
     * a device such as {@code /dev/stdin}, a temporary copy made on first use, so that the
     * all-or-nothing check and the reading that follows see the same bytes (before: "Illegal seek",
     * and "-: no such file").
     */
    static Path resolve(Path input) throws IOException {
        boolean stdin = input.toString().equals("-");
        if (!stdin
                && (Files.isRegularFile(input)
                        || Files.isDirectory(input)
                        || !Files.exists(input))) {
            return input;
        }
        Path spooled = SPOOLED.get(input);
        if (spooled == null) {
            spooled = Files.createTempFile("quant-input", ".spool");
            spooled.toFile().deleteOnExit();
            try (InputStream in = stdin ? System.in : new FileInputStream(input.toFile())) {
                Files.copy(in, spooled, StandardCopyOption.REPLACE_EXISTING);
            }
            SPOOLED.put(input, spooled);
        }
        return spooled;
    }

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
                TickFiles.Counts c = TickFiles.forEach(List.of(resolve(p)), options, handler);
                ticks += c.ticks();
                skipped += c.skipped();
                bad += c.badLines();
            }
        }
        return new TickFiles.Counts(ticks, skipped, bad);
    }

    private static List<Path> files(List<Path> inputs) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : inputs) {
            if (!Files.isDirectory(p)) {
                out.add(resolve(p));
            }
        }
        return out;
    }
}
