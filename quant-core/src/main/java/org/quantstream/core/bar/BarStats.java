package org.quantstream.core.bar;

/**
 * A snapshot of an aggregator's counters.
 *
 * @param ticks trades added to bars
 * @param barsClosed bars emitted by {@link BarHandler#onBarClosed} (synthetic ones included,
 *     revisions excluded)
 * @param syntheticBars gap-filling bars emitted
 * @param lateDropped trades older than the bar in progress that were dropped
 * @param lateAmended late trades added to a closed bar, which was then re-emitted
 * @param rejected trades refused: another symbol, or a price or quantity that is not finite and
 *     positive
 */
public record BarStats(
        long ticks,
        long barsClosed,
        long syntheticBars,
        long lateDropped,
        long lateAmended,
        long rejected) {}
