package org.quantstream.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import org.quantstream.core.bar.BarView;
import org.quantstream.core.io.internal.Fields;
import org.quantstream.core.util.Args;

/**
 * Writes bars as {@link BarFormat#QUANT_CSV} (header first) or {@link BarFormat#QUANT_JSONL}, one
 * bar a line, in plain decimal notation that parses back to the same {@code double}s. Times are
 * written in epoch milliseconds.
 *
 * <p>Not thread-safe. Closing the writer closes the underlying {@link Writer}.
 */
public final class BarWriter implements Closeable, Flushable {
    /** The CSV header. */
    public static final String CSV_HEADER =
            "symbol,open_time,close_time,open,high,low,close,volume,quote_volume,trades,buy_volume,vwap";

    private static final JsonFactory JSON = new JsonFactory();

    private final Writer out;
    private final BarFormat format;
    private final StringBuilder line = new StringBuilder(160);
    private long written;

    private BarWriter(Writer out, BarFormat format) throws IOException {
        this.out = out;
        this.format = format;
        if (format == BarFormat.QUANT_CSV) {
            out.write(CSV_HEADER);
            out.write('\n');
        }
    }

    /**
     * Creates a writer.
     *
     * @param out where to write
     * @param format {@link BarFormat#QUANT_CSV} or {@link BarFormat#QUANT_JSONL}
     * @return the writer (the CSV header already written)
     * @throws IllegalArgumentException for another format
     * @throws IOException if the header cannot be written
     */
    public static BarWriter open(Writer out, BarFormat format) throws IOException {
        Args.notNull(out, "out");
        if (format != BarFormat.QUANT_CSV && format != BarFormat.QUANT_JSONL) {
            throw new IllegalArgumentException(
                    "format must be QUANT_CSV or QUANT_JSONL, was " + format);
        }
        return new BarWriter(out, format);
    }

    /**
     * Writes one bar.
     *
     * @param bar the bar
     * @throws IOException if writing fails
     */
    public void write(BarView bar) throws IOException {
        if (format == BarFormat.QUANT_CSV) {
            line.setLength(0);
            line.append(bar.symbol().name())
                    .append(',')
                    .append(Math.floorDiv(bar.openTimeNanos(), 1_000_000L))
                    .append(',')
                    .append(Math.floorDiv(bar.closeTimeNanos(), 1_000_000L))
                    .append(',');
            number(bar.open()).append(',');
            number(bar.high()).append(',');
            number(bar.low()).append(',');
            number(bar.close()).append(',');
            number(bar.volume()).append(',');
            number(bar.quoteVolume()).append(',');
            line.append(bar.tradeCount()).append(',');
            number(bar.buyVolume()).append(',');
            number(bar.vwap()).append('\n');
            out.append(line);
        } else {
            try (JsonGenerator g = JSON.createGenerator(out)) {
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                g.writeStartObject();
                g.writeStringField("symbol", bar.symbol().name());
                g.writeStringField("timeframe", bar.spec().label());
                g.writeNumberField("openTime", Math.floorDiv(bar.openTimeNanos(), 1_000_000L));
                g.writeNumberField("closeTime", Math.floorDiv(bar.closeTimeNanos(), 1_000_000L));
                jsonNumber(g, "open", bar.open());
                jsonNumber(g, "high", bar.high());
                jsonNumber(g, "low", bar.low());
                jsonNumber(g, "close", bar.close());
                jsonNumber(g, "volume", bar.volume());
                jsonNumber(g, "quoteVolume", bar.quoteVolume());
                g.writeNumberField("trades", bar.tradeCount());
                jsonNumber(g, "buyVolume", bar.buyVolume());
                jsonNumber(g, "vwap", bar.vwap());
                g.writeNumberField("flags", bar.flags());
                g.writeEndObject();
            }
            out.write('\n');
        }
        written++;
    }

    private StringBuilder number(double v) {
        if (Double.isFinite(v)) {
            line.append(Fields.formatDouble(v));
        }
        return line;
    }

    private static void jsonNumber(JsonGenerator g, String name, double v) throws IOException {
        g.writeFieldName(name);
        if (Double.isFinite(v)) {
            g.writeNumber(Fields.formatDouble(v));
        } else {
            g.writeNull();
        }
    }

    /**
     * Bars written.
     *
     * @return the count
     */
    public long written() {
        return written;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
