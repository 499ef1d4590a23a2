package org.quantstream.examples.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The one way the CLI shows progress on stderr: on a terminal the bar redraws in place (4 times a
 * second); to a file or pipe, a plain line every 2 s.
 */
final class ProgressBars {
    private ProgressBars() {}

    /** Whether stderr is taken to be a terminal (a bar that redraws in place). */
    static boolean terminal() {
        return System.console() != null;
    }

    /**
     * A new bar; close it when done, and on a terminal end its line with {@link #end}.
     *
     * @param task the task's name
     * @param max the work to do
     * @param unit the unit's name with a leading space ({@code " ticks"})
     * @param speed whether to show the rate
     * @param err where it goes
     */
    static ProgressBar start(String task, long max, String unit, boolean speed, PrintStream err) {
        return start(task, max, unit, 1, speed, err);
    }

    /**
     * A new bar counting in units of several steps ({@code " MiB"} of bytes: 1 << 20).
     *
     * @param task the task's name
     * @param max the work to do, in steps (it may grow: {@link ProgressBar#maxHint})
     * @param unit the unit's name with a leading space
     * @param unitSize steps per unit
     * @param speed whether to show the rate
     * @param err where it goes
     * @return the bar
     */
    static ProgressBar start(
            String task, long max, String unit, long unitSize, boolean speed, PrintStream err) {
        boolean terminal = terminal();
        ProgressBarBuilder b =
                new ProgressBarBuilder()
                        .setTaskName(task)
                        .setInitialMax(max)
                        .setStyle(ProgressBarStyle.ASCII)
                        .setUnit(unit, unitSize)
                        .setUpdateIntervalMillis(terminal ? 250 : 2_000)
                        .setConsumer(
                                new DelegatingProgressBarConsumer(
                                        terminal
                                                ? line -> err.print("\r" + line)
                                                : line -> err.println(line)));
        if (speed) {
            b.showSpeed();
        }
        return b.build();
    }

    /** Ends a redrawn bar's line on a terminal. */
    static void end(PrintStream err) {
        if (terminal()) {
            err.println();
        }
    }
}
