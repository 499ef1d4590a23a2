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
 * @param name the column's name
 * @param times the time of each row, or null when the file has no time column
 * @param values the values, NaN where a cell is empty
 */
public record Series(String name, long[] times, double[] values) {
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
            for (int r = 0; r < rows.size(); r++) {
                String[] cells = rows.get(r);
                long lineNo = lineNumbers.get(r);
                if (cells.length != names.length) {
                    throw new InputFormatException(
                            source,
                            lineNo,
                            0,
                            "expected " + names.length + " fields, found " + cells.length);
                }
                values[r] = cell(source, lineNo, cells, col, names[col]);
                if (times != null) {
                    String t = cells[timeCol].strip();
                    try {
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
            return new Series(names[col], times, values);
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
                        0,
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
                    0,
                    "cannot choose the value column: no 'close' or 'value' column and "
                            + (numeric.isEmpty() ? "no" : numeric.size())
                            + " numeric columns; name one (--column)");
        }
        return numeric.get(0);
    }

    private static double cell(String source, long line, String[] cells, int col, String name)
            throws InputFormatException {
        String v = cells[col].strip();
        if (v.isEmpty()) {
            return Double.NaN;
        }
        try {
            double d = Double.parseDouble(v);
            if (Double.isInfinite(d)) {
                throw new InputFormatException(
                        source, line, column(cells, col), name + " " + v + " is not finite");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new InputFormatException(
                    source, line, column(cells, col), name + " \"" + v + "\" is not a number");
        }
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
     * @throws IllegalArgumentException if, without times, the lengths differ, or with times, no
     *     time is shared
     */
    public static Pair align(Series x, Series y) {
        if (x.times() == null || y.times() == null) {
            if (x.values().length != y.values().length) {
                throw new IllegalArgumentException(
                        "the series have "
                                + y.values().length
                                + " and "
                                + x.values().length
                                + " rows and no shared time column to align them by");
            }
            return new Pair(x.values(), y.values(), x.times() != null ? x.times() : y.times());
        }
        Map<Long, Integer> xIndex = new HashMap<>();
        for (int i = 0; i < x.times().length; i++) {
            xIndex.put(x.times()[i], i);
        }
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
            throw new IllegalArgumentException("the series share no time");
        }
        return new Pair(Arrays.copyOf(xs, n), Arrays.copyOf(ys, n), Arrays.copyOf(ts, n));
    }
}
