package org.quantstream.examples.cli;

import java.util.List;
import org.quantstream.core.tick.Symbol;
import picocli.CommandLine.Option;

/**
 * {@code --only SYMBOL[,SYMBOL...]}: keep only these symbols. The one filter option of every
 * command that selects symbols from data that names them ({@code export}, {@code bars export});
 * {@code --symbol} always names data that does not name its symbol.
 */
final class OnlyOption {
    @Option(
            names = "--only",
            split = ",",
            paramLabel = "SYMBOL",
            description = "Keep only these symbols (comma-separated; default: all).")
    List<String> names;

    private Symbol[] symbols;

    /** Whether a symbol passes the filter. */
    boolean keeps(Symbol s) {
        if (names == null || names.isEmpty()) {
            return true;
        }
        if (symbols == null) {
            symbols = names.stream().map(n -> Symbol.of(n.strip())).toArray(Symbol[]::new);
        }
        for (Symbol k : symbols) {
            if (k == s) {
                return true;
            }
        }
        return false;
    }
}
