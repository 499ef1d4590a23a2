package org.quantstream.core.bar;

import java.util.ArrayList;
import java.util.List;

/** Keeps every closed bar and counts updates. */
final class BarCollector implements BarHandler {
    final List<Bar> closed = new ArrayList<>();
    long updates;

    @Override
    public void onBarUpdate(BarView bar) {
        updates++;
    }

    @Override
    public void onBarClosed(Bar bar) {
        closed.add(bar);
    }

    List<Bar> of(BarSpec spec) {
        List<Bar> out = new ArrayList<>();
        for (Bar b : closed) {
            if (b.spec().equals(spec)) {
                out.add(b);
            }
        }
        return out;
    }
}
