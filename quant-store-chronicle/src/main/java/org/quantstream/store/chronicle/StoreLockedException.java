package org.quantstream.store.chronicle;

/**
 * Thrown by {@link ChronicleTickStore#open} for a writable store that another writer holds: a store
 * has one writer process at a time (an OS file lock), any number of read-only readers. The message
 * names the store and the writer's process id.
 */
public final class StoreLockedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the store and the holder, as a user reads it
     */
    public StoreLockedException(String message) {
        super(message);
    }
}
