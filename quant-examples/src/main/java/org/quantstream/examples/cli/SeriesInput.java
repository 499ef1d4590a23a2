package org.quantstream.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.quantstream.core.io.Series;
import picocli.CommandLine.Option;

/** The {@code --input FILE [--column C]} options of the commands that analyse one CSV column. */
final class SeriesInput {
    @Option(
            names = "--input",
            required = true,
            paramLabel = "FILE",
            description = "CSV file with a header.")
    private Path input;

    @Option(
            names = "--column",
            paramLabel = "C",
            description = "Column (default: close, value, or the only numeric one).")
    private String column;

    /** The file, for messages. */
    Path path() {
        return input;
    }

    /** Reads the chosen column. */
    Series read() throws IOException {
        return Series.read(input, column);
    }
}
