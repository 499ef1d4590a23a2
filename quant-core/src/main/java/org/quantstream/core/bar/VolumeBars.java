package org.quantstream.core.bar;

import org.quantstream.core.util.Args;

/**
 * Bars that close once their volume reaches a threshold. A trade is never split between bars: the
 * trade that reaches the threshold is the last of its bar, so a bar's volume is at least the
 * threshold.
 *
 * @param volume the threshold, in base units, &gt; 0
 */
public record VolumeBars(double volume) implements BarSpec {
    /**
     * Checks the threshold.
     *
     * @param volume the threshold, finite and &gt; 0
     */
    public VolumeBars {
        Args.finite(volume, "volume");
        Args.positive(volume, "volume");
    }

    @Override
    public String label() {
        return (volume == Math.rint(volume)
                        ? Long.toString((long) volume)
                        : Double.toString(volume))
                + "v";
    }
}
