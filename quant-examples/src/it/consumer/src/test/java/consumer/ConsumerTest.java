package consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.bar.TimeBarAggregator;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.feed.DataFeedProvider;
import org.quantstream.core.feed.DataFeeds;
import org.quantstream.core.io.ReadOptions;
import org.quantstream.core.io.TickFiles;
import org.quantstream.core.store.TickCursor;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Symbol;
import org.quantstream.feed.binance.BinanceFeedConfig;
import org.quantstream.store.chronicle.ChronicleTickStore;

/** A user's project: what it resolves, and that the three modules work together in it. */
class ConsumerTest {
    @TempDir Path dir;

    /** Every jar this project resolved that quantstream's build also resolved has its version. */
    @Test
    void shouldResolveTheVersionsQuantstreamWasTestedWith() throws Exception {
        Map<String, String> tested = new TreeMap<>();
        Pattern line = Pattern.compile("^\\s*([^:\\s]+):([^:]+):jar:(?:[^:]+:)?([^:]+):(compile|runtime)");
        for (String l : Files.readAllLines(Path.of(System.getProperty("tested.versions")))) {
            Matcher m = line.matcher(l);
            if (m.find()) {
                tested.put(m.group(2), m.group(3));
            }
        }
        List<String> compared = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (!entry.endsWith(".jar") || jar.getParent() == null) {
                continue;
            }
            // .../<artifactId>/<version>/<artifactId>-<version>[-classifier].jar in a repository
            String version = jar.getParent().getFileName().toString();
            String artifact = jar.getParent().getParent().getFileName().toString();
            if (tested.containsKey(artifact)) {
                compared.add(artifact);
                if (!tested.get(artifact).equals(version)) {
                    differing.add(artifact + " " + version + " (tested: " + tested.get(artifact) + ")");
                }
            }
        }
        assertEquals(List.of(), differing, "versions other than the tested ones");
        assertTrue(compared.contains("chronicle-wire"), "compared: " + compared);
        assertTrue(compared.contains("netty-codec-http"), "compared: " + compared);
        assertTrue(compared.size() >= 20, "compared only " + compared);
    }

    /** A tick file into a Chronicle store, read back, into bars; the feeds found by ServiceLoader. */
    @Test
    void shouldRunTheLibraryFromItsPublishedArtifacts() throws Exception {
        Path ticks =
                Files.writeString(
                        dir.resolve("ticks.csv"),
                        "symbol,trade_id,event_time_ns,receive_time_ns,price,quantity,aggressor\n"
                                + "BTCUSDT,1,1723161256322000000,0,61800.3,0.006,BUY\n"
                                + "BTCUSDT,2,1723161256900000000,0,61801.0,0.010,SELL\n"
                                + "BTCUSDT,3,1723161257100000000,0,61799.5,0.002,BUY\n");
        List<Bar> bars = new ArrayList<>();
        try (ChronicleTickStore store = ChronicleTickStore.open(dir.resolve("store"))) {
            TickFiles.forEach(List.of(ticks), ReadOptions.defaults(), store.appender()::append);
            TimeBarAggregator agg =
                    TimeBarAggregator.builder(Symbol.of("BTCUSDT"), Timeframe.parse("1s"), bars::add)
                            .build();
            try (TickCursor c = store.cursor(Long.MIN_VALUE, Long.MAX_VALUE)) {
                MutableTick t = new MutableTick();
                while (c.next(t)) {
                    agg.onTick(t);
                }
            }
            agg.flush();
        }
        assertEquals(2, bars.size());
        assertEquals(61801.0, bars.get(0).close());
        List<String> feeds = DataFeeds.providers().stream().map(DataFeedProvider::name).toList();
        assertTrue(feeds.containsAll(List.of("file", "binance-usdm", "replay")), feeds.toString());
        BinanceFeedConfig.builder().symbol(Symbol.of("BTCUSDT")).build();
    }
}
