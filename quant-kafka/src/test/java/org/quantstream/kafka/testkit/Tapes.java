package org.quantstream.kafka.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.quantstream.core.io.ReadOptions;
import org.quantstream.core.io.TickFiles;
import org.quantstream.core.testkit.TestData;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.Tick;

/** The bundled real Binance tapes (see quant-core's test data PROVENANCE), as ticks. */
public final class Tapes {
    private Tapes() {}

    /**
     * The ticks of one symbol's 2024-08-08 tape, in file order.
     *
     * @param symbol BTCUSDT or ETHUSDT
     * @return the ticks
     */
    public static List<Tick> ticks(Symbol symbol) {
        String name =
                symbol.name().equals("BTCUSDT") ? TestData.BTC_2024_08_08 : TestData.ETH_2024_08_08;
        List<Tick> out = new ArrayList<>();
        try {
            TickFiles.forEach(
                    List.of(TestData.file(name)),
                    ReadOptions.defaults(),
                    t -> out.add(Tick.copyOf(t)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Both tapes merged in event-time order (stable: BTCUSDT first on equal times).
     *
     * @return the ticks
     */
    public static List<Tick> both() {
        List<Tick> out = new ArrayList<>(ticks(Symbol.of("BTCUSDT")));
        out.addAll(ticks(Symbol.of("ETHUSDT")));
        out.sort(java.util.Comparator.comparingLong(Tick::eventTimeNanos));
        return out;
    }
}
