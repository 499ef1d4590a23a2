package org.quantstream.core.io.internal;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Opens text files for the readers: gzip detected by its magic bytes, UTF-8, large buffers.
 * Stateless.
 */
public final class TextFiles {
    private static final int BUFFER = 1 << 16;

    private TextFiles() {}

    /**
     * Opens a plain or gzip text file.
     *
     * @param file the file
     * @return a reader; the caller closes it
     * @throws NoSuchFileException naming the file if it does not exist
     * @throws IOException if it cannot be opened
     */
    public static BufferedReader open(Path file) throws IOException {
        return open(file, Long.MAX_VALUE);
    }

    /**
     * Opens the first {@code maxBytes} bytes of a plain or gzip text file (a snapshot of a file
     * that may grow while it is read).
     *
     * @param file the file
     * @param maxBytes the most bytes of the file read
     * @return a reader; the caller closes it
     * @throws NoSuchFileException naming the file if it does not exist
     * @throws IOException if it cannot be opened
     */
    public static BufferedReader open(Path file, long maxBytes) throws IOException {
        return new BufferedReader(
                new InputStreamReader(openBytes(file, maxBytes), StandardCharsets.UTF_8), BUFFER);
    }

    /**
     * Opens the bytes of a plain, gzip or zip text file: gzip and zip are told by their magic bytes
     * and inflated on the fly, in constant memory (a zip must hold one file, as data.binance.vision
     * publishes them; its entry is read in place, never unpacked to disk).
     *
     * @param file the file
     * @param maxBytes the most bytes of the file read (of the compressed file for gzip and zip)
     * @return the text's bytes; the caller closes the stream
     * @throws NoSuchFileException naming the file if it does not exist
     * @throws java.util.zip.ZipException if a zip holds no file
     * @throws IOException if it cannot be opened
     */
    public static InputStream openBytes(Path file, long maxBytes) throws IOException {
        InputStream raw;
        try {
            // a pipe or a device (/dev/stdin) through FileInputStream: the channel stream of
            // Files.newInputStream asks for a position and fails with "Illegal seek"
            InputStream in =
                    Files.exists(file) && !Files.isRegularFile(file)
                            ? new java.io.FileInputStream(file.toFile())
                            : Files.newInputStream(file);
            if (maxBytes != Long.MAX_VALUE) {
                in = new Limited(in, maxBytes);
            }
            raw = new BufferedInputStream(in, BUFFER);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        try {
            raw.mark(4);
            int b1 = raw.read();
            int b2 = raw.read();
            int b3 = raw.read();
            int b4 = raw.read();
            raw.reset();
            if (b1 == 0x1f && b2 == 0x8b) {
                // strict gzip: garbage after the last member is an error, not ignored
                return inflated(new GzipInput(raw, BUFFER), file);
            }
            if (b1 == 'P' && b2 == 'K' && b3 == 3 && b4 == 4) {
                return inflated(ZipEntryInput.open(raw, file.toString()), file);
            }
            return raw;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /**
     * What a stream from {@link #openBytes} inflates, for error messages.
     *
     * @param in a stream {@link #openBytes} returned
     * @return {@code "gzip"}, {@code "zip"}, or null for a plain file
     */
    public static String compression(InputStream in) {
        InputStream s = in instanceof ReadAheadInput r ? r.source() : in;
        return s instanceof GzipInput ? "gzip" : s instanceof ZipEntryInput ? "zip" : null;
    }

    /**
     * Inflation on a thread of its own when there is a second core: it costs about as much per line
     * as parsing (HistoryReadBenchmark), so the two then overlap.
     */
    private static InputStream inflated(InputStream in, Path file) {
        if (Runtime.getRuntime().availableProcessors() < 2) {
            return in;
        }
        Path name = file.getFileName();
        return new ReadAheadInput(in, name == null ? file.toString() : name.toString());
    }

    /**
     * Removes a byte-order mark at the start of a line.
     *
     * @param line the first line of a file
     * @return the line without a leading U+FEFF
     */
    public static String stripBom(String line) {
        return line != null && line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    /**
     * The first {@code n} bytes of a stream.
     *
     * @param in the stream; closed with the result
     * @param n how many bytes at most
     * @return a stream that ends after them
     */
    public static InputStream limited(InputStream in, long n) {
        return new Limited(in, n);
    }

    /** The first n bytes of a stream. */
    private static final class Limited extends java.io.FilterInputStream {
        private long left;

        Limited(InputStream in, long n) {
            super(in);
            this.left = n;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long k = super.skip(Math.min(n, left));
            left -= k;
            return k;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), left);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
