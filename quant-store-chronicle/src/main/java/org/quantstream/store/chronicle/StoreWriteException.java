package org.quantstream.store.chronicle;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Thrown by an append to a {@link ChronicleTickStore} that cannot be written: its disk has less
 * free space than the append needs plus the configured floor ({@link
 * ChronicleTickStoreConfig#minFreeBytes()}), checked before anything is written; the file's next
 * bytes could not be allocated (the disk filled up between checks; nothing was written, and the
 * store takes appends again once space is freed); or a write to the memory-mapped file faulted (the
 * first record of a new file on a full disk, or another program cut the file, which may be reported
 * only by a later append, the records since the cut lost). After a full disk's fault the record
 * being written is rolled back, every earlier record is stored, and the store refuses further
 * appends until it is reopened. The message names the store, the free space and what to do, as a
 * user reads it.
 */
public final class StoreWriteException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, as a user reads it
     * @param fault the fault of the write, or null when the space check refused it
     */
    public StoreWriteException(String message, Throwable fault) {
        super(message, new IOException(message, fault));
    }
}
