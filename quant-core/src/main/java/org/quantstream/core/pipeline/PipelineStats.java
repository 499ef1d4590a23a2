package org.quantstream.core.pipeline;

/**
 * A {@link Pipeline}'s counters, as of the last batch its thread published.
 *
 * @param ticks ticks taken from the source
 * @param ignored ticks of symbols the pipeline does not follow
 * @param bars bars closed (every symbol and timeframe)
 * @param lateDropped trades dropped by the aggregators as later than their bar
 * @param snapshots pair snapshots
 * @param alertsFired alerts delivered
 * @param alertsSuppressed alert fires suppressed by cooldowns
 * @param sinkErrors exceptions thrown by the user's handlers, listeners and sinks (each went to the
 *     error handler; the pipeline went on)
 * @param queueHighWaterMark the most ticks waiting in the source's queue at once
 * @param lagLastNanos processing time minus event time of a recent tick (needs a clock; 0 without)
 * @param lagMaxNanos the largest such lag seen
 */
public record PipelineStats(
        long ticks,
        long ignored,
        long bars,
        long lateDropped,
        long snapshots,
        long alertsFired,
        long alertsSuppressed,
        long sinkErrors,
        long queueHighWaterMark,
        long lagLastNanos,
        long lagMaxNanos) {}
