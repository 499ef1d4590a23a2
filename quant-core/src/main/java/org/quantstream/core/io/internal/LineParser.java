package org.quantstream.core.io.internal;

import org.quantstream.core.tick.MutableTick;

/** Turns one line of a tick file into a tick. Not thread-safe. */
public interface LineParser {
    /**
     * Parses a line.
     *
     * @param line the line, without its line terminator
     * @param into filled with the trade when the method returns true
     * @return true if the line is a trade; false if it is a message to skip (another event type, a
     *     header)
     * @throws BadLine if the line is malformed
     */
    boolean parse(String line, MutableTick into) throws BadLine;
}
