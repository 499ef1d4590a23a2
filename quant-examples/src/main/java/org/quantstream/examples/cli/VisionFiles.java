package org.quantstream.examples.cli;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The files of data.binance.vision's USD-M futures tree that cover some days: their paths, daily or
 * monthly. Stateless.
 *
 * <p>Layout (as published): {@code
 * data/futures/um/daily/trades/BTCUSDT/BTCUSDT-trades-2024-07-18.zip}, {@code
 * .../monthly/aggTrades/BTCUSDT/BTCUSDT-aggTrades-2024-07.zip}, {@code
 * .../daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-07-18.zip}; each with a {@code .zip.CHECKSUM} beside
 * it holding the zip's SHA-256.
 */
final class VisionFiles {
    /** How to cover a range of days. */
    enum Period {
        /** One file per day. */
        DAILY,
        /** One file per month touched by the range (whole months, so it may cover more). */
        MONTHLY,
        /** Monthly files for the months the range holds whole, daily files for the rest. */
        AUTO
    }

    /** The kinds of data published. */
    enum Type {
        /** Every trade. */
        TRADES("trades"),
        /** Aggregated trades. */
        AGG_TRADES("aggTrades"),
        /** Candles of an interval. */
        KLINES("klines");

        final String path;

        Type(String path) {
            this.path = path;
        }

        static Type parse(String s) {
            for (Type t : values()) {
                if (t.path.equalsIgnoreCase(s)) {
                    return t;
                }
            }
            throw new IllegalArgumentException(
                    "--type must be trades, aggTrades or klines, was \"" + s + '"');
        }
    }

    /**
     * One published file.
     *
     * @param symbol the symbol
     * @param monthly whether it is a month's file
     * @param first the first day it covers
     * @param last the last day it covers
     * @param path its path under the site's root, e.g. {@code
     *     data/futures/um/daily/trades/BTCUSDT/BTCUSDT-trades-2024-07-18.zip}
     */
    record File(String symbol, boolean monthly, LocalDate first, LocalDate last, String path) {}

    private VisionFiles() {}

    /**
     * The files covering {@code [from, to]} for each symbol, in symbol then time order.
     *
     * @param symbols the symbols (upper case)
     * @param type the data
     * @param interval the klines interval ({@code 1m}, ...), ignored for trades
     * @param from the first day
     * @param to the last day (inclusive)
     * @param period daily, monthly or auto
     * @return the files
     */
    static List<File> plan(
            List<String> symbols,
            Type type,
            String interval,
            LocalDate from,
            LocalDate to,
            Period period) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to " + to + " is before --from " + from);
        }
        List<File> out = new ArrayList<>();
        for (String symbol : symbols) {
            YearMonth month = YearMonth.from(from);
            YearMonth lastMonth = YearMonth.from(to);
            for (; !month.isAfter(lastMonth); month = month.plusMonths(1)) {
                LocalDate monthStart = month.atDay(1);
                LocalDate monthEnd = month.atEndOfMonth();
                boolean whole = !monthStart.isBefore(from) && !monthEnd.isAfter(to);
                if (period == Period.MONTHLY || (period == Period.AUTO && whole)) {
                    out.add(monthly(symbol, type, interval, month));
                } else {
                    LocalDate d = monthStart.isBefore(from) ? from : monthStart;
                    LocalDate end = monthEnd.isAfter(to) ? to : monthEnd;
                    for (; !d.isAfter(end); d = d.plusDays(1)) {
                        out.add(daily(symbol, type, interval, d));
                    }
                }
            }
        }
        return out;
    }

    /**
     * The daily files of a month, for a month not published (yet) as a whole.
     *
     * @param monthly a monthly file
     * @param type the data
     * @param interval the klines interval
     * @param from the first day wanted
     * @param to the last day wanted
     * @return the days of the month within [from, to]
     */
    static List<File> days(File monthly, Type type, String interval, LocalDate from, LocalDate to) {
        List<File> out = new ArrayList<>();
        LocalDate d = monthly.first().isBefore(from) ? from : monthly.first();
        LocalDate end = monthly.last().isAfter(to) ? to : monthly.last();
        for (; !d.isAfter(end); d = d.plusDays(1)) {
            out.add(daily(monthly.symbol(), type, interval, d));
        }
        return out;
    }

    private static File daily(String symbol, Type type, String interval, LocalDate day) {
        return new File(
                symbol, false, day, day, path(symbol, type, interval, "daily", day.toString()));
    }

    private static File monthly(String symbol, Type type, String interval, YearMonth month) {
        return new File(
                symbol,
                true,
                month.atDay(1),
                month.atEndOfMonth(),
                path(symbol, type, interval, "monthly", month.toString()));
    }

    private static String path(
            String symbol, Type type, String interval, String period, String when) {
        String s = symbol.toUpperCase(Locale.ROOT);
        if (type == Type.KLINES) {
            return "data/futures/um/"
                    + period
                    + "/klines/"
                    + s
                    + '/'
                    + interval
                    + '/'
                    + s
                    + '-'
                    + interval
                    + '-'
                    + when
                    + ".zip";
        }
        return "data/futures/um/"
                + period
                + '/'
                + type.path
                + '/'
                + s
                + '/'
                + s
                + '-'
                + type.path
                + '-'
                + when
                + ".zip";
    }
}
