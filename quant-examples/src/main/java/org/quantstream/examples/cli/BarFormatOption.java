package org.quantstream.examples.cli;

import org.quantstream.core.io.BarFormat;

/** The bar output formats as typed on the command line. */
enum BarFormatOption {
    csv(BarFormat.QUANT_CSV),
    json(BarFormat.QUANT_JSONL);

    final BarFormat format;

    BarFormatOption(BarFormat format) {
        this.format = format;
    }
}
