package org.quantstream.store.chronicle.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one-writer lock of a store: an OS file lock ({@link FileChannel#tryLock()}) on {@code
 * writer.lock} in the store's directory, held from open to close by the store instance that may
 * append. The file holds the holder's process id for the message a second writer gets. The OS
 * releases the lock when the process dies, even by {@code kill -9}, so a crashed writer never locks
 * a store for good. Readers take no lock. Thread-safe.
 */
public final class WriterLock {
    /** The lock file's name in the store directory. */
    public static final String FILE = "writer.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private WriterLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of a store directory, without waiting.
     *
     * @param dir the store directory (exists)
     * @return the held lock
     * @throws org.quantstream.store.chronicle.StoreLockedException if another process, or another
     *     open store in this one, holds it: "store DIR is being written by process PID"
     * @throws UncheckedIOException if the lock file cannot be created or locked
     */
    public static WriterLock acquire(Path dir) {
        Path file = dir.resolve(FILE);
        FileChannel ch = null;
        try {
            ch =
                    FileChannel.open(
                            file,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.READ,
                            StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by another store instance of this JVM
            }
            if (lock == null) {
                String holder = holder(ch);
                ch.close();
                throw new org.quantstream.store.chronicle.StoreLockedException(
                        "store "
                                + dir
                                + " is being written by process "
                                + (holder.isEmpty() ? "(unknown)" : holder)
                                + "; a store has one writer at a time (readers may open it"
                                + " read-only)");
            }
            byte[] pid =
                    Long.toString(ProcessHandle.current().pid())
                            .getBytes(StandardCharsets.US_ASCII);
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(pid), 0);
            ch.force(false);
            return new WriterLock(ch, lock);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    private static String holder(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(32);
        int n = ch.read(b, 0);
        return n <= 0 ? "" : new String(b.array(), 0, n, StandardCharsets.US_ASCII).strip();
    }

    /** Releases the lock (idempotent). */
    public synchronized void release() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            // the channel's close below releases it too
        } finally {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }
}
