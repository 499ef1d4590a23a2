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

    /**
     * Parses a line from its bytes when it is a trade of the common, well-formed shape, without
     * creating any object. Anything else (a header, another event, a malformed line, an unusual but
     * valid spelling) answers false and the caller decodes the line and calls {@link #parse(String,
     * MutableTick)}, which has the last word: the two give the same tick for every line this one
     * accepts, and only the text path reports errors.
     *
     * @param line the bytes (UTF-8)
     * @param start the first byte of the line
     * @param end one past its last byte, without the line terminator
     * @param into filled with the trade when the method returns true
     * @return true if the line was a trade and {@code into} holds it; false to use the text path
     */
    default boolean parseFast(byte[] line, int start, int end, MutableTick into) {
        return false;
    }

    /**
     * Parses the line that starts at {@code start} when it is a trade of the common shape, finding
     * the line's end itself: the reader's fast path, one pass over the bytes with no separate
     * search for the end of the line. Takes a line only if {@link #parseFast} would take it with
     * the same tick; anything else (including a line not wholly before {@code limit}) answers -1
     * and changes nothing, and the caller reads the line the usual way.
     *
     * @param buffer the bytes (UTF-8); bytes past {@code limit} may be read but are never taken
     * @param start the first byte of the line
     * @param limit one past the last valid byte
     * @param into filled with the trade when the method returns an index
     * @return the index of the line's terminator ({@code \n} or {@code \r}, before {@code limit}),
     *     or -1 to use the other paths
     */
    default int parseLineAt(byte[] buffer, int start, int limit, MutableTick into) {
        return -1;
    }
}
