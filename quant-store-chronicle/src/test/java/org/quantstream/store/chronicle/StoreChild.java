package org.quantstream.store.chronicle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.quantstream.core.store.TickAppender;
import org.quantstream.core.store.TickCursor;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;

/** The other process of the multi-process tests: appends, tails or just opens a store. */
public final class StoreChild {
    private StoreChild() {}

    /**
     * Starts this class in another JVM.
     *
     * @param flags whether to give it the JVM flags Chronicle needs
     * @param args the mode and its arguments (see {@link #main})
     * @return the process, stdout and stderr merged
     */
    static Process start(boolean flags, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (flags) {
            cmd.addAll(
                    List.of(
                            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
                            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
                            "--add-opens=java.base/java.lang=ALL-UNNAMED",
                            "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
                            "-Dchronicle.analytics.disable=true",
                            "-Dchronicle.announcer.disable=true"));
        }
        cmd.addAll(
                List.of("-cp", System.getProperty("java.class.path"), StoreChild.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** All the output of a child, once it ended (within 120 s). */
    static String output(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            throw new AssertionError("the child did not end within 120 s: " + out);
        }
        return out;
    }

    /**
     * Runs one mode.
     *
     * @param args {@code append DIR FIRST COUNT}, {@code tail DIR COUNT}, {@code create DIR} (says
     *     "opening" before it opens, or creates, the store) or {@code open DIR}
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
            case "create":
                System.out.println("opening");
                System.out.flush();
                try (ChronicleTickStore store = ChronicleTickStore.open(dir)) {
                    System.out.println("opened " + store.count());
                }
                break;
            default:
                try (ChronicleTickStore store = ChronicleTickStore.open(dir)) {
                    System.out.println("opened " + store.count());
                }
        }
    }
}
