package org.quantstream.core.io;

import java.io.IOException;

/**
 * A user-facing input (a file, a line of it) that does not have the expected form. The message
 * names the place and the cause: {@code trades.csv:1234:9: price "abc" is not a number}.
 */
public final class InputFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final int column;
    private final String reason;

    /**
     * Creates the exception.
     *
     * @param source the file name (or another name of the input)
     * @param line the 1-based line number, or 0 when the problem is not on one line
     * @param column the 1-based character column, or 0 when not known
     * @param reason what is wrong, without the place
     */
    public InputFormatException(String source, long line, int column, String reason) {
        super(place(source, line, column) + ": " + reason);
        this.source = source;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    private static String place(String source, long line, int column) {
        StringBuilder b = new StringBuilder(source);
        if (line > 0) {
            b.append(':').append(line);
            if (column > 0) {
                b.append(':').append(column);
            }
        }
        return b.toString();
    }

    /**
     * The input's name.
     *
     * @return the file name
     */
    public String source() {
        return source;
    }

    /**
     * The 1-based line number.
     *
     * @return the line, or 0 when the problem is not on one line
     */
    public long line() {
        return line;
    }

    /**
     * The 1-based character column.
     *
     * @return the column, or 0 when not known
     */
    public int column() {
        return column;
    }

    /**
     * What is wrong, without the place.
     *
     * @return the reason
     */
    public String reason() {
        return reason;
    }
}
