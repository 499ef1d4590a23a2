package org.quantstream.feed.binance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.quantstream.core.util.Args;

/**
 * How a {@link BinanceSimulator} behaves: the recorded trades it replays, its speed, and the faults
 * it injects. Faults count data messages sent on one connection. Immutable; build with {@link
 * #builder()}.
 */
public final class SimulatorConfig {
    final List<Path> data;
    final int port;
    final double speed;
    final int awaitSubscribers;
    final Duration pingInterval;
    final Duration lifetime;
    final int disconnectEvery;
    final int stallAfter;
    final Duration stallFor;
    final int garbageEvery;
    final int hostileIdEvery;
    final int fragmentEvery;
    final int controlFlood;
    final int restBadValueEvery;
    final boolean restUnordered;
    final int duplicateOnReconnect;
    final List<long[]> droppedIds;
    final int oversizedAfter;
    final int rest429Every;
    final int refuseEvery;
    final Duration slowHandshakes;
    final boolean answerPings;
    final boolean ignoreUrlStreams;

    private SimulatorConfig(Builder b) {
        this.data = List.copyOf(b.data);
        this.port = b.port;
        this.speed = b.speed;
        this.awaitSubscribers = b.awaitSubscribers;
        this.pingInterval = b.pingInterval;
        this.lifetime = b.lifetime;
        this.disconnectEvery = b.disconnectEvery;
        this.stallAfter = b.stallAfter;
        this.stallFor = b.stallFor;
        this.garbageEvery = b.garbageEvery;
        this.hostileIdEvery = b.hostileIdEvery;
        this.fragmentEvery = b.fragmentEvery;
        this.controlFlood = b.controlFlood;
        this.restBadValueEvery = b.restBadValueEvery;
        this.restUnordered = b.restUnordered;
        this.duplicateOnReconnect = b.duplicateOnReconnect;
        this.droppedIds = List.copyOf(b.droppedIds);
        this.oversizedAfter = b.oversizedAfter;
        this.rest429Every = b.rest429Every;
        this.refuseEvery = b.refuseEvery;
        this.slowHandshakes = b.slowHandshakes;
        this.answerPings = b.answerPings;
        this.ignoreUrlStreams = b.ignoreUrlStreams;
    }

    /**
     * A builder: no data, an ephemeral port, speed 1, publishing from the first subscription,
     * server pings every 3 minutes, a 24-hour connection lifetime, no faults.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link SimulatorConfig}. Not thread-safe. */
    public static final class Builder {
        private final List<Path> data = new ArrayList<>();
        private int port;
        private double speed = 1;
        private int awaitSubscribers = 1;
        private Duration pingInterval = Duration.ofMinutes(3);
        private Duration lifetime = Duration.ofHours(24);
        private int disconnectEvery;
        private int stallAfter;
        private Duration stallFor = Duration.ZERO;
        private int garbageEvery;
        private int hostileIdEvery;
        private int fragmentEvery;
        private int controlFlood;
        private int restBadValueEvery;
        private boolean restUnordered;
        private int duplicateOnReconnect;
        private final List<long[]> droppedIds = new ArrayList<>();
        private int oversizedAfter;
        private int rest429Every;
        private int refuseEvery;
        private Duration slowHandshakes = Duration.ZERO;
        private boolean answerPings = true;
        private boolean ignoreUrlStreams;

        private Builder() {}

        /**
         * Whether client pings get pongs (default true; false to make a client's pong timeout
         * fire).
         *
         * @param answer the choice
         * @return this
         */
        public Builder answerPings(boolean answer) {
            this.answerPings = answer;
            return this;
        }

        /**
         * Ignores the streams named in the connection URL, so a client must SUBSCRIBE (tests
         * subscription repair).
         *
         * @param ignore the choice
         * @return this
         */
        public Builder ignoreUrlStreams(boolean ignore) {
            this.ignoreUrlStreams = ignore;
            return this;
        }

        /**
         * Adds recorded trade files (anything {@code quant ticks} reads).
         *
         * @param files the files
         * @return this
         */
        public Builder data(List<Path> files) {
            data.addAll(Args.notNull(files, "files"));
            return this;
        }

        /**
         * Sets the port on 127.0.0.1.
         *
         * @param port 0 for an ephemeral port
         * @return this
         */
        public Builder port(int port) {
            this.port = (int) Args.inRange(port, 0, 65_535, "port");
            return this;
        }

        /**
         * Sets the replay speed.
         *
         * @param speed recorded time runs this many times faster; {@code Double.POSITIVE_INFINITY}
         *     for no waiting
         * @return this
         */
        public Builder speed(double speed) {
            this.speed = Args.positive(speed, "speed");
            return this;
        }

        /**
         * Holds the replay (recorded time starts) until N connections have subscribed to something:
         * 1 by default, 0 to start at once. A client with trades on {@code /market} and quotes on
         * {@code /public} opens two, and a test that wants every recorded message on both waits for
         * both.
         *
         * @param n connections, at least 0
         * @return this
         */
        public Builder awaitSubscribers(int n) {
            this.awaitSubscribers = (int) Args.notNegative(n, "awaitSubscribers");
            return this;
        }

