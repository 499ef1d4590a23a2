package org.quantstream.examples.cli;

import java.util.Locale;
import java.util.StringJoiner;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * An enum option as typed: case-insensitive, {@code rolling-ols} or {@code rolling_ols}; anything
 * else is "unknown method 'foo'; valid: ols, huber, ..." (picocli puts the option name in front).
 *
 * @param <E> the enum; its {@code toString()} is the spelling shown
 */
abstract class Choice<E extends Enum<E>> implements ITypeConverter<E> {
    private final Class<E> type;
    private final String what;

    Choice(Class<E> type, String what) {
        this.type = type;
        this.what = what;
    }

    @Override
    public E convert(String value) {
        String v = value.strip();
        for (E e : type.getEnumConstants()) {
            if (e.toString().equalsIgnoreCase(v)
                    || e.name().equalsIgnoreCase(v.replace('-', '_').toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        StringJoiner valid = new StringJoiner(", ");
        for (E e : type.getEnumConstants()) {
            valid.add(e.toString());
        }
        throw new TypeConversionException("unknown " + what + " '" + value + "'; valid: " + valid);
    }
}
