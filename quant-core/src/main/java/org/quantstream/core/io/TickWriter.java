package org.quantstream.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import org.quantstream.core.io.internal.CsvLineParser;
import org.quantstream.core.io.internal.Fields;
import org.quantstream.core.io.internal.QuantJsonParser;
import org.quantstream.core.tick.TickView;
import org.quantstream.core.util.Args;

/**
 * Writes ticks in quantstream's own formats, {@link TickFormat#QUANT_CSV} (with its header) or
 * {@link TickFormat#QUANT_JSONL}. Numbers are written in plain decimal notation that parses back to
 * the same {@code double}, so writing then reading with {@link TickReader} gives back every field
 * exactly.
 *
 * <p>Not thread-safe. Closing the writer closes the underlying {@link Writer}.
 */
public final class TickWriter implements Closeable, Flushable {
    private static final JsonFactory JSON = new JsonFactory();

    private final Writer out;
    private final TickFormat format;
    private final StringBuilder line = new StringBuilder(128);
    private long written;

    private TickWriter(Writer out, TickFormat format) throws IOException {
        this.out = out;
        this.format = format;
        if (format == TickFormat.QUANT_CSV) {
            out.write(CsvLineParser.QUANT_HEADER);
            out.write('\n');
        }
    }

    /**
     * Creates a writer.
     *
     * @param out where to write
     * @param format {@link TickFormat#QUANT_CSV} or {@link TickFormat#QUANT_JSONL}
     * @return the writer (the CSV header is already written)
     * @throws IllegalArgumentException for another format
     * @throws IOException if the header cannot be written
     */
    public static TickWriter open(Writer out, TickFormat format) throws IOException {
        Args.notNull(out, "out");
        if (format != TickFormat.QUANT_CSV && format != TickFormat.QUANT_JSONL) {
            throw new IllegalArgumentException(
                    "format must be QUANT_CSV or QUANT_JSONL, was " + format);
        }
        return new TickWriter(out, format);
    }

    /**
     * Writes one tick as one line.
     *
     * @param tick the tick
     * @throws IOException if writing fails
     */
    public void write(TickView tick) throws IOException {
        line.setLength(0);
        if (format == TickFormat.QUANT_CSV) {
            line.append(tick.symbol().name())
                    .append(',')
                    .append(tick.tradeId())
                    .append(',')
                    .append(tick.eventTimeNanos())
                    .append(',')
                    .append(tick.receiveTimeNanos())
                    .append(',')
                    .append(Fields.formatDouble(tick.price()))
                    .append(',')
                    .append(Fields.formatDouble(tick.quantity()))
                    .append(',')
                    .append(tick.aggressor().name())
                    .append('\n');
            out.append(line);
        } else {
            try (JsonGenerator g = JSON.createGenerator(out)) {
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                g.writeStartObject();
                g.writeStringField(QuantJsonParser.field(0), tick.symbol().name());
                g.writeNumberField(QuantJsonParser.field(1), tick.tradeId());
                g.writeNumberField(QuantJsonParser.field(2), tick.eventTimeNanos());
                g.writeNumberField(QuantJsonParser.field(3), tick.receiveTimeNanos());
                g.writeFieldName(QuantJsonParser.field(4));
                g.writeNumber(Fields.formatDouble(tick.price()));
                g.writeFieldName(QuantJsonParser.field(5));
                g.writeNumber(Fields.formatDouble(tick.quantity()));
                g.writeStringField(QuantJsonParser.field(6), tick.aggressor().name());
                g.writeEndObject();
            }
            out.write('\n');
        }
        written++;
    }

    /**
     * Ticks written.
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
