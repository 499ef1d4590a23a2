package org.quantstream.examples.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C and SIGTERM as a request to stop, not a crash: a shutdown hook signals {@link #requested}
 * and waits (a bounded time) until the command has cleaned up and reported ({@link #finish}), then
 * ends the JVM with the command's exit code, 0 for a clean stop, instead of 130 or 143. Used by the
 * commands that run until stopped ({@code collect}, {@code demo}, {@code dashboard}).
 */
final class GracefulStop implements AutoCloseable {
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile int exitCode;

    /**
     * Installs the hook.
     *
     * @param name the hook thread's name
     * @param out flushed before the JVM ends
     * @param err flushed before the JVM ends
     * @param wait how long the hook waits for the clean-up
     */
    GracefulStop(String name, PrintStream out, PrintStream err, Duration wait) {
        this.hook =
                new Thread(
                        () -> {
                            stop.countDown();
                            try {
                                if (finished.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                                    out.flush();
                                    err.flush();
                                    // System.exit would block: the JVM is shutting down already
                                    Runtime.getRuntime().halt(exitCode);
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The latch a stop request counts down, for commands that wait on it. */
    CountDownLatch latch() {
        return stop;
    }

    /** Whether Ctrl-C or SIGTERM asked the command to stop. */
    boolean requested() {
        return stop.getCount() == 0;
    }

    /**
     * The command has cleaned up and reported: the hook, if a signal is being handled, ends the JVM
     * with this code.
     */
    void finish(int code) {
        exitCode = code;
        finished.countDown();
    }

    /** Removes the hook after a run that ended by itself (finishing with code 70 if not yet). */
    @Override
    public void close() {
        if (finished.getCount() > 0) {
            finish(QuantCli.INTERNAL_ERROR);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already: the hook is what ends the JVM
        }
    }
}
