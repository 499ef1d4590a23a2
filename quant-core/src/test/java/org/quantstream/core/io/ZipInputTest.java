package org.quantstream.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Tick;

/**
 * Zip archives as data.binance.vision publishes them (one CSV inside) are read in place: the same
 * ticks as the CSV itself; an archive with no file or two, or cut short, is refused by name.
 */
class ZipInputTest {
    private static final String CSV =
            "id,price,qty,quote_qty,time,is_buyer_maker\n"
                    + "5266583935,61800.30,0.006,370.8018,1723161256322,false\n"
                    + "5266583936,61800.30,0.199,12298.2597,1723161256344,true\n"
                    + "5266583937,61800.4,0.045,2781.018,1723161256431,false\n";

    @TempDir Path dir;

    @Test
    void shouldReadTheCsvInsideAZipAsTheCsvItself() throws IOException {
        Path csv = dir.resolve("BTCUSDT-trades-2024-08-08.csv");
        Files.writeString(csv, CSV);
        Path zip = zip("BTCUSDT-trades-2024-08-08.zip", "BTCUSDT-trades-2024-08-08.csv", CSV);
        assertThat(read(zip)).isEqualTo(read(csv)).hasSize(3);
        try (TickReader r = TickReader.open(zip, ReadOptions.defaults())) {
            assertThat(r.format()).isEqualTo(TickFormat.BINANCE_TRADES_CSV);
        }
    }

    @Test
    void shouldReadKlinesInsideAZipAsTheCsvItself() throws IOException {
        String klines =
                "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,"
                        + "taker_buy_quote_volume,ignore\n"
                        + "1721260800000,64000.1,64010.0,63990.5,64005.2,12.5,1721260859999,800000.1,310,6.1,390000.2,0\n"
                        + "1721260860000,64005.2,64020.0,64001.0,64019.9,8.25,1721260919999,528000.5,201,4.0,256000.0,0\n";
        Path csv = dir.resolve("BTCUSDT-1m-2024-07-18.csv");
        Files.writeString(csv, klines);
        Path zip = zip("BTCUSDT-1m-2024-07-18.zip", "BTCUSDT-1m-2024-07-18.csv", klines);
        List<org.quantstream.core.bar.Bar> fromZip = BarReader.read(zip, BarReadOptions.defaults());
        assertThat(fromZip).hasSize(2).isEqualTo(BarReader.read(csv, BarReadOptions.defaults()));
    }

    @Test
    void shouldRefuseAZipWithTwoFilesOrNone() throws IOException {
        Path two = dir.resolve("BTCUSDT-two.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(two))) {
            for (String name : List.of("a.csv", "b.csv")) {
                z.putNextEntry(new ZipEntry(name));
                z.write(CSV.getBytes(StandardCharsets.US_ASCII));
                z.closeEntry();
            }
        }
        assertThatThrownBy(() -> read(two))
                .isInstanceOf(InputFormatException.class)
                .hasMessageContaining(two + " holds more than one file (a.csv, b.csv)");
        Path none = dir.resolve("BTCUSDT-none.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(none))) {
            z.putNextEntry(new ZipEntry("dir/"));
            z.closeEntry();
        }
        assertThatThrownBy(() -> read(none))
                .hasMessageContaining(none + " is a zip archive that holds no file");
    }

    @Test
    void shouldRefuseAZipCutShort() throws IOException {
        StringBuilder big = new StringBuilder("id,price,qty,quote_qty,time,is_buyer_maker\n");
        for (int i = 0; i < 20_000; i++) {
            big.append(1000 + i).append(",61800.3,1,61800.3,1723161256322,false\n");
        }
        Path zip = zip("BTCUSDT-cut.zip", "BTCUSDT-cut.csv", big.toString());
        byte[] all = Files.readAllBytes(zip);
        Files.write(zip, Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> read(zip))
                .isInstanceOf(InputFormatException.class)
                .hasMessageContaining(zip + ":")
                .hasMessageContaining("damaged or truncated zip data");
    }

    private Path zip(String name, String entry, String text) throws IOException {
        Path zip = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(zip);
                ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(entry));
            z.write(text.getBytes(StandardCharsets.US_ASCII));
            z.closeEntry();
        }
        return zip;
    }

    private static List<Tick> read(Path file) throws IOException {
        List<Tick> out = new ArrayList<>();
        MutableTick t = new MutableTick();
        try (TickReader r = TickReader.open(file, ReadOptions.defaults())) {
            while (r.next(t)) {
                out.add(Tick.copyOf(t));
            }
        }
        return out;
    }
}
