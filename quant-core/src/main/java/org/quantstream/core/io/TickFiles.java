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
     * Plain files at least this large are validated in parts, one per thread, when there are fewer
     * files than threads.
     */
    static final long PART_BYTES = 8L << 20;

    /**
     * Validates several files at once, up to {@code threads} at a time: independent files each on a
     * thread of its own, and, when there are fewer files than threads, a large plain file in parts
     * cut at line starts, one part per thread (strict options only: a bad line must be reported
     * first in file order, with its line number in the whole file). N cores validate in the time of
     * one. The counts are the same as {@link #validate(List, long[], ReadOptions)}'s; when files
     * are bad, the error thrown is the one a single thread would have thrown first, with the same
     * file, line, column and cause.
     *
     * @param files the files
     * @param sizes how many bytes of each file (see {@link #sizes})
     * @param options how to read them
     * @param threads the most parts read at once (1: on the calling thread)
     * @return the counts over all files
     * @throws InputFormatException at the first malformed line of the first bad file
     * @throws IOException if a file cannot be read
     */
    public static Counts validate(List<Path> files, long[] sizes, ReadOptions options, int threads)
            throws IOException {
        return validate(files, sizes, options, threads, PART_BYTES);
    }

    /** {@link #validate(List, long[], ReadOptions, int)} with files from {@code partBytes} cut. */
    static Counts validate(
            List<Path> files, long[] sizes, ReadOptions options, int threads, long partBytes)
            throws IOException {
        Args.notNull(files, "files");
        if (threads <= 1) {
            return validate(files, sizes, options);
        }
        int partsPerFile = files.size() < threads && !options.skipBad() ? threads : 1;
        java.util.concurrent.ExecutorService pool =
                java.util.concurrent.Executors.newFixedThreadPool(
                        threads,
                        r -> {
                            Thread t = new Thread(r, "validate");
                            t.setDaemon(true);
                            return t;
                        });
        try {
            // per file, its parts in order
            List<List<java.util.concurrent.Future<Part>>> perFile = new java.util.ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                long size = sizes[i];
                List<java.util.concurrent.Future<Part>> parts = new java.util.ArrayList<>();
                perFile.add(parts);
                long[] cuts =
                        partsPerFile > 1
                                        && size != Long.MAX_VALUE
                                        && size >= partBytes
                                        && java.nio.file.Files.isRegularFile(file)
                                ? lineStarts(file, size, partsPerFile)
                                : null;
                if (cuts == null || cuts.length <= 2) {
                    parts.add(pool.submit(() -> whole(file, size, options)));
                    continue;
                }
                // the first part detects the format; a compressed file is read whole by it
                java.util.concurrent.CompletableFuture<TickFormat> format =
                        new java.util.concurrent.CompletableFuture<>();
                parts.add(pool.submit(() -> firstPart(file, cuts[1], size, options, format)));
                for (int k = 1; k + 1 < cuts.length; k++) {
                    long from = cuts[k];
                    long to = cuts[k + 1];
                    parts.add(
                            pool.submit(
                                    () -> {
                                        TickFormat f = format.get();
                                        return f == null
                                                ? new Part(new Counts(0, 0, 0), 0, null)
                                                : part(file, options, from, to, f);
                                    }));
                }
            }
            Counts total = new Counts(0, 0, 0);
            for (List<java.util.concurrent.Future<Part>> parts : perFile) {
                long linesBefore = 0;
                for (java.util.concurrent.Future<Part> f : parts) {
                    Part p = org.quantstream.core.util.Futures.await(f);
                    if (p.error != null) {
                        InputFormatException e = p.error;
                        throw linesBefore == 0 || e.line() <= 0
                                ? e
                                : new InputFormatException(
                                        e.source(), e.line() + linesBefore, e.column(), e.reason());
                    }
                    total = total.plus(p.counts);
                    linesBefore += p.lines;
                }
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    /** What reading one part found: its counts and lines, or its first bad line. */
    private record Part(Counts counts, long lines, InputFormatException error) {}

    /**
     * The first part of a file, {@code [0, cut)}: detects the format and tells the other parts, or
     * tells them null and reads the first {@code size} bytes whole itself when they must not be
     * read in parts (a compressed file, whose cut is in compressed bytes; a first part with no data
     * line, from which no format was detected).
     */
    private static Part firstPart(
            Path file,
            long cut,
            long size,
            ReadOptions options,
            java.util.concurrent.CompletableFuture<TickFormat> format)
            throws IOException {
        try {
            try (TickReader reader = TickReader.open(file, options, cut)) {
                if (reader.plain() && reader.format() != TickFormat.EMPTY) {
                    format.complete(reader.format());
                    return drain(reader);
                }
            }
        } finally {
            format.complete(null); // no effect once told
        }
        return whole(file, size, options);
    }

    private static Part whole(Path file, long size, ReadOptions options) throws IOException {
        try (TickReader reader = TickReader.open(file, options, size)) {
            return drain(reader);
        }
    }

    private static Part part(Path file, ReadOptions options, long from, long to, TickFormat format)
            throws IOException {
        try (TickReader reader = TickReader.openPart(file, options, from, to, format)) {
            return drain(reader);
        }
    }

    private static Part drain(TickReader reader) throws IOException {
        MutableTick tick = new MutableTick();
        try {
            while (reader.next(tick)) {
                // validating: the ticks are not used
            }
        } catch (InputFormatException e) {
            return new Part(null, reader.lineNumber(), e);
        }
        return new Part(
                new Counts(reader.ticks(), reader.skipped(), reader.badLines()),
                reader.lineNumber(),
                null);
    }

    /**
     * Where to cut the first {@code size} bytes of a file into about {@code parts} parts: at the
     * start of the line after each even cut; fewer parts when a cut finds no line end within 2 MiB.
     *
     * @return the cuts, first 0 and last {@code size}
     */
    static long[] lineStarts(Path file, long size, int parts) throws IOException {
        long[] cuts = new long[parts + 1];
        int n = 1;
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(1 << 16);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            for (int k = 1; k < parts; k++) {
                long at = Math.max(size / parts * k, cuts[n - 1]);
                long cut = nextLineStart(ch, at, Math.min(size, at + (2L << 20)), buf);
                if (cut > cuts[n - 1] && cut < size) {
                    cuts[n++] = cut;
                }
            }
        }
        cuts[n++] = size;
        return java.util.Arrays.copyOf(cuts, n);
    }

    /** The index after the first {@code \n} in {@code [at, end)}, or -1. */
    private static long nextLineStart(
            java.nio.channels.FileChannel ch, long at, long end, java.nio.ByteBuffer buf)
            throws IOException {
        long pos = at;
        while (pos < end) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), end - pos));
            int r = ch.read(buf, pos);
            if (r <= 0) {
                return -1;
            }
            for (int i = 0; i < r; i++) {
                if (buf.get(i) == '\n') {
                    return pos + i + 1;
                }
            }
            pos += r;
        }
        return -1;
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
