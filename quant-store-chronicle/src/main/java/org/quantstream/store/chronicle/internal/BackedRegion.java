package org.quantstream.store.chronicle.internal;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.Arrays;

/**
 * Keeps the disk blocks ahead of a memory-mapped writer allocated, so that a full disk is an {@link
 * IOException} from a plain write instead of a fault (SIGBUS) of a store into the mapping.
 *
 * <p>Why: a store to a page of a mapped file that the file system cannot back (tmpfs or a sparse
 * file on a full disk) raises SIGBUS, and HotSpot turns it into an <em>asynchronous</em> {@link
 * InternalError} in compiled code: the faulting store is skipped and the error is thrown later, at
 * the thread's next check, possibly after the record was committed and acknowledged. Written
 * through the file (zeros, beyond everything the writer wrote) before the mapping reaches them,
 * those pages are backed, and a write into them cannot fault.
 *
 * <p>Confined to the writer's thread. Allocation-free once the file of the current cycle is open;
 * one {@link RandomAccessFile} per cycle file (not interruptible, unlike a {@code FileChannel}: an
 * interrupted feed thread must not close it).
 */
public final class BackedRegion implements AutoCloseable {
    /** Bytes allocated ahead of the writer at a time. */
    public static final long AHEAD = 1L << 20;

    /**
     * The writer may come this close to the end of the allocated bytes before they are extended.
     */
    public static final long LOW = 256L << 10;

    private final byte[] zeros = new byte[64 << 10];
    private RandomAccessFile file;
    private File path;
    private int cycle = Integer.MIN_VALUE;
    private long backedTo;

    /**
     * Whether the bytes up to {@code end} of the file of {@code cycle} are backed with room to
     * spare.
     *
     * @param cycle the writer's cycle
     * @param end the writer's position in its file
     * @return true when nothing needs doing
     */
    public boolean covers(int cycle, long end) {
        return cycle == this.cycle && end <= backedTo - LOW;
    }

    /**
     * Whether the bytes up to {@code end} of the file of {@code cycle} were backed before the last
     * call of {@link #extend} (so a write there could not fault).
     *
     * @param cycle the writer's cycle
     * @param end the end of what was written
     * @return true when they were
     */
    public boolean backed(int cycle, long end) {
        return cycle == this.cycle && end <= backedTo;
    }

    /**
     * Allocates the bytes from {@code end} to {@code end + AHEAD} of {@code f} (the file of {@code
     * cycle}) by writing zeros there. Only bytes beyond everything written may be given: the
     * writer's position.
     *
     * @param f the file being written
     * @param cycle its cycle (a new one starts a new region)
     * @param end the writer's position: nothing at or after it is written yet
     * @return null when done, else why not (the disk is full: the writer should write no more)
     */
    public String extend(File f, int cycle, long end) {
        try {
            if (cycle != this.cycle || !f.equals(path)) {
                close();
                file = new RandomAccessFile(f, "rw");
                path = f;
                this.cycle = cycle;
                backedTo = 0;
            }
            long from = Math.max(end, backedTo);
            long to = end + AHEAD;
            file.seek(from);
            for (long p = from; p < to; p += zeros.length) {
                file.write(zeros, 0, (int) Math.min(zeros.length, to - p));
            }
            backedTo = to;
            return null;
        } catch (IOException e) {
            return e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        }
    }

    /**
     * Whether the file holds {@code expected} at {@code position}, read through the file (not the
     * mapping): a write into the mapping that faulted left zeros (a hole) there.
     *
     * @param position the offset in the file of {@link #extend}'s last call
     * @param expected the bytes that should be there
     * @return true when they are
     * @throws IOException if the file cannot be read
     */
    public boolean holds(long position, byte[] expected) throws IOException {
        if (file == null) {
            return false;
        }
        byte[] got = new byte[expected.length];
        file.seek(position);
        file.readFully(got);
        return Arrays.equals(got, expected);
    }

    @Override
    public void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                // a read/write handle of a file we only wrote zeros to: nothing is lost
            }
            file = null;
            path = null;
            cycle = Integer.MIN_VALUE;
        }
    }
}
