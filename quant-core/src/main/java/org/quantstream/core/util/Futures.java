package org.quantstream.core.util;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for a task's result with the task's own exception. Stateless. */
public final class Futures {
    private Futures() {}

    /**
     * Waits for a task and returns its result; what the task threw is thrown as it was (an {@link
     * IOException}, an unchecked exception or an error), not wrapped.
     *
     * @param future the task
     * @param <T> the result type
     * @return the result
     * @throws IOException if the task threw one
     * @throws InterruptedIOException if this thread is interrupted while waiting (its interrupt
     *     status is set again)
     */
    public static <T> T await(Future<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a task");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }
}
