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
import java.util.zip.GZIPInputStream;

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
        InputStream raw;
        try {
            raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        try {
            raw.mark(2);
            int b1 = raw.read();
            int b2 = raw.read();
            raw.reset();
            InputStream data = (b1 == 0x1f && b2 == 0x8b) ? new GZIPInputStream(raw, BUFFER) : raw;
            return new BufferedReader(new InputStreamReader(data, StandardCharsets.UTF_8), BUFFER);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
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
}
