package org.quantstream.core.io;

/**
 * The tick file formats quantstream reads. {@link TickReader} detects them from the content; the
 * last two are also written by {@link TickWriter}.
 */
public enum TickFormat {
    /**
     * Recorded WebSocket traffic, one message a line: {@code <receive epoch ns> <raw text>} (or
     * {@code <epoch seconds>: <raw text>}), the text being Binance's combined-stream wrapper or a
     * raw payload. {@code trade} and {@code aggTrade} events become ticks; every other event is
     * skipped and counted.
     */
    BINANCE_RECORDING,
    /** Binance payloads, one JSON object a line, without a receive time. */
    BINANCE_JSON,
    /**
     * data.binance.vision USD-M trades: {@code id,price,qty,quote_qty,time,is_buyer_maker}, header
     * optional.
     */
    BINANCE_TRADES_CSV,
    /**
     * data.binance.vision USD-M aggregate trades: {@code
     * agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker},
     * header optional.
     */
    BINANCE_AGGTRADES_CSV,
    /**
     * quantstream's tick CSV: {@code
     * symbol,trade_id,event_time_ns,receive_time_ns,price,quantity,aggressor}, with that header.
     * Round-trips every field exactly.
     */
    QUANT_CSV,
    /**
     * quantstream's tick JSON lines: {@code
     * {"symbol":..,"tradeId":..,"eventTimeNanos":..,"receiveTimeNanos":..,"price":..,"quantity":..,"aggressor":..}}.
     * Round-trips every field exactly.
     */
    QUANT_JSONL,
    /** A file with no data lines. */
    EMPTY
}
