package org.quantstream.core.util;

import org.slf4j.Logger;

/**
 * Receives asynchronous failures (socket, store I/O, a user callback that threw) that cannot be
 * thrown to a caller. Implementations must not throw (after Agrona's {@code ErrorHandler}).
 *
 * <p>Called on the thread where the failure happened; implementations must be thread-safe if
 * shared.
 */
@FunctionalInterface
public interface ErrorHandler {
    /**
     * Handles an error.
     *
     * @param error the failure; never null
     */
    void onError(Throwable error);

    /**
     * An error handler that logs at ERROR level.
     *
     * @param logger the logger to write to
     * @return a handler that logs each error with its stack trace
     */
    static ErrorHandler logging(Logger logger) {
        Args.notNull(logger, "logger");
        return error -> logger.error("{}", error.toString(), error);
    }
}
