package org.quantstream.core.pipeline;

/** Where a {@link Pipeline} is in its life. */
public enum PipelineStatus {
    /** Built, not started. */
    NEW,
    /** Its thread runs the stages. */
    RUNNING,
    /** Its source ended and every tick went through (replays and files). */
    COMPLETED,
    /** Closed by {@link Pipeline#close()}. */
    CLOSED,
    /** Stopped by an error of its source or its own (see {@link Pipeline#failure()}). */
    FAILED;

    /**
     * Whether the pipeline has stopped for good.
     *
     * @return true for COMPLETED, CLOSED and FAILED
     */
    public boolean isTerminal() {
        return this == COMPLETED || this == CLOSED || this == FAILED;
    }
}
