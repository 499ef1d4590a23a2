package org.quantstream.core.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.quantstream.core.io.internal.Fields;
import org.quantstream.core.io.internal.TextFiles;
import org.quantstream.core.util.Args;

/**
 * A numeric column of a CSV file, with its time column when the file has one: the input of the
 * statistics and regression commands. An empty cell is a missing value (NaN); any other cell that
 * is not a number is an error naming file, line and column.
 *
 * <p>Which column: the one named, else {@code close}, else {@code value}, else the only numeric
 * column that is not a time. Which time column: {@code open_time}, {@code time} or {@code
 * timestamp} (integers, compared as they are).
 *
 * <p>Values must be 0 or of magnitude in [1e-60, 1e60]: inside that range every moment up to the
 * fourth and every regression's sums of squares stay far from double overflow and underflow; a
 * value outside it is an error naming the cell (rescale the data), never a wrong statistic.
 *
 * @param source the file, for messages
 * @param name the column's name
 * @param times the time of each row, or null when the file has no time column
 * @param values the values, NaN where a cell is empty (or {@code NaN}/{@code NA} as pandas reads
 *     them)
 * @param lines the file line of each row
 */
public record Series(String source, String name, long[] times, double[] values, long[] lines) {
    /** The largest magnitude a value may have: its fourth power summed stays finite. */
    public static final double MAX_MAGNITUDE = 1e60;

    /** The smallest non-zero magnitude: its fourth power stays a normal double. */
    public static final double MIN_MAGNITUDE = 1e-60;

    private static final List<String> TIME_COLUMNS = List.of("open_time", "time", "timestamp");

