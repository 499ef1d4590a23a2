package org.quantstream.core.io;

/**
 * The bar file formats {@link BarReader} reads; the first two are also written by {@link
 * BarWriter}.
 */
public enum BarFormat {
    /**
     * quantstream's bar CSV: {@code
     * symbol,open_time,close_time,open,high,low,close,volume,quote_volume,trades, buy_volume,vwap},
     * times in epoch ms, {@code close_time} the exclusive end, an empty vwap for a bar without
     * volume.
     */
    QUANT_CSV,
    /**
     * quantstream's bar JSON lines: {@code
     * {"symbol","timeframe","openTime","closeTime","open","high","low","close",
     * "volume","quoteVolume","trades","buyVolume","vwap","flags"}}, times in epoch ms, null for a
     * missing number.
     */
    QUANT_JSONL,
    /**
     * data.binance.vision klines, header optional: {@code
     * open_time,open,high,low,close,volume,close_time,
     * quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore}.
     */
    BINANCE_KLINES_CSV,
    /**
     * OHLC CSV from elsewhere, with a header naming the columns: a time column ({@code timestamp},
     * {@code open_time}, {@code time}, {@code date} or {@code datetime}; epoch s, ms, µs or ns, or
     * ISO-8601), {@code open}, {@code high}, {@code low}, {@code close}, {@code volume}, optionally
     * {@code symbol}; other columns are ignored.
     */
    OHLC_CSV
}
