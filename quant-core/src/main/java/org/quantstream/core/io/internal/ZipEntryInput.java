package org.quantstream.core.io.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * The one file inside a zip archive, inflated as it is read (data.binance.vision publishes each day
 * or month of a symbol as a zip holding one CSV). Directory entries are passed over; an archive
 * with no file, or with a second file after the first, is a {@link ZipException} naming both, so
 * that a wrong archive is never read as if it were the data. The zip's CRC-32 of the entry is
 * checked by {@link ZipInputStream} at its end. Not thread-safe.
 */
final class ZipEntryInput extends FilterInputStream {
    private final String source;
    private final String name;
    private boolean checked;

    private ZipEntryInput(ZipInputStream in, String source, String name) {
        super(in);
        this.source = source;
        this.name = name;
    }

    static InputStream open(InputStream raw, String source) throws IOException {
        ZipInputStream zip = new ZipInputStream(raw);
        ZipEntry e = zip.getNextEntry();
        while (e != null && e.isDirectory()) {
            e = zip.getNextEntry();
        }
        if (e == null) {
            throw new ZipException(source + " is a zip archive that holds no file");
        }
        return new ZipEntryInput(zip, source, e.getName());
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            checkLast();
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0) {
            checkLast();
        }
        return n;
    }

    private void checkLast() throws IOException {
        if (checked) {
            return;
        }
        checked = true;
        ZipInputStream zip = (ZipInputStream) in;
        ZipEntry e = zip.getNextEntry();
        while (e != null && e.isDirectory()) {
            e = zip.getNextEntry();
        }
        if (e != null) {
            throw new ZipException(
                    source
                            + " holds more than one file ("
                            + name
                            + ", "
                            + e.getName()
                            + "); expected one");
        }
    }

    @Override
    public long skip(long n) throws IOException {
        return in.skip(n);
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
