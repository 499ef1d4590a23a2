package org.quantstream.core.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parsing of the instants users type: epoch milliseconds or ISO-8601. Stateless and thread-safe.
 */
public final class EpochTimes {
    private EpochTimes() {}

    /**
     * Parses an instant.
     *
     * @param text epoch milliseconds ({@code 1723161300000}), an ISO-8601 instant ({@code
     *     2024-08-08T23:55:00Z}, fractions allowed) or a date ({@code 2024-08-08}, midnight UTC)
     * @param what the name of the value for the message, such as {@code --from}
     * @return epoch nanoseconds
     * @throws IllegalArgumentException naming {@code what}, the accepted forms and the text
     */
    public static long parse(String text, String what) {
        String t = text == null ? "" : text.strip();
        try {
            if (t.matches("-?[0-9]+")) {
                return Math.multiplyExact(Long.parseLong(t), 1_000_000L);
            }
            Instant i =
                    t.length() == 10
                            ? LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC)
                            : Instant.parse(t);
            return Math.addExact(
                    Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(
                    what
                            + " must be epoch milliseconds or ISO-8601 (2024-08-08T23:55:00Z), was \""
                            + text
                            + '"');
        }
    }
}
