package org.quantstream.core.feed;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.quantstream.core.time.EpochNanoClock;
import org.quantstream.core.util.Args;
import org.quantstream.core.util.ErrorHandler;
import org.slf4j.LoggerFactory;

/**
 * The configuration handed to {@link DataFeedProvider#create(FeedConfig)}: string options (as typed
 * on a command line or read from a file) plus the injected clock, error handler and event listener.
 *
 * <p>Immutable and thread-safe; build with {@link #builder()}, change a copy with {@link
 * #toBuilder()}.
 */
public final class FeedConfig {
    private final Map<String, String> options;
    private final EpochNanoClock clock;
    private final ErrorHandler errorHandler;
    private final FeedEventListener listener;

    private FeedConfig(Builder b) {
        this.options = Map.copyOf(b.options);
        this.clock = b.clock;
        this.errorHandler = b.errorHandler;
        this.listener = b.listener;
    }

    /**
     * A builder with no options, the system clock, an error handler that logs, and no listener.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this configuration.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.options.putAll(options);
        b.clock = clock;
        b.errorHandler = errorHandler;
        b.listener = listener;
        return b;
    }

    /**
     * Every option.
     *
     * @return an immutable map of option name to value
     */
    public Map<String, String> options() {
        return options;
    }

    /**
     * An option's value.
     *
     * @param key the option's name
     * @return the value, or null if not set
     */
    public String get(String key) {
        return options.get(key);
    }

    /**
     * An option's value, or a default.
     *
     * @param key the option's name
     * @param defaultValue returned when the option is not set
     * @return the value or the default
     */
    public String get(String key, String defaultValue) {
        return options.getOrDefault(key, defaultValue);
    }

    /**
     * An option that must be set.
     *
     * @param key the option's name
     * @return the value
     * @throws IllegalArgumentException if the option is missing or blank
     */
    public String require(String key) {
        String v = options.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("feed option '" + key + "' is required");
        }
        return v;
    }

    /**
     * An option read as a number.
     *
     * @param key the option's name
     * @param defaultValue returned when the option is not set
     * @return the value
     * @throws IllegalArgumentException if the value is not a number; the message names the option
     *     and the value
     */
    public double getDouble(String key, double defaultValue) {
        String v = options.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "feed option '" + key + "' must be a number, was \"" + v + '"');
        }
    }

    /**
     * An option read as a point in time: epoch milliseconds or ISO-8601 ({@link
     * org.quantstream.core.time.EpochTimes#parse}), as the replay feeds' {@code from} and {@code
     * to}.
     *
     * @param key the option's name
     * @param defaultValue returned when the option is not set, epoch ns
     * @return the time, epoch ns
     * @throws IllegalArgumentException if the value is not a time; the message names the option
     */
    public long getTime(String key, long defaultValue) {
        String v = options.get(key);
        return v == null
                ? defaultValue
                : org.quantstream.core.time.EpochTimes.parse(v, "feed option '" + key + "'");
    }

    /**
     * An option read as a boolean ({@code true}/{@code false}, any case).
     *
     * @param key the option's name
     * @param defaultValue returned when the option is not set
     * @return the value
     * @throws IllegalArgumentException if the value is neither true nor false
     */
    public boolean getBoolean(String key, boolean defaultValue) {
        String v = options.get(key);
        if (v == null) {
            return defaultValue;
        }
        switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new IllegalArgumentException(
                        "feed option '" + key + "' must be true or false, was \"" + v + '"');
        }
    }

    /**
     * The clock the feed stamps receive times and events with.
     *
     * @return the clock
     */
    public EpochNanoClock clock() {
        return clock;
    }

    /**
     * Where the feed reports asynchronous failures.
     *
     * @return the error handler
     */
    public ErrorHandler errorHandler() {
        return errorHandler;
    }

    /**
     * Who hears the feed's status changes.
     *
     * @return the listener
     */
    public FeedEventListener listener() {
        return listener;
    }

    @Override
    public String toString() {
        return "FeedConfig" + options;
    }

    /** Builds a {@link FeedConfig}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, String> options = new LinkedHashMap<>();
        private EpochNanoClock clock = EpochNanoClock.system();
        private ErrorHandler errorHandler =
                ErrorHandler.logging(LoggerFactory.getLogger("quantstream.feed"));
        private FeedEventListener listener = FeedEventListener.NONE;

        private Builder() {}

        /**
         * Sets an option.
         *
         * @param key the option's name
         * @param value its value; null removes the option
         * @return this
         */
        public Builder option(String key, String value) {
            Args.notBlank(key, "key");
            if (value == null) {
                options.remove(key);
            } else {
                options.put(key, value);
            }
            return this;
        }

        /**
         * Sets several options.
         *
         * @param values option name to value
         * @return this
         */
        public Builder options(Map<String, String> values) {
            values.forEach(this::option);
            return this;
        }

        /**
         * Sets the clock.
         *
         * @param clock the clock
         * @return this
         */
        public Builder clock(EpochNanoClock clock) {
            this.clock = Args.notNull(clock, "clock");
            return this;
        }

        /**
         * Sets the error handler.
         *
         * @param errorHandler the handler; must not throw
         * @return this
         */
        public Builder errorHandler(ErrorHandler errorHandler) {
            this.errorHandler = Args.notNull(errorHandler, "errorHandler");
            return this;
        }

        /**
         * Sets the event listener.
         *
         * @param listener the listener; must not block or throw
         * @return this
         */
        public Builder listener(FeedEventListener listener) {
            this.listener = Args.notNull(listener, "listener");
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return an immutable configuration
         */
        public FeedConfig build() {
            return new FeedConfig(this);
        }
    }
}
