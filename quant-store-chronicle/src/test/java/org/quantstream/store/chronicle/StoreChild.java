package org.quantstream.store.chronicle;

import java.nio.file.Path;
import org.quantstream.core.store.TickAppender;
import org.quantstream.core.store.TickCursor;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;

/** The other process of the multi-process tests: appends, tails or just opens a store. */
public final class StoreChild {
    private StoreChild() {}

    /**
     * Runs one mode.
     *
     * @param args {@code append DIR FIRST COUNT}, {@code tail DIR COUNT} or {@code open DIR}
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "append":
                {
                    long first = Long.parseLong(args[2]);
                    long count = Long.parseLong(args[3]);
                    try (ChronicleTickStore store = ChronicleTickStore.open(dir)) {
                        TickAppender a = store.appender();
                        MutableTick t = new MutableTick();
                        Symbol s = Symbol.of("BTCUSDT");
                        for (long i = first; i < first + count; i++) {
                            a.append(
                                    t.set(
                                            s,
                                            1_700_000_000_000_000_000L + i * 1000,
                                            i,
                                            i,
                                            100 + i % 7,
                                            0.5,
                                            Side.BUY));
                            if (i % 1000 == 0) {
                                System.out.println("appended " + i);
                                System.out.flush();
                            }
                        }
                        System.out.println("done");
                    }
                    break;
                }
            case "tail":
                {
                    long want = Long.parseLong(args[2]);
                    ChronicleTickStoreConfig cfg =
                            ChronicleTickStoreConfig.builder(dir).readOnly(true).build();
                    long deadline = System.nanoTime() + 60_000_000_000L;
                    while (!dir.resolve("symbols.txt").toFile().exists()
                            && System.nanoTime() < deadline) {
                        Thread.sleep(5);
                    }
                    try (ChronicleTickStore store = ChronicleTickStore.open(cfg);
                            TickCursor c = store.cursor()) {
                        MutableTick t = new MutableTick();
                        long n = 0;
                        long sum = 0;
                        long expectId = 0;
                        boolean ordered = true;
                        while (n < want && System.nanoTime() < deadline) {
                            if (c.next(t)) {
                                ordered &= t.tradeId() == expectId++;
                                sum += t.tradeId();
                                n++;
                            } else {
                                Thread.onSpinWait();
                            }
                        }
                        System.out.println("read " + n + " sum " + sum + " ordered " + ordered);
                    }
                    break;
                }
            default:
                try (ChronicleTickStore store = ChronicleTickStore.open(dir)) {
                    System.out.println("opened " + store.count());
                }
        }
    }
}
