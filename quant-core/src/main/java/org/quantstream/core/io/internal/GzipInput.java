package org.quantstream.core.io.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Decompresses gzip data strictly (RFC 1952): one or more members back to back, each header
 * checked, each member's CRC-32 and length checked against its trailer, and nothing but another
 * member after a trailer. {@link java.util.zip.GZIPInputStream} ignores bytes after a member that
 * do not start a new one, and so reads a file with garbage appended as if it were whole; here that
 * is a {@link ZipException} that gives the byte offset. Truncated data is an {@link EOFException}.
 * Not thread-safe.
 */
public final class GzipInput extends InputStream {
    // FTEXT (1) is a hint only
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final InputStream in;
    private final byte[] buf;
    private int pos;
    private int lim;

    /** Compressed bytes consumed before buf[0]. */
    private long base;

    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] one = new byte[1];
    private int members;
    private boolean inMember;
    private boolean done;

    /**
     * Wraps a stream that starts with a gzip header.
     *
     * @param in the compressed bytes; closed with this stream
     * @param bufferSize the input buffer's size
     */
    public GzipInput(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[bufferSize];
    }

    @Override
    public int read() throws IOException {
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!done) {
            if (!inMember) {
                if (!startMember()) {
                    done = true;
                    return -1;
                }
            }
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new ZipException(
                        "invalid compressed data in gzip member "
                                + (members)
                                + " near byte "
                                + offset()
                                + ": "
                                + e.getMessage());
            }
            if (n > 0) {
                crc.update(b, off, n);
                return n;
            }
            if (inflater.finished()) {
                // what the inflater did not use is the trailer's start
                pos = lim - inflater.getRemaining();
                endMember();
            } else if (inflater.needsInput()) {
                if (!fill()) {
                    throw new EOFException(
                            "unexpected end of gzip data in member "
                                    + members
                                    + " at byte "
                                    + offset()
                                    + " (the file is truncated)");
                }
                inflater.setInput(buf, pos, lim - pos);
                pos = lim;
            } else if (inflater.needsDictionary()) {
                throw new ZipException("gzip member " + members + " asks for a preset dictionary");
            }
        }
        return -1;
    }

    /** Reads the next member's header; false at a clean end of the data. */
    private boolean startMember() throws IOException {
        if (pos == lim && !fill()) {
            if (members == 0) {
                throw new EOFException("empty gzip data");
            }
            return false;
        }
        long start = offset();
        try {
            return readHeader(start);
        } catch (EOFException e) {
            throw new EOFException(
                    "unexpected end of gzip data in the header of member "
                            + (members + 1)
                            + " at byte "
                            + start
                            + " (the file is truncated)");
        }
    }

    private boolean readHeader(long start) throws IOException {
        int id1 = byteOrEof("header");
        int id2 = byteOrEof("header");
        if (id1 != 0x1f || id2 != 0x8b) {
            if (members == 0) {
                throw new ZipException("not in gzip format");
            }
            throw new ZipException(
                    "garbage after gzip member "
                            + members
                            + " at byte "
                            + start
                            + " (the file holds more than its gzip data: damaged, or another file"
                            + " appended to it)");
        }
        CRC32 headerCrc = new CRC32();
        headerCrc.update(id1);
        headerCrc.update(id2);
        int cm = headerByte(headerCrc);
        if (cm != 8) {
            throw new ZipException(
                    "gzip member "
                            + (members + 1)
                            + " at byte "
                            + start
                            + ": unknown method "
                            + cm);
        }
        int flg = headerByte(headerCrc);
        if ((flg & 0xE0) != 0) {
            throw new ZipException(
                    "gzip member " + (members + 1) + " at byte " + start + ": reserved flags set");
        }
        for (int i = 0; i < 6; i++) {
            headerByte(headerCrc); // MTIME, XFL, OS
        }
        if ((flg & FEXTRA) != 0) {
            int xlen = headerByte(headerCrc) | headerByte(headerCrc) << 8;
            for (int i = 0; i < xlen; i++) {
                headerByte(headerCrc);
            }
        }
        if ((flg & FNAME) != 0) {
            while (headerByte(headerCrc) != 0) {
                // the original file name
            }
        }
        if ((flg & FCOMMENT) != 0) {
            while (headerByte(headerCrc) != 0) {
                // a comment
            }
        }
        if ((flg & FHCRC) != 0) {
            int expected = (int) headerCrc.getValue() & 0xFFFF;
            int stored = byteOrEof("header") | byteOrEof("header") << 8;
            if (stored != expected) {
                throw new ZipException(
                        "gzip member "
                                + (members + 1)
                                + " at byte "
                                + start
                                + ": header CRC mismatch");
            }
        }
        members++;
        inMember = true;
        inflater.reset();
        crc.reset();
        if (pos < lim) {
            inflater.setInput(buf, pos, lim - pos);
            pos = lim;
        }
        return true;
    }

    /** Checks the trailer of the member that just ended. */
    private void endMember() throws IOException {
        long stored = readIntLe("trailer") & 0xFFFFFFFFL;
        long size = readIntLe("trailer") & 0xFFFFFFFFL;
        if (stored != crc.getValue()) {
            throw new ZipException(
                    "gzip member " + members + ": CRC-32 mismatch (the data is damaged)");
        }
        if (size != (inflater.getBytesWritten() & 0xFFFFFFFFL)) {
            throw new ZipException(
                    "gzip member " + members + ": length mismatch (the data is damaged)");
        }
        inMember = false;
    }

    private int readIntLe(String part) throws IOException {
        return byteOrEof(part)
                | byteOrEof(part) << 8
                | byteOrEof(part) << 16
                | byteOrEof(part) << 24;
    }

    private int headerByte(CRC32 headerCrc) throws IOException {
        int b = byteOrEof("header");
        headerCrc.update(b);
        return b;
    }

    private int byteOrEof(String part) throws IOException {
        if (pos == lim && !fill()) {
            throw new EOFException(
                    "unexpected end of gzip data in the "
                            + part
                            + " of member "
                            + (part.equals("header") ? members + 1 : members)
                            + " at byte "
                            + offset()
                            + " (the file is truncated)");
        }
        return buf[pos++] & 0xFF;
    }

    /** Refills the buffer; false at the end of the input. */
    private boolean fill() throws IOException {
        base += lim;
        pos = 0;
        lim = 0;
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        lim = n;
        return true;
    }

    /** The offset in the compressed input of the next byte not yet used. */
    private long offset() {
        if (inMember && pos == lim) {
            // handed to the inflater: what it has not used is still to come
            return base + lim - inflater.getRemaining();
        }
        return base + pos;
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}
