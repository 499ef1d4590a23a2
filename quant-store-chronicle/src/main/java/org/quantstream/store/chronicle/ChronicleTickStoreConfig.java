package org.quantstream.store.chronicle;

import java.nio.file.Path;
import java.util.Locale;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import org.quantstream.core.time.EpochNanoClock;
import org.quantstream.core.util.Args;

/** How a {@link ChronicleTickStore} is opened. Immutable; build with {@link #builder(Path)}. */
public final class ChronicleTickStoreConfig {
    /** What an append waits for before it returns. */
    public enum Durability {
        /**
         * Written to the memory-mapped file: survives a process crash (kill -9), not a power loss.
         * Default.
         */
        PROCESS,
        /**
         * Also forced to disk on every append (msync): survives a power loss; about 125 µs an
         * append here.
         */
        POWER_LOSS
    }

    /** The default of {@link #mapChunkBytes()}: 8 MiB. */
    public static final long DEFAULT_MAP_CHUNK = 8L << 20;

    private final Path directory;
    private final RollCycle rollCycle;
    private final boolean dedupe;
    private final boolean readOnly;
    private final Durability durability;
    private final long minFreeBytes;
    private final EpochNanoClock clock;
    private final long mapChunkBytes;

    private ChronicleTickStoreConfig(Builder b) {
        this.directory = b.directory;
        this.rollCycle = b.rollCycle;
        this.dedupe = b.dedupe;
        this.readOnly = b.readOnly;
        this.durability = b.durability;
        this.minFreeBytes = b.minFreeBytes;
        this.clock = b.clock;
        this.mapChunkBytes = b.mapChunkBytes;
    }

    /**
     * A builder with daily files, dedupe on, read-write, process durability, 256 MiB free space
     * required, the system clock, files mapped 8 MiB at a time.
     *
     * @param directory where the queue files live (created if missing)
     * @return the builder
     */
    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    /**
     * The queue's directory.
     *
     * @return the directory
     */
    public Path directory() {
        return directory;
    }

    /**
     * How often a new file starts (by the clock's time of writing, not by tick time).
     *
     * @return the roll cycle
     */
    public RollCycle rollCycle() {
        return rollCycle;
    }

    /**
     * Whether appends skip trade ids not newer than the symbol's last.
     *
     * @return true by default
     */
    public boolean dedupe() {
        return dedupe;
    }

    /**
     * Whether the store only reads (another process writes).
     *
     * @return false by default
     */
    public boolean readOnly() {
        return readOnly;
    }

    /**
     * What an append waits for.
     *
     * @return the durability
     */
    public Durability durability() {
        return durability;
    }

    /**
     * Free disk space below which appends fail with a clear error instead of letting the JVM die of
     * SIGBUS.
     *
     * @return bytes
     */
    public long minFreeBytes() {
        return minFreeBytes;
    }

    /**
     * The clock that decides the roll cycle.
     *
     * @return the clock
     */
    public EpochNanoClock clock() {
        return clock;
    }

    /**
     * How much of a queue file is mapped at a time (Chronicle's block size). The pages of the
     * mapped chunks count in the process's resident memory while they are mapped, so this bounds
     * what a long import or replay holds beyond its own heap: about 40 MiB at 4 MiB, 80 MiB at 16
     * MiB, 220 MiB at Chronicle's default of 64 MiB, measured on a 10 M-tick import.
     *
     * @return bytes
     */
    public long mapChunkBytes() {
        return mapChunkBytes;
    }

    /** Builds a {@link ChronicleTickStoreConfig}. Not thread-safe. */
    public static final class Builder {
        private final Path directory;
        private RollCycle rollCycle = RollCycles.FAST_DAILY;
        private boolean dedupe = true;
        private boolean readOnly;
        private Durability durability = Durability.PROCESS;
        private long minFreeBytes = 256L << 20;
        private EpochNanoClock clock = EpochNanoClock.system();
        private long mapChunkBytes = DEFAULT_MAP_CHUNK;

        private Builder(Path directory) {
            this.directory = Args.notNull(directory, "directory");
        }

        /**
         * Sets the roll cycle.
         *
         * @param cycle a Chronicle roll cycle
         * @return this
         */
        public Builder rollCycle(RollCycle cycle) {
            this.rollCycle = Args.notNull(cycle, "cycle");
            return this;
        }

        /**
         * Sets the roll cycle by name: {@code daily} (default), {@code hourly}, {@code minutely},
         * {@code weekly}, or any Chronicle {@code RollCycles} constant such as {@code
         * FIVE_MINUTELY}.
         *
         * @param name the name
         * @return this
         * @throws IllegalArgumentException naming the accepted values
         */
        public Builder rollCycle(String name) {
            String n = Args.notBlank(name, "rollCycle").strip().toUpperCase(Locale.ROOT);
            switch (n) {
                case "DAILY":
                    return rollCycle(RollCycles.FAST_DAILY);
                case "HOURLY":
                    return rollCycle(RollCycles.FAST_HOURLY);
                case "MINUTELY":
                    return rollCycle(RollCycles.FIVE_MINUTELY);
                case "WEEKLY":
                    return rollCycle(RollCycles.WEEKLY);
                default:
                    try {
                        return rollCycle(RollCycles.valueOf(n));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(
                                "rollCycle must be daily, hourly, minutely, weekly or a Chronicle RollCycles name, was \""
                                        + name
                                        + '"');
                    }
            }
        }

        /**
         * Sets how much of a queue file is mapped at a time (default 8 MiB; see {@link
         * ChronicleTickStoreConfig#mapChunkBytes()}).
         *
         * @param bytes at least 1 MiB, at most 1 GiB
         * @return this
         */
        public Builder mapChunkBytes(long bytes) {
            if (bytes < (1L << 20) || bytes > (1L << 30)) {
                throw new IllegalArgumentException(
                        "mapChunkBytes must be between 1 MiB and 1 GiB, was " + bytes);
            }
            this.mapChunkBytes = bytes;
            return this;
        }

        /**
         * Turns dedupe on or off.
         *
         * @param on whether to skip duplicate trade ids
         * @return this
         */
        public Builder dedupe(boolean on) {
            this.dedupe = on;
            return this;
        }

        /**
         * Opens read-only (a reader beside a writer in another process).
         *
         * @param on whether read-only
         * @return this
         */
        public Builder readOnly(boolean on) {
            this.readOnly = on;
            return this;
        }

        /**
         * Sets the durability.
         *
         * @param d the durability
         * @return this
         */
        public Builder durability(Durability d) {
            this.durability = Args.notNull(d, "durability");
            return this;
        }

        /**
         * Sets the free-space floor.
         *
         * @param bytes free bytes required to append, &gt;= 0
         * @return this
         */
        public Builder minFreeBytes(long bytes) {
            this.minFreeBytes = Args.notNegative(bytes, "minFreeBytes");
            return this;
        }

        /**
         * Sets the clock that decides roll cycles (tests move it to make several files).
         *
         * @param clock the clock
         * @return this
         */
        public Builder clock(EpochNanoClock clock) {
            this.clock = Args.notNull(clock, "clock");
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         */
        public ChronicleTickStoreConfig build() {
            return new ChronicleTickStoreConfig(this);
        }
    }
}
