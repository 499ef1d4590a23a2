package org.quantstream.core.io;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import org.quantstream.core.io.internal.Fields;
import org.quantstream.core.tick.QuoteView;
import org.quantstream.core.util.Args;

/**
 * Writes top-of-book quotes as CSV with the header {@value #HEADER}: times in epoch nanoseconds,
 * numbers in plain decimal notation that parses back to the same {@code double}.
 *
 * <p>Not thread-safe. Closing the writer closes the underlying {@link Writer}.
 */
public final class QuoteWriter implements Closeable, Flushable {
    /** The CSV header line. */
    public static final String HEADER =
            "symbol,update_id,event_time_ns,receive_time_ns,bid_price,bid_quantity,ask_price,ask_quantity";

    private final Writer out;
    private final StringBuilder line = new StringBuilder(128);
    private long written;

    private QuoteWriter(Writer out) throws IOException {
        this.out = out;
        out.write(HEADER);
        out.write('\n');
    }

    /**
     * Creates a writer and writes the header.
     *
     * @param out where to write
     * @return the writer
     * @throws IOException if the header cannot be written
     */
    public static QuoteWriter open(Writer out) throws IOException {
        return new QuoteWriter(Args.notNull(out, "out"));
    }

    /**
     * Writes one quote as one line.
     *
     * @param q the quote
     * @throws IOException if writing fails
     */
    public void write(QuoteView q) throws IOException {
        line.setLength(0);
        line.append(q.symbol().name())
                .append(',')
                .append(q.updateId())
                .append(',')
                .append(q.eventTimeNanos())
                .append(',')
                .append(q.receiveTimeNanos())
                .append(',')
                .append(Fields.formatDouble(q.bidPrice()))
                .append(',')
                .append(Fields.formatDouble(q.bidQuantity()))
                .append(',')
                .append(Fields.formatDouble(q.askPrice()))
                .append(',')
                .append(Fields.formatDouble(q.askQuantity()))
                .append('\n');
        out.append(line);
        written++;
    }

    /**
     * Quotes written.
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