        /**
         * Sets the server ping interval.
         *
         * @param interval the interval
         * @return this
         */
        public Builder pingInterval(Duration interval) {
            this.pingInterval = Args.notNull(interval, "interval");
            return this;
        }

        /**
         * Sets the connection lifetime after which the server closes a connection (Binance: 24 h).
         *
         * @param lifetime the lifetime
         * @return this
         */
        public Builder lifetime(Duration lifetime) {
            this.lifetime = Args.notNull(lifetime, "lifetime");
            return this;
        }

        /**
         * Closes each connection after every N data messages.
         *
         * @param n 0 for never
         * @return this
         */
        public Builder disconnectEvery(int n) {
            this.disconnectEvery = (int) Args.notNegative(n, "disconnectEvery");
            return this;
        }

        /**
         * After N data messages on a connection, sends it nothing for a while, the socket staying
         * open.
         *
         * @param n messages before the stall, 0 for never
         * @param duration how long the stall lasts
         * @return this
         */
        public Builder stall(int n, Duration duration) {
            this.stallAfter = (int) Args.notNegative(n, "stallAfter");
            this.stallFor = Args.notNull(duration, "duration");
            return this;
        }

        /**
         * After every n-th trade frame, also sends a copy of it whose aggregate id is
         * 999999999999999999: the hostile frame that poisoned a symbol's dedupe (0 = never).
         *
         * @param n the period
         * @return this
         */
        public Builder hostileIdEvery(int n) {
            this.hostileIdEvery = (int) Args.notNegative(n, "hostileIdEvery");
            return this;
        }

        /**
         * Sends every n-th data message as three WebSocket frames (a text frame and two
         * continuation frames), as a server may fragment a message (0 = never).
         *
         * @param n the period
         * @return this
         */
        public Builder fragmentEvery(int n) {
            this.fragmentEvery = (int) Args.notNegative(n, "fragmentEvery");
            return this;
        }

        /**
         * Follows each LIST_SUBSCRIPTIONS answer with this many unsolicited replies {@code
         * {"result":[],"id":0}} (an empty subscription list: a client that repairs subscriptions on
         * each one floods itself).
         *
         * @param n replies per LIST_SUBSCRIPTIONS (0 = none)
         * @return this
         */
        public Builder controlFlood(int n) {
            this.controlFlood = (int) Args.notNegative(n, "controlFlood");
            return this;
        }

        /**
         * Corrupts every n-th trade of each REST aggTrades page (price -1, quantity 0, time 0 or
         * price NaN in turn; 0 = never).
         *
         * @param n the period
         * @return this
         */
        public Builder restBadValueEvery(int n) {
            this.restBadValueEvery = (int) Args.notNegative(n, "restBadValueEvery");
            return this;
        }

        /**
         * Serves REST aggTrades pages in reverse id order.
         *
         * @param on whether to
         * @return this
         */
        public Builder restUnordered(boolean on) {
            this.restUnordered = on;
            return this;
        }

        /**
         * Sends a malformed frame after every N data messages.
         *
         * @param n 0 for never
         * @return this
         */
        public Builder garbageEvery(int n) {
            this.garbageEvery = (int) Args.notNegative(n, "garbageEvery");
            return this;
        }

        /**
         * Replays the last N messages of a stream to every new subscriber (duplicates after a
         * reconnect).
         *
         * @param n 0 for none
         * @return this
         */
        public Builder duplicateOnReconnect(int n) {
            this.duplicateOnReconnect = (int) Args.notNegative(n, "duplicateOnReconnect");
            return this;
        }

        /**
         * Never publishes the aggregate trade ids in {@code [from, to]} on the stream (REST still
         * has them).
         *
         * @param from first id
         * @param to last id
         * @return this
         */
        public Builder dropIds(long from, long to) {
            droppedIds.add(new long[] {from, to});
            return this;
        }

        /**
         * Sends one frame larger than 64 KiB after N data messages on each connection.
         *
         * @param n 0 for never
         * @return this
         */
        public Builder oversizedAfter(int n) {
            this.oversizedAfter = (int) Args.notNegative(n, "oversizedAfter");
            return this;
        }

        /**
         * Answers every Nth REST request with HTTP 429 and {@code Retry-After: 1}.
         *
         * @param n 0 for never
         * @return this
         */
        public Builder rest429Every(int n) {
            this.rest429Every = (int) Args.notNegative(n, "rest429Every");
            return this;
        }

        /**
         * Refuses every Nth WebSocket handshake with HTTP 503, as an overloaded exchange does.
         *
         * @param n 0 for never
         * @return this
         */
        public Builder refuseEvery(int n) {
            this.refuseEvery = (int) Args.notNegative(n, "refuseEvery");
            return this;
        }

        /**
         * Answers every WebSocket handshake after the first only after a delay, as a loaded
         * exchange does (a replacement connection is then still handshaking when the old one ends).
         *
         * @param delay {@link Duration#ZERO} for none
         * @return this
         */
        public Builder slowHandshakes(Duration delay) {
            Args.notNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("slowHandshakes must be >= 0, was " + delay);
            }
            this.slowHandshakes = delay;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         */
        public SimulatorConfig build() {
            return new SimulatorConfig(this);
        }
    }
}
