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

        Counts plus(Counts c) {
            return new Counts(ticks + c.ticks, skipped + c.skipped, badLines + c.badLines);
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
     * Validates the first {@code sizes[i]} bytes of each file: with {@link #forEach(List, long[],
     * ReadOptions, TickHandler)} on the same sizes, exactly what was validated is used.
     *
     * @param files the files
     * @param sizes how many bytes of each file (see {@link #sizes})
     * @param options how to read them
     * @return the counts over all files
     * @throws InputFormatException at the first malformed line (strict options)
     * @throws IOException if a file cannot be read
     */
    public static Counts validate(List<Path> files, long[] sizes, ReadOptions options)
            throws IOException {
        return forEach(files, sizes, options, tick -> {});
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
        return forEach(files, null, options, handler);
    }

    /**
     * The sizes of some files now, for {@link #forEach(List, long[], ReadOptions, TickHandler)}:
     * validating and then importing a snapshot reads the same bytes twice even when a file grows in
     * between.
     *
     * @param files the files
     * @return each file's size in bytes
     * @throws IOException if a size cannot be read
     */
    public static long[] sizes(List<Path> files) throws IOException {
        long[] sizes = new long[files.size()];
        for (int i = 0; i < sizes.length; i++) {
            Path f = files.get(i);
            sizes[i] =
                    java.nio.file.Files.isRegularFile(f)
                            ? java.nio.file.Files.size(f)
                            : Long.MAX_VALUE;
        }
        return sizes;
    }

    /**
     * Pushes every tick of the first {@code sizes[i]} bytes of each file, in order, to a handler.
     *
     * @param files the files, read one after another
     * @param sizes how many bytes of each file to read (see {@link #sizes}), or null for all
     * @param options how to read them
     * @param handler receives each tick; the view is reused
     * @return the counts over all files
     * @throws InputFormatException at a malformed line (strict options); ticks before it were
     *     already delivered
     * @throws IOException if a file cannot be read
     */
    public static Counts forEach(
            List<Path> files, long[] sizes, ReadOptions options, TickHandler handler)
            throws IOException {
        Args.notNull(files, "files");
        Args.notNull(handler, "handler");
        Counts counts = new Counts(0, 0, 0);
        MutableTick tick = new MutableTick();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            try (TickReader reader =
                    TickReader.open(file, options, sizes == null ? Long.MAX_VALUE : sizes[i])) {
                while (reader.next(tick)) {
                    handler.onTick(tick);
                }
                counts = counts.plus(reader);
            }
        }
        return counts;
    }

    /**
     * Validates several files at once, each on its own thread (up to {@code threads}): the files
     * are independent, so N cores validate N files in the time of one. The counts are the same as
     * {@link #validate(List, long[], ReadOptions)}'s; when files are bad, the error thrown is the
     * first file's in the given order, as with one thread.
     *
     * @param files the files
     * @param sizes how many bytes of each file (see {@link #sizes})
     * @param options how to read them
     * @param threads the most files read at once (1: on the calling thread)
     * @return the counts over all files
     * @throws InputFormatException at the first malformed line of the first bad file
     * @throws IOException if a file cannot be read
     */
    public static Counts validate(List<Path> files, long[] sizes, ReadOptions options, int threads)
            throws IOException {
        Args.notNull(files, "files");
        int n = Math.min(threads, files.size());
        if (n <= 1) {
            return validate(files, sizes, options);
        }
        java.util.concurrent.ExecutorService pool =
                java.util.concurrent.Executors.newFixedThreadPool(
                        n,
                        r -> {
                            Thread t = new Thread(r, "validate");
                            t.setDaemon(true);
                            return t;
                        });
        try {
            List<java.util.concurrent.Future<Counts>> parts = new java.util.ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                List<Path> one = List.of(files.get(i));
                long[] size = {sizes[i]};
                parts.add(pool.submit(() -> validate(one, size, options)));
            }
            Counts total = new Counts(0, 0, 0);
            for (java.util.concurrent.Future<Counts> f : parts) {
                total = total.plus(org.quantstream.core.util.Futures.await(f));
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * {@link #forEach(List, long[], ReadOptions, TickHandler)} with the files read and parsed on a
     * thread of their own, ahead of the handler, which runs on the calling thread: with a handler
     * that costs as much as parsing (a store append), the two overlap on two cores. Ticks reach the
     * handler in the same order, in batches of 4096 passed round a fixed set of buffers (no
     * allocation per tick).
     *
     * @param files the files, read one after another
     * @param sizes how many bytes of each file to read (see {@link #sizes}), or null for all
     * @param options how to read them
     * @param handler receives each tick on the calling thread; the view is reused
     * @return the counts over all files
     * @throws InputFormatException at a malformed line (strict options), after the ticks before it
     *     were delivered
     * @throws IOException if a file cannot be read
     */
    public static Counts forEachReadAhead(
            List<Path> files, long[] sizes, ReadOptions options, TickHandler handler)
            throws IOException {
        Args.notNull(files, "files");
        Args.notNull(handler, "handler");
        return new org.quantstream.core.io.internal.ParseAhead<Counts>(
                        out -> forEach(files, sizes, options, out))
                .run(handler);
    }
}
