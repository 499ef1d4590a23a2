package org.quantstream.core.io.internal;

/**
 * Thrown by a {@link LineParser} for a line it cannot read; the reader adds the file and line
 * number. Carries no stack trace: it is an expected condition, and cheap to throw.
 */
public final class BadLine extends Exception {
    private static final long serialVersionUID = 1L;

    private final int column;

    /**
     * Creates the exception.
     *
     * @param column 1-based character column of the problem, 0 if not known
     * @param reason what is wrong
     */
    public BadLine(int column, String reason) {
        super(reason, null, false, false);
        this.column = column;
    }

    /**
     * The 1-based column.
     *
     * @return the column, 0 if not known
     */
    public int column() {
        return column;
    }
}
