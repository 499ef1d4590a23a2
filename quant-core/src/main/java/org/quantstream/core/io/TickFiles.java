package org.quantstream.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.TickHandler;
import org.quantstream.core.util.Args;

/**
 * Whole-file operations over {@link TickReader}: all-or-nothing validation and pushing every tick
 * of several files to a handler. Stateless and thread-safe.
 */
public final class TickFiles {
    private TickFiles() {}

    /**
     * What reading a set of files found.
     *
     * @param ticks trades read
     * @param skipped lines that are not trades
     * @param badLines malformed lines skipped (only when bad lines are skipped)
     */
    public record Counts(long ticks, long skipped, long badLines) {
        Counts plus(TickReader r) {
            return new Counts(ticks + r.ticks(), skipped + r.skipped(), badLines + r.badLines());
        }
    }

    /**
     * Reads every file through without using the ticks: with strict options, proves that no file
     * has a bad line, so that a caller can reject the whole input before changing anything.
     *
     * @param files the files
     * @param options how to read them
     * @return the counts over all files
     * @throws InputFormatException at the first malformed line (strict options) or undetectable
     *     file
     * @throws IOException if a file cannot be read
     */
    public static Counts validate(List<Path> files, ReadOptions options) throws IOException {
        return forEach(files, options, tick -> {});
    }

    /**
     * Pushes every tick of the files, in order, to a handler.
     *
     * @param files the files, read one after another
     * @param options how to read them
     * @param handler receives each tick; the view is reused
     * @return the counts over all files
     * @throws InputFormatException at a malformed line (strict options); ticks before it were
     *     already delivered
     * @throws IOException if a file cannot be read
     */
    public static Counts forEach(List<Path> files, ReadOptions options, TickHandler handler)
            throws IOException {
        Args.notNull(files, "files");
        Args.notNull(handler, "handler");
        Counts counts = new Counts(0, 0, 0);
        MutableTick tick = new MutableTick();
        for (Path file : files) {
            try (TickReader reader = TickReader.open(file, options)) {
                while (reader.next(tick)) {
                    handler.onTick(tick);
                }
                counts = counts.plus(reader);
            }
        }
        return counts;
    }
}