    /**
     * Reads a column.
     *
     * @param file a CSV file with a header (plain or gzip)
     * @param column the column to read, or null to choose as described above
     * @return the series
     * @throws InputFormatException if the column is missing or ambiguous, or a cell is malformed
     * @throws IOException if the file cannot be read
     */
    public static Series read(Path file, String column) throws IOException {
        Args.notNull(file, "file");
        String source = file.toString();
        if (java.nio.file.Files.isDirectory(file)) {
            throw new InputFormatException(source, 0, 0, "is a directory, expected a CSV file");
        }
        try (BufferedReader in = TextFiles.open(file)) {
            String header = TextFiles.stripBom(in.readLine());
            if (header == null || header.isBlank()) {
                throw new InputFormatException(source, 1, 1, "empty file: expected a header line");
            }
            String[] names = header.split(",", -1);
            for (int i = 0; i < names.length; i++) {
                names[i] = names[i].strip();
            }
            List<String> lower = Arrays.stream(names).map(s -> s.toLowerCase(Locale.ROOT)).toList();
            int timeCol = -1;
            for (String t : TIME_COLUMNS) {
                if (lower.contains(t)) {
                    timeCol = lower.indexOf(t);
                    break;
                }
            }
            List<String[]> rows = new ArrayList<>();
            List<Long> lineNumbers = new ArrayList<>(); // blank lines are skipped, not renumbered
            String line;
            long lineNumber = 1;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (!line.isBlank()) {
                    rows.add(line.split(",", -1));
                    lineNumbers.add(lineNumber);
                }
            }
            int col = chooseColumn(source, names, lower, column, timeCol, rows);
            long[] times = timeCol < 0 ? null : new long[rows.size()];
            double[] values = new double[rows.size()];
            long[] lines = new long[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                String[] cells = rows.get(r);
                long lineNo = lineNumbers.get(r);
                lines[r] = lineNo;
                if (cells.length != names.length) {
                    throw new InputFormatException(
                            source,
                            lineNo,
                            1,
                            "expected " + names.length + " fields, found " + cells.length);
                }
                values[r] = cell(source, lineNo, cells, col, names[col]);
                if (times != null) {
                    String t = cells[timeCol].strip();
                    try {
                        if (!Fields.isDigits(t.startsWith("-") ? t.substring(1) : t)) {
                            throw new NumberFormatException(t);
                        }
                        times[r] = Long.parseLong(t);
                    } catch (NumberFormatException e) {
                        throw new InputFormatException(
                                source,
                                lineNo,
                                column(cells, timeCol),
                                names[timeCol] + " \"" + t + "\" is not an integer");
                    }
                }
            }
            return new Series(source, names[col], times, values, lines);
        }
    }

    private static int chooseColumn(
            String source,
            String[] names,
            List<String> lower,
            String column,
            int timeCol,
            List<String[]> rows)
            throws InputFormatException {
        if (column != null) {
            int i = Arrays.asList(names).indexOf(column);
            if (i < 0) {
                i = lower.indexOf(column.toLowerCase(Locale.ROOT));
            }
            if (i < 0) {
                throw new InputFormatException(
                        source,
                        1,
                        1,
                        "no column \""
                                + column
                                + "\"; the columns are "
                                + String.join(", ", names));
            }
            return i;
        }
        for (String preferred : List.of("close", "value")) {
            if (lower.contains(preferred)) {
                return lower.indexOf(preferred);
            }
        }
        List<Integer> numeric = new ArrayList<>();
        for (int c = 0; c < names.length; c++) {
            if (c == timeCol || lower.get(c).endsWith("_time") || lower.get(c).equals("date")) {
                continue;
            }
            boolean ok = !rows.isEmpty();
            for (int r = 0; r < Math.min(rows.size(), 10) && ok; r++) {
                String[] cells = rows.get(r);
                String v = c < cells.length ? cells[c].strip() : "x";
                try {
                    if (!v.isEmpty()) {
                        Double.parseDouble(v);
                    }
                } catch (NumberFormatException e) {
                    ok = false;
                }
            }
            if (ok) {
                numeric.add(c);
            }
        }
        if (numeric.size() != 1) {
            throw new InputFormatException(
                    source,
                    1,
                    1,
                    "cannot choose the value column: no 'close' or 'value' column and "
                            + (numeric.isEmpty() ? "no" : numeric.size())
                            + " numeric columns; name one (--column)");
        }
        return numeric.get(0);
    }

    private static double cell(String source, long line, String[] cells, int col, String name)
            throws InputFormatException {
        String v = cells[col].strip();
        if (v.isEmpty() || v.equals("NaN") || v.equals("nan") || v.equals("NA")) {
            return Double.NaN;
        }
        if (!Fields.isPlainDecimal(v)) {
            // Double.parseDouble also takes hex floats, 'd'/'f' suffixes and 'Infinity'
            throw new InputFormatException(
                    source, line, column(cells, col), name + " \"" + v + "\" is not a number");
        }
        double d = Double.parseDouble(v);
        double a = Math.abs(d);
        if (a > MAX_MAGNITUDE || (a != 0 && a < MIN_MAGNITUDE)) {
            throw new InputFormatException(
                    source,
                    line,
                    column(cells, col),
                    name
                            + " "
                            + v
                            + " is outside the magnitudes quantstream computes with (0, or 1e-60"
                            + " to 1e60, so that no sum of squares overflows or underflows);"
                            + " rescale the data");
        }
        return d;
    }

    /**
     * Checks that no value is missing, for the analyses that need every row.
     *
     * @param analysis what needs them, for the message ({@code "ADF"})
     * @return this series
     * @throws InputFormatException naming the file and line of the first missing value
     */
    public Series requireComplete(String analysis) throws InputFormatException {
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                throw new InputFormatException(
                        source,
                        lines[i],
                        0,
                        name + " is missing; " + analysis + " needs a value on every row");
            }
        }
        return this;
    }

    private static int column(String[] cells, int index) {
        int c = 1;
        for (int i = 0; i < index; i++) {
            c += cells[i].length() + 1;
        }
        return c;
    }

    /**
     * Two series aligned for a regression.
     *
     * @param x the regressor's values
     * @param y the regressand's values
     * @param times the shared times, or null when aligned by row
     */
    public record Pair(double[] x, double[] y, long[] times) {}

    /**
     * Aligns two series: by time (rows whose time is in both, in y's order) when both have a time
     * column, otherwise row by row.
     *
     * @param x the regressor
     * @param y the regressand
     * @return the aligned pair
     * @throws InputFormatException if, without times, the lengths differ; with times, a time
     *     repeats in one series or no time is shared
     */
    public static Pair align(Series x, Series y) throws InputFormatException {
        if (x.times() == null || y.times() == null) {
            if (x.values().length != y.values().length) {
                throw new InputFormatException(
                        y.source(),
                        0,
                        0,
                        "has "
                                + y.values().length
                                + " rows and "
                                + x.source()
                                + " has "
                                + x.values().length
                                + ", and they share no time column to align them by");
            }
            return new Pair(x.values(), y.values(), x.times() != null ? x.times() : y.times());
        }
        Map<Long, Integer> xIndex = index(x);
        index(y);
        double[] xs = new double[y.values().length];
        double[] ys = new double[y.values().length];
        long[] ts = new long[y.values().length];
        int n = 0;
        for (int i = 0; i < y.times().length; i++) {
            Integer j = xIndex.get(y.times()[i]);
            if (j != null) {
                xs[n] = x.values()[j];
                ys[n] = y.values()[i];
                ts[n] = y.times()[i];
                n++;
            }
        }
        if (n == 0) {
            throw new InputFormatException(y.source(), 0, 0, "shares no time with " + x.source());
        }
        return new Pair(Arrays.copyOf(xs, n), Arrays.copyOf(ys, n), Arrays.copyOf(ts, n));
    }

    /** Row of each time; a repeated time is an error naming both lines (which row would align?). */
    private static Map<Long, Integer> index(Series s) throws InputFormatException {
        Map<Long, Integer> index = new HashMap<>();
        for (int i = 0; i < s.times().length; i++) {
            Integer before = index.putIfAbsent(s.times()[i], i);
            if (before != null) {
                throw new InputFormatException(
                        s.source(),
                        s.lines()[i],
                        1,
                        "time "
                                + s.times()[i]
                                + " repeats line "
                                + s.lines()[before]
                                + "; aligning two series needs one row per time");
            }
        }
        return index;
    }
}
