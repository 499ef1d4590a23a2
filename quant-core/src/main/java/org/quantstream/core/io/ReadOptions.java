package org.quantstream.core.io;

import java.util.function.Consumer;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.util.Args;

/**
 * How {@link TickReader} reads a file.
 *
 * @param symbol the symbol for data that does not name one (CSV from data.binance.vision), or null
 *     to take it from the file name ({@code BTCUSDT-trades-2024-07-18.csv})
 * @param skipBad false (the default): a malformed line is an error; true: it is skipped, counted
 *     and reported to {@code onBadLine}
 * @param onBadLine receives each skipped bad line when {@code skipBad} is true
 */
public record ReadOptions(
        Symbol symbol, boolean skipBad, Consumer<InputFormatException> onBadLine) {
    private static final ReadOptions DEFAULTS = new ReadOptions(null, false, e -> {});

    /**
     * Checks that onBadLine is present.
     *
     * @param symbol symbol for data that names none, or null
     * @param skipBad whether to skip bad lines
     * @param onBadLine receives each skipped bad line; not null
     */
    public ReadOptions {
        Args.notNull(onBadLine, "onBadLine");
    }

    /**
     * Strict reading, symbol from the data or the file name.
     *
     * @return the defaults
     */
    public static ReadOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A copy with another symbol.
     *
     * @param symbol the symbol for data that names none, or null
     * @return the copy
     */
    public ReadOptions withSymbol(Symbol symbol) {
        return new ReadOptions(symbol, skipBad, onBadLine);
    }

    /**
     * A copy that skips bad lines, reporting each to a consumer.
     *
     * @param onBadLine receives each skipped line's error
     * @return the copy
     */
    public ReadOptions withSkipBad(Consumer<InputFormatException> onBadLine) {
        return new ReadOptions(symbol, true, onBadLine);
    }

    /**
     * A copy that rejects bad lines.
     *
     * @return the copy
     */
    public ReadOptions strict() {
        return new ReadOptions(symbol, false, onBadLine);
    }
}
