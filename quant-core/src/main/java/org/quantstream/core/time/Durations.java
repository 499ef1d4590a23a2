package org.quantstream.core.time;

import java.time.Duration;
import java.util.Locale;

/** Durations as people type them. Stateless. */
public final class Durations {
    private Durations() {}

    /**
     * Parses {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h} (whole numbers, case-insensitive),
     * or ISO-8601 ({@code PT30S}).
     *
     * @param value the text
     * @return the duration
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static Duration parse(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("pt")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            switch (v.charAt(v.length() - 1)) {
                case 's':
                    return Duration.ofSeconds(n);
                case 'm':
                    return Duration.ofMinutes(n);
                case 'h':
                    return Duration.ofHours(n);
                default:
                    break;
            }
        } catch (RuntimeException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException(
                "not a duration: \"" + value + "\" (use 500ms, 30s, 5m, 2h or PT30S)");
    }
}
