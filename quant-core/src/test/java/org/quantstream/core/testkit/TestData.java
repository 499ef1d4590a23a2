package org.quantstream.core.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The real Binance recordings bundled in quant-core's test resources ({@code /data/binance/}, see
 * its README for provenance), as files on disk, for tests in any module (from the test-jar they are
 * copied to a temporary file).
 */
public final class TestData {
    /**
     * BTCUSDT trades, 2024-08-08 23:54:16 to 23:59:59 UTC: 21,313 trades, ids
     * 5266583935..5266605247.
     */
    public static final String BTC_2024_08_08 =
            "trades/BTCUSDT_usdm_trade_2024-08-08T2354-2400Z.txt.gz";

    /** ETHUSDT trades, 2024-08-08 23:54:16 to 2024-08-09 00:00:00 UTC: 14,076 trades. */
    public static final String ETH_2024_08_08 =
            "trades/ETHUSDT_usdm_trade_2024-08-08T2354-2400Z.txt.gz";

    /** BTCUSDT trades, 2024-07-18 23:57 to 2024-07-19 00:05 UTC: 10,701 trades. */
    public static final String BTC_2024_07_18 =
            "trades/BTCUSDT_usdm_trade_2024-07-18T2357-2024-07-19T0005Z.txt.gz";

    /** ETHUSDT trades, 2024-07-18 23:57 to 2024-07-19 00:05 UTC: 13,655 trades. */
    public static final String ETH_2024_07_18 =
            "trades/ETHUSDT_usdm_trade_2024-07-18T2357-2024-07-19T0005Z.txt.gz";

    /**
     * First 400 recorded BTCUSDT messages of 2024-08-08, every stream mixed (bookTicker, trade,
     * depth, a snapshot).
     */
    public static final String BTC_MIXED = "wire/btcusdt_usdm_mixed_2024-08-08_first400.txt";

    /** The same 400 first messages for ETHUSDT. */
    public static final String ETH_MIXED = "wire/ethusdt_usdm_mixed_2024-08-08_first400.txt";

    /** A cryptofeed capture of 2021-07-22 with aggTrade, bookTicker, depth and kline messages. */
    public static final String AGGTRADE_CAPTURE = "wire/usdm_aggtrade_depth_kline_2021-07-22.txt";

    private TestData() {}

    /**
     * A bundled file as a path.
     *
     * @param name the path below {@code /data/binance/}
     * @return a readable file
     */
    public static Path file(String name) {
        String resource = "/data/binance/" + name;
        URL url = TestData.class.getResource(resource);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + resource);
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
            String fileName = name.substring(name.lastIndexOf('/') + 1);
            Path dir = Files.createTempDirectory("quant-testdata");
            Path target = dir.resolve(fileName);
            try (InputStream in = url.openStream()) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            target.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
