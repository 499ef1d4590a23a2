package org.quantstream.examples.cli;

import java.time.Duration;
import org.quantstream.core.time.Durations;
import picocli.CommandLine.ITypeConverter;

/**
 * Parses durations as typed: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, or ISO-8601
 * ({@code PT30S}).
 */
final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return Durations.parse(value);
    }
}
