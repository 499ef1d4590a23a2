package org.quantstream.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.quantstream.core.alert.Alert;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.pair.PairSnapshot;
import org.quantstream.core.pipeline.Pipeline;

/** Everything a {@link Pipeline} hands out, recorded for comparing runs. Not thread-safe. */
public final class PipelineRecording {
    /** The bars, in the order they were handed out. */
    public final List<Bar> bars = new ArrayList<>();

    /** The snapshots, prefixed by their pair's name. */
    public final List<String> snapshots = new ArrayList<>();

    /** The snapshots as records. */
    public final List<PairSnapshot> snapshotRecords = new ArrayList<>();

    /** The alerts. */
    public final List<Alert> alerts = new ArrayList<>();

    /** The metric values: {@code target metric time value}. */
    public final List<String> metrics = new ArrayList<>();

    /**
     * Attaches this recording's handlers to a pipeline being built.
     *
     * @param b the builder
     * @return the builder
     */
    public Pipeline.Builder attach(Pipeline.Builder b) {
        return b.onBar(bars::add)
                .onPair(
                        (pair, s) -> {
                            snapshots.add(pair + " " + s);
                            snapshotRecords.add(s);
                        })
                .onAlert(alerts::add)
                .onMetric((t, m, time, v) -> metrics.add(t + " " + m + " " + time + " " + v));
    }

    /**
     * Asserts that every stream of this run equals the other run's, record by record (doubles by
     * their bits): the bars of each symbol and timeframe, the snapshots of each pair, the alerts of
     * each rule, the values of each metric. How the streams of different symbols interleave follows
     * arrival order, which may break ties at equal event times differently from one source to
     * another; within each stream the order is the data's.
     *
     * @param expected the other run
     */
    public void assertSameStreams(PipelineRecording expected) {
        assertThat(byKey(bars, b -> b.symbol() + " " + b.spec()))
                .isEqualTo(byKey(expected.bars, b -> b.symbol() + " " + b.spec()));
        assertThat(byKey(snapshots, s -> s.substring(0, s.indexOf(' '))))
                .isEqualTo(byKey(expected.snapshots, s -> s.substring(0, s.indexOf(' '))));
        assertThat(byKey(alerts, Alert::rule)).isEqualTo(byKey(expected.alerts, Alert::rule));
        Function<String, String> metricKey =
                m -> m.substring(0, m.indexOf(' ', m.indexOf(' ') + 1));
        assertThat(byKey(metrics, metricKey)).isEqualTo(byKey(expected.metrics, metricKey));
    }

    private static <T> Map<String, List<T>> byKey(List<T> all, Function<T, String> key) {
        Map<String, List<T>> m = new TreeMap<>();
        for (T t : all) {
            m.computeIfAbsent(key.apply(t), k -> new ArrayList<>()).add(t);
        }
        return m;
    }
}
