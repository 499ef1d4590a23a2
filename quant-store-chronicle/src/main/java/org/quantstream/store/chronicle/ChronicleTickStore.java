package org.quantstream.store.chronicle;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.quantstream.core.store.TickAppender;
import org.quantstream.core.store.TickCursor;
import org.quantstream.core.store.TickStore;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Side;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.tick.TickView;
import org.quantstream.core.util.Args;
import org.quantstream.store.chronicle.internal.BackedRegion;
import org.quantstream.store.chronicle.internal.JvmFlags;
import org.quantstream.store.chronicle.internal.SymbolDictionary;
import org.quantstream.store.chronicle.internal.TickRecord;
import org.quantstream.store.chronicle.internal.WriterLock;

/**
 * An append-only tick log on Chronicle Queue: one fixed 48-byte binary record per tick (52 bytes on
 * disk with the header) written through {@code writingDocument()}, allocation-free in steady state;
 * readable by any number of cursors, here or in other processes, while one writer appends.
 *
 * <ul>
 *   <li><b>Dedupe.</b> The last trade id per symbol is known (checkpointed in the queue's metadata
 *       and recovered at open by scanning only what came after the checkpoint); an older or equal
 *       id is skipped and counted.
 *   <li><b>Time.</b> {@link #cursor(long, long)} finds its start by binary search over the records'
 *       event times, not a scan. Records are in arrival order, so event times are only nearly
 *       sorted: the store tracks the largest lateness it has seen (how far a record's time lies
 *       below the running maximum, persisted) and widens the search and the stop by it, so the
 *       half-open range is always complete.
 *   <li><b>Cursors.</b> From the start, from a time, to a time, live (a cursor at the end sees
 *       later appends), and named cursors that resume after the last record the consumer
 *       acknowledged ({@link NamedCursor#ack()}).
 *   <li><b>Safety.</b> Opening checks the JVM flags Chronicle needs and names the missing ones. The
 *       free disk space is checked at the first append, every 65,536 appends, at the first record
 *       of each new cycle file and for a whole batch by {@link TickAppender#reserve}: below the
 *       configured floor the append fails with a {@link StoreWriteException} before writing. The
 *       file's next MiB is allocated ahead of the writer through a plain write, so a disk that
 *       fills up between checks is an I/O error there, not a fault of the mapped file: the record
 *       just written is whole and kept, the next append is refused before it writes anything (and
 *       succeeds again once space is freed). A write that faults all the same (SIGBUS: the first
 *       record of a new file on a full disk; the JVM reports it late, so the first record of each
 *       file is read back through the file before it is committed) is rolled back, never committed
 *       half-written, and fails with a {@link StoreWriteException}; the store then refuses appends
 *       until reopened. A file cut (truncated) by another program under the writer is not covered:
 *       the fault surfaces at a later append, and what was written since the cut is lost. Every
 *       record carries a check of its fields: cursors skip a record that fails it and count it
 *       ({@link TickCursor#damagedRecords()}); recovery ignores it. A record interrupted by kill -9
 *       stays invisible; every completed append is read back. {@link
 *       ChronicleTickStoreConfig.Durability#POWER_LOSS} forces each append to disk.
 * </ul>
 *
 * <p>Roll cycles (default daily) follow the configured clock's time of writing; {@link
 * #retainCycles(int)} deletes the oldest files. Thread-safety: the appender belongs to one writer
 * thread; each cursor to one thread; the other methods are thread-safe. A read-only instance sees
 * other processes' appends in its cursors; its {@link #lastTradeId} and {@link #symbols()} reflect
 * the store as of open (or {@link #refresh()}).
 */
public final class ChronicleTickStore implements TickStore {
    private static final Side[] SIDES = Side.values();

    /**
     * Bytes one tick takes on disk: its 48-byte record and Chronicle's 4-byte header (Chronicle's
     * index adds at most 8 bytes per 16 records).
     */
    public static final int RECORD_BYTES = TickRecord.SIZE + 4;

    private static final org.slf4j.Logger LOG =
            org.slf4j.LoggerFactory.getLogger(ChronicleTickStore.class);
    private static final String METADATA = "metadata.cq4t";
    private static final String CKPT_INDEX = "ckpt.index";
    private static final String CKPT_MAX_EVENT = "ckpt.maxEvent";
    private static final String LATENESS = "maxLatenessNs";
    private static final long CHECKPOINT_EVERY = 1L << 20;
    private static final long SPACE_CHECK_EVERY = 1L << 16;

    private final ChronicleTickStoreConfig config;
    private final SingleChronicleQueue queue;
    private final SymbolDictionary dict;
    private final AtomicLongArray lastIds = new AtomicLongArray(SymbolDictionary.MAX);
    private final java.util.concurrent.ConcurrentHashMap<Integer, Long> cycleCounts =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final File directory;
    private volatile long maxEvent = Long.MIN_VALUE;

    private static final java.lang.invoke.VarHandle MAX_EVENT;

    static {
        try {
            MAX_EVENT =
                    java.lang.invoke.MethodHandles.lookup()
                            .findVarHandle(ChronicleTickStore.class, "maxEvent", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile long maxLateness;
    private volatile boolean closed;

    /** Set when a write faulted: the store takes no more appends and close writes nothing. */
    private volatile StoreWriteException failure;

    private Appender appender;
    private long scannedIndex = Long.MIN_VALUE;

    /** The single-writer lock of a writable store, released at close; null when read-only. */
    private final WriterLock writerLock;

    private ChronicleTickStore(ChronicleTickStoreConfig config) {
        this.config = config;
        this.directory = config.directory().toFile();
        JvmFlags.require();
        try {
            if (!config.readOnly()) {
                Files.createDirectories(config.directory());
            } else if (!Files.isDirectory(config.directory())) {
                throw new IllegalArgumentException("no tick store at " + config.directory());
            } else if (!Files.exists(config.directory().resolve(METADATA))) {
                // Chronicle would fail later with "Read only"
                finishInterruptedCreation(config, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + config.directory(), e);
        }
        // one writer process per store, before the queue or the symbol dictionary is touched: two
        // writers relabelled each other's trades and duplicated records
        this.writerLock = config.readOnly() ? null : WriterLock.acquire(config.directory());
        try {
            this.queue = buildOrFinishCreation(config);
            this.dict = new SymbolDictionary(config.directory(), !config.readOnly());
        } catch (RuntimeException | Error e) {
            if (writerLock != null) {
                writerLock.release();
            }
            throw e;
        }
        for (int i = 0; i < SymbolDictionary.MAX; i++) {
            lastIds.lazySet(i, NO_TRADE_ID);
        }
        recover();
    }

    private static SingleChronicleQueue buildOrFinishCreation(ChronicleTickStoreConfig config) {
        if (!config.readOnly()) {
            return buildWritable(config); // the writer lock is held
        }
        SingleChronicleQueue q;
        try {
            q = build(config, true);
        } catch (RuntimeException e) {
            // a metadata file that a killed writer left half-written: Chronicle cannot lock it
            finishInterruptedCreation(config, e);
            return build(config, true);
        }
        try {
            q.tableStoreGet(LATENESS);
        } catch (UnsupportedOperationException e) {
            // an empty metadata file: Chronicle gives a table that says "Read only" to every key
            q.close();
            finishInterruptedCreation(config, e);
            return build(config, true);
        } catch (IllegalStateException e) {
            // the key was never written: a store without late records
        }
        return q;
    }

    /**
     * Finishes, for a read-only open, the creation of a store whose writer was killed before its
     * Chronicle metadata was complete: opened for writing under the writer lock and closed again,
     * as the writer's next open would. Only a directory holding nothing but a store's files is
     * touched; anything else is not a tick store.
     */
    private static void finishInterruptedCreation(ChronicleTickStoreConfig config, Exception why) {
        Path dir = config.directory();
        List<String> foreign = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString())
                    .filter(
                            n ->
                                    !n.equals(METADATA)
                                            && !n.equals(WriterLock.FILE)
                                            && !n.equals(SymbolDictionary.FILE)
                                            && !n.endsWith(".cq4"))
                    .sorted()
                    .forEach(foreign::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        if (!foreign.isEmpty()) {
            IllegalArgumentException e =
                    new IllegalArgumentException(
                            dir
                                    + " is not a tick store (no readable Chronicle "
                                    + METADATA
                                    + " in it, and it holds other files: "
                                    + String.join(
                                            ", ", foreign.subList(0, Math.min(3, foreign.size())))
                                    + (foreign.size() > 3 ? ", ..." : "")
                                    + ")");
            if (why != null) {
                e.addSuppressed(why);
            }
            throw e;
        }
        WriterLock lock = WriterLock.acquire(dir); // a live writer: StoreLockedException
        try {
            buildWritable(config).close();
            LOG.info(
                    "tick store {}: finished its creation, which was interrupted (its {} was {})",
                    dir,
                    METADATA,
                    why == null ? "missing" : "incomplete");
        } catch (RuntimeException e) {
            IllegalArgumentException f =
                    new IllegalArgumentException(
                            dir
                                    + " is a tick store whose creation was interrupted, and it"
                                    + " cannot be finished: "
                                    + e.getMessage(),
                            e);
            if (why != null) {
                f.addSuppressed(why);
            }
            throw f;
        } finally {
            lock.release();
        }
    }

    /**
     * Opens the queue for writing (the caller holds the writer lock). A metadata file that a writer
     * killed while creating it left unusable (Chronicle cannot claim its lock) is made again when
     * the store holds no data yet; with data, the error stands.
     */
    private static SingleChronicleQueue buildWritable(ChronicleTickStoreConfig config) {
        try {
            return build(config, false);
        } catch (RuntimeException e) {
            Path metadata = config.directory().resolve(METADATA);
            boolean data;
            try (Stream<Path> s = Files.list(config.directory())) {
                data = s.anyMatch(p -> p.getFileName().toString().endsWith(".cq4"));
            } catch (IOException io) {
                e.addSuppressed(io);
                throw e;
            }
            if (data || !Files.exists(metadata)) {
                throw e;
            }
            LOG.warn(
                    "tick store {}: its {} was left unusable by a writer killed while creating it"
                            + " ({}); the store holds no data yet, so it is made again",
                    config.directory(),
                    METADATA,
                    e.getMessage());
            try {
                Files.delete(metadata);
            } catch (IOException io) {
                e.addSuppressed(io);
                throw e;
            }
            return build(config, false);
        }
    }

    private static SingleChronicleQueue build(ChronicleTickStoreConfig config, boolean readOnly) {
        File directory = config.directory().toFile();
        EpochNanoClockTime time = new EpochNanoClockTime(config);
        SingleChronicleQueueBuilder b =
                SingleChronicleQueueBuilder.single(directory)
                        .rollCycle(config.rollCycle())
                        .blockSize(config.mapChunkBytes())
                        .timeProvider(time)
                        .readOnly(readOnly);
        if (config.durability() == ChronicleTickStoreConfig.Durability.POWER_LOSS) {
            b.syncMode(SyncMode.SYNC);
        }
        return b.build();
    }

    /**
     * Opens (or creates) a store.
     *
     * @param config the configuration
     * @return the store
     * @throws IllegalStateException if the JVM lacks the flags Chronicle needs (the message lists
     *     them)
     * @throws StoreLockedException if the store is writable and another writer holds it
     */
    public static ChronicleTickStore open(ChronicleTickStoreConfig config) {
        return new ChronicleTickStore(Args.notNull(config, "config"));
    }

    /**
     * Opens (or creates) a store with the default configuration.
     *
     * @param directory the store's directory
     * @return the store
     */
    public static ChronicleTickStore open(Path directory) {
        return open(ChronicleTickStoreConfig.builder(directory).build());
    }

    /** Reads the checkpoint, then folds in every record after it. */
    private synchronized void recover() {
        long ckpt = tableGet(CKPT_INDEX);
        List<Symbol> symbols = dict.all();
        if (ckpt > 0) {
            for (Symbol s : symbols) {
                long v = tableGet("last." + s.name());
                if (v > 0) {
                    int local = dict.localId(s);
                    lastIds.set(local, Math.max(lastIds.get(local), v - 1));
                }
            }
            long me = tableGet(CKPT_MAX_EVENT);
            maxEvent = me == Long.MIN_VALUE ? Long.MIN_VALUE : me;
        }
        long lateness = tableGet(LATENESS);
        maxLateness = Math.max(0, lateness == Long.MIN_VALUE ? 0 : lateness);
        try (ExcerptTailer t = queue.createTailer()) {
            if (scannedIndex != Long.MIN_VALUE) {
                t.moveToIndex(scannedIndex);
                skipOne(t);
            } else if (ckpt > 0 && t.moveToIndex(ckpt)) {
                skipOne(t);
            } else {
                t.toStart();
            }
            long me = maxEvent;
            long late = maxLateness;
            while (true) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    Bytes<?> bytes = dc.wire().bytes();
                    scannedIndex = dc.index();
                    if (!TickRecord.isWhole(bytes)) {
                        continue; // cursors skip and count it; its id must not become the mark
                    }
                    int local = bytes.readShort();
                    bytes.readByte();
                    long ev = bytes.readLong();
                    bytes.readLong();
                    long id = bytes.readLong();
                    if (id > lastIds.get(local)) {
                        lastIds.set(local, id);
                    }
                    if (ev > me) {
                        me = ev;
                    } else if (me - ev > late) {
                        late = me - ev;
                    }
                } catch (InternalError e) {
                    if (!isMappedFault(e)) {
                        throw e;
                    }
                    // the disk is full: the page after the last record has no storage behind it
                    // and even reading it faults (tmpfs); every record before it was read
                    LOG.warn(
                            "tick store {}: reading stopped at a page the full disk cannot back;"
                                    + " the records before it are read",
                            config.directory());
                    break;
                }
            }
            maxEvent = me;
            maxLateness = late;
        }
    }

    /**
     * Whether an error is the JVM's report of a fault in a memory-mapped file (SIGBUS: a page the
     * file system cannot back, as on a full tmpfs, or a file cut short).
     */
    static boolean isMappedFault(Throwable e) {
        return e instanceof InternalError
                && String.valueOf(e.getMessage()).contains("unsafe memory access");
    }

    /**
     * A value of the queue's metadata table, {@code Long.MIN_VALUE} when it was never written (a
     * read-only table cannot create the key: Chronicle throws, e.g. for a symbol first stored after
     * the last checkpoint).
     */
    private long tableGet(String key) {
        try {
            return queue.tableStoreGet(key);
        } catch (IllegalStateException e) {
            if (config.readOnly() && String.valueOf(e.getMessage()).contains("does not exist")) {
                return Long.MIN_VALUE;
            }
            throw e;
        }
    }

    private static void skipOne(ExcerptTailer t) {
        // positioned on a record already folded in or acknowledged: read past it
        t.readingDocument().close();
    }

    /** Folds in what other processes appended since open (read-only stores). */
    public void refresh() {
        checkOpen();
        dict.reload();
        recover();
    }

    @Override
    public synchronized TickAppender appender() {
        checkOpen();
        if (config.readOnly()) {
            throw new IllegalStateException(
                    "the store at " + config.directory() + " was opened read-only");
        }
        if (appender == null) {
            appender = new Appender(queue.createAppender());
        }
        return appender;
    }

    @Override
    public TickCursor cursor() {
        checkOpen();
        return new Cursor(queue.createTailer().toStart(), Long.MIN_VALUE, Long.MAX_VALUE);
    }

    @Override
    public TickCursor cursor(long fromNanos, long toNanos) {
        checkOpen();
        if (toNanos < fromNanos) {
            throw new IllegalArgumentException(
                    "toNanos must be >= fromNanos (" + fromNanos + "), was " + toNanos);
        }
        ExcerptTailer t = queue.createTailer();
        seek(t, saturatedSub(fromNanos, maxLateness));
        return new Cursor(t, fromNanos, toNanos);
    }

    /**
     * A cursor that remembers, under a name, the last record its consumer acknowledged, and resumes
     * after it when opened again (in this process or another).
     *
     * @param name the cursor's name: letters, digits, '.', '_' or '-'
     * @return the cursor, positioned after the last acknowledged record (or at the start)
     */
    public NamedCursor namedCursor(String name) {
        checkOpen();
        if (!Args.notBlank(name, "name").matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException(
                    "cursor name must be 1 to 64 letters, digits, '.', '_' or '-', was \""
                            + name
                            + '"');
        }
        String key = "cursor." + name;
        long acked = tableGet(key);
        ExcerptTailer t = queue.createTailer();
        if (acked > 0 && t.moveToIndex(acked)) {
            skipOne(t);
        } else {
            t.toStart();
        }
        return new NamedCursor(t, key);
    }

    /**
     * Positions t before the first record that may have event time >= threshold (see the class
     * comment).
     */
    private void seek(ExcerptTailer t, long threshold) {
        if (threshold == Long.MIN_VALUE) {
            t.toStart();
            return;
        }
        RollCycle rc = queue.rollCycle();
        NavigableSet<Long> cycles = queue.listCyclesBetween(queue.firstCycle(), queue.lastCycle());
        List<Integer> list = new ArrayList<>();
        for (Long c : cycles) {
            list.add(c.intValue());
        }
        // the last cycle whose first record is below the threshold
        int lo = -1;
        int hi = list.size();
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            long ev = eventTimeAt(t, rc.toIndex(list.get(mid), 0));
            if (ev == Long.MAX_VALUE || ev >= threshold) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        if (lo < 0) {
            t.toStart();
            return;
        }
        int cycle = list.get(lo);
        // within it: how many records (exact for a finished cycle, cached; the current one grows,
        // so its count is
        // only a lower bound, which the positioning below tolerates), then the first sequence at or
        // above it
        long count =
                lo == list.size() - 1
                        ? rc.toSequenceNumber(queue.lastIndex()) + 1
                        : cycleCounts.computeIfAbsent(
                                cycle,
                                c ->
                                        queue.countExcerpts(
                                                rc.toIndex(c, 0),
                                                rc.toIndex(list.get(list.indexOf(c) + 1), 0)));
        long sLo = 0; // record 0 is below the threshold
        long sHi = count;
        while (sHi - sLo > 1) {
            long mid = (sLo + sHi) >>> 1;
            if (eventTimeAt(t, rc.toIndex(cycle, mid)) >= threshold) {
                sHi = mid;
            } else {
                sLo = mid;
            }
        }
        if (sHi < count) {
            t.moveToIndex(rc.toIndex(cycle, sHi));
        } else {
            // every known record of the cycle is below: continue right after the last of them
            // (never skipping a
            // record appended meanwhile, whichever cycle it lands in)
            t.moveToIndex(rc.toIndex(cycle, count - 1));
            skipOne(t);
        }
    }

    private static long eventTimeAt(ExcerptTailer t, long index) {
        if (!t.moveToIndex(index)) {
            return Long.MAX_VALUE;
        }
        try (DocumentContext dc = t.readingDocument()) {
            if (!dc.isPresent()) {
                return Long.MAX_VALUE;
            }
            return TickRecord.peekEventTime(dc.wire().bytes());
        }
    }

    private static long saturatedSub(long a, long b) {
        long r = a - b;
        return ((a ^ b) & (a ^ r)) < 0 ? Long.MIN_VALUE : r;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    @Override
    public long count() {
        checkOpen();
        try {
            long first = queue.firstIndex();
            long last = queue.lastIndex();
            if (first == Long.MAX_VALUE || last < 0 || last < first) {
                return 0;
            }
            return queue.countExcerpts(first, last) + 1;
        } catch (InternalError e) {
            if (!isMappedFault(e)) {
                throw e;
            }
            // a full disk (tmpfs): Chronicle's index lookup read a page the disk cannot back;
            // count by reading the records, which stops at the first such page
            try (TickCursor c = cursor()) {
                MutableTick t = new MutableTick();
                long n = 0;
                while (c.next(t)) {
                    n++;
                }
                return n + c.damagedRecords();
            }
        }
    }

    @Override
    public long lastTradeId(Symbol symbol) {
        for (Symbol s : dict.all()) {
            if (s == symbol) {
                return lastIds.get(dict.localId(s));
            }
        }
        return NO_TRADE_ID;
    }

    @Override
    public Set<Symbol> symbols() {
        Set<Symbol> out = new TreeSet<>();
        for (Symbol s : dict.all()) {
            if (lastIds.get(dict.localId(s)) != NO_TRADE_ID) {
                out.add(s);
            }
        }
        return Set.copyOf(out);
    }

    /**
     * The largest lateness seen: how far a record's event time fell below the running maximum.
     * Cursors by time widen their search by it.
     *
     * @return nanoseconds, &gt;= 0
     */
    public long maxLatenessNanos() {
        return maxLateness;
    }

    /**
     * The queue files, oldest first.
     *
     * @return the cycle files
     */
    public List<Path> cycleFiles() {
        try (Stream<Path> s = Files.list(config.directory())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".cq4")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Bytes on disk: queue files, metadata and the symbol dictionary.
     *
     * @return the total size
     */
    public long bytesOnDisk() {
        try (Stream<Path> s = Files.list(config.directory())) {
            return s.mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes the oldest cycle files, keeping the newest ones. Cursors positioned in a deleted
     * cycle lose it.
     *
     * @param keep cycle files to keep, at least 1
     * @return files deleted
     */
    public synchronized int retainCycles(int keep) {
        checkOpen();
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be >= 1, was " + keep);
        }
        List<Path> files = cycleFiles();
        int deleted = 0;
        for (int i = 0; i < files.size() - keep; i++) {
            try {
                Files.deleteIfExists(files.get(i));
                deleted++;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + files.get(i), e);
            }
        }
        queue.refreshDirectoryListing();
        return deleted;
    }

    /**
     * The store's configuration.
     *
     * @return the configuration
     */
    public ChronicleTickStoreConfig config() {
        return config;
    }

    private synchronized void checkpoint(long index) {
        for (Symbol s : dict.all()) {
            long id = lastIds.get(dict.localId(s));
            if (id != NO_TRADE_ID) {
                queue.tableStorePut("last." + s.name(), id + 1);
            }
        }
        queue.tableStorePut(CKPT_MAX_EVENT, maxEvent);
        queue.tableStorePut(CKPT_INDEX, index);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (failure == null) {
                if (appender != null && appender.appended > 0) {
                    checkpoint(appender.chronicle.lastIndexAppended());
                }
                if (appender != null) {
                    appender.chronicle.close();
                    appender.region.close();
                }
                queue.close();
            } else {
                // the files' mappings faulted: write nothing more (the checkpoint is only a
                // shortcut; the next open scans from the last good one)
                closeAfterFailure();
            }
        } finally {
            if (writerLock != null) {
                writerLock.release();
            }
        }
    }

    private void closeAfterFailure() {
        try {
            if (appender != null) {
                appender.region.close();
                appender.chronicle.close();
            }
            queue.close();
        } catch (RuntimeException | Error e) {
            failure.addSuppressed(e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the store at " + config.directory() + " is closed");
        }
    }

    /**
     * Fails unless the store's file system has {@code extraBytes} plus the configured floor free.
     */
    private void checkSpace(long extraBytes) {
        long free = directory.getUsableSpace();
        long need = saturatedAdd(config.minFreeBytes(), extraBytes);
        if (free < need) {
            throw new StoreWriteException(
                    "not enough disk space to append to the tick store at "
                            + config.directory()
                            + ": "
                            + mib(free)
                            + " free, "
                            + (extraBytes > 0 ? mib(extraBytes) + " to write and " : "")
                            + mib(config.minFreeBytes())
                            + " to keep free; nothing more was written",
                    null);
        }
    }

    private static String mib(long bytes) {
        return bytes >= 10L << 20
                ? (bytes >> 20) + " MiB"
                : String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    /**
     * Turns a fault of a write into the store's failure: later appends are refused with it and
     * close does not write to the files again.
     */
    private StoreWriteException failed(Throwable e) {
        StoreWriteException f =
                new StoreWriteException(
                        "cannot write to the tick store at "
                                + config.directory()
                                + ": a write to its memory-mapped file failed ("
                                + (e.getMessage() == null ? e.getClass().getName() : e.getMessage())
                                + "); "
                                + mib(directory.getUsableSpace())
                                + " free on its disk, so it is most likely full. The record being"
                                + " written was rolled back; every record before it is stored."
                                + " Free some space and append again.",
                        e);
        failure = f;
        return f;
    }

    private static void closeQuietly(DocumentContext dc, Throwable primary) {
        try {
            dc.close();
        } catch (RuntimeException | Error e) {
            primary.addSuppressed(e);
        }
    }

    /** The appender: one writer thread. */
    private final class Appender implements TickAppender {
        final ExcerptAppender chronicle;
        long appended;
        long duplicates;
        int lastCycle = Integer.MIN_VALUE;

        /** The bytes of the file allocated ahead of this writer. */
        final BackedRegion region = new BackedRegion();

        /** Where each record is composed before it is stored (this appender's thread only). */
        final byte[] record = new byte[TickRecord.SIZE];

        /** Why allocating ahead failed (the disk is full), or null; where it was tried. */
        String spaceShort;

        File shortFile;
        int shortCycle;
        long shortEnd;

        Appender(ExcerptAppender chronicle) {
            this.chronicle = chronicle;
        }

        @Override
        public boolean append(TickView tick) {
            if (closed) {
                throw new IllegalStateException(
                        "the store at " + config.directory() + " is closed");
            }
            Symbol s = tick.symbol();
            if (s == null) {
                throw new IllegalArgumentException("tick.symbol must not be null");
            }
            long id = tick.tradeId();
            if (id < 0) {
                throw new IllegalArgumentException("tick.tradeId must be >= 0, was " + id);
            }
            int local = dict.localId(s);
            long last = lastIds.get(local);
            if (config.dedupe() && id <= last) {
                duplicates++;
                return false;
            }
            if (failure != null) {
                throw failure;
            }
            if (appended % SPACE_CHECK_EVERY == 0) {
                checkSpace(0);
            }
            if (spaceShort != null) {
                retryBacking();
            }
            long ev = tick.eventTimeNanos();
            DocumentContext dc;
            try {
                dc = chronicle.writingDocument();
            } catch (RuntimeException | Error e) {
                throw failed(e);
            }
            try {
                Bytes<?> b = dc.wire().bytes();
                long start = b.writePosition();
                TickRecord.write(
                        b,
                        record,
                        local,
                        tick.aggressor().ordinal(),
                        ev,
                        tick.receiveTimeNanos(),
                        id,
                        tick.price(),
                        tick.quantity());
                long end = b.writePosition();
                int cycle = chronicle.cycle();
                if (!region.covers(cycle, end)) {
                    back(tick, local, start, end, cycle);
                }
            } catch (RuntimeException | Error | IOException e) {
                // a write to the mapped file faulted (SIGBUS: the disk filled up, or the file was
                // cut): the record must not be committed half-written
                dc.rollbackOnClose();
                closeQuietly(dc, e);
                throw failed(e);
            }
            try {
                dc.close();
            } catch (RuntimeException | Error e) {
                throw failed(e);
            }
            int cycle = chronicle.cycle();
            if (cycle != lastCycle) {
                // the first record of a new cycle file: check before filling it
                lastCycle = cycle;
                if (appended > 0) {
                    checkSpace(0);
                }
            }
            if (id > last) {
                lastIds.lazySet(local, id);
            }
            long me = maxEvent;
            if (ev > me) {
                // a release store, not a volatile one: the writer is the only one that writes it,
                // readers see it in order with the records (a full fence per append cost ~20 ns)
                MAX_EVENT.setRelease(ChronicleTickStore.this, ev);
            } else if (me - ev > maxLateness) {
                maxLateness = me - ev;
                queue.tableStorePut(LATENESS, me - ev);
            }
            appended++;
            if (appended % CHECKPOINT_EVERY == 0) {
                // asked for here, not per append: a writing document's index is found by a scan
                // from the last index entry (about a tenth of an append's time)
                checkpoint(chronicle.lastIndexAppended());
            }
            return true;
        }

        /**
         * Allocates the file's bytes ahead of the writer (see {@link BackedRegion}); when the
         * record just written was not in bytes known to be allocated (the first of an appender or
         * of a cycle file), reads it back through the file: a write into the mapping that faulted
         * left a hole there, and the record is rolled back. A full disk is remembered: this record
         * is whole and committed, the next append is refused before it writes anything.
         */
        private void back(TickView tick, int local, long start, long end, int cycle)
                throws IOException {
            boolean wasBacked = region.backed(cycle, end);
            File file = chronicle.currentFile();
            String why = region.extend(file, cycle, end);
            if (!wasBacked) {
                // the record just written is still in the scratch it was composed in
                if (!region.holds(start, record)) {
                    throw new IOException(
                            "the record did not reach "
                                    + file
                                    + ": its page could not be allocated"
                                    + (why == null ? "" : " (" + why + ")"));
                }
            }
            if (why != null) {
                spaceShort = why;
                shortFile = file;
                shortCycle = cycle;
                shortEnd = end;
            }
        }

        /** After a full disk: allocates again, or refuses the append before anything is written. */
        private void retryBacking() {
            String why = region.extend(shortFile, shortCycle, shortEnd);
            if (why != null) {
                throw new StoreWriteException(
                        "not enough disk space to append to the tick store at "
                                + config.directory()
                                + ": allocating the next "
                                + mib(BackedRegion.AHEAD)
                                + " of its file failed ("
                                + why
                                + "); "
                                + mib(directory.getUsableSpace())
                                + " free; nothing more was written",
                        null);
            }
            spaceShort = null;
        }

        @Override
        public long duplicates() {
            return duplicates;
        }

        @Override
        public void reserve(long ticks) {
            Args.notNegative(ticks, "ticks");
            if (failure != null) {
                throw failure;
            }
            // the records with their headers, plus Chronicle's index (8 bytes per 16 records at
            // most) and a margin
            checkSpace(ticks > Long.MAX_VALUE / 64 ? Long.MAX_VALUE : ticks * (RECORD_BYTES + 1));
        }
    }

    /** Reads forward from a tailer, filtering a half-open event-time range. */
    class Cursor implements TickCursor {
        final ExcerptTailer tailer;
        private final long from;
        private final long to;
        private final long stopAt;
        private boolean done;
        private long damaged;
        long lastIndex = Long.MIN_VALUE;

        Cursor(ExcerptTailer tailer, long from, long to) {
            this.tailer = tailer;
            this.from = from;
            this.to = to;
            this.stopAt = to == Long.MAX_VALUE ? Long.MAX_VALUE : saturatedAdd(to, maxLateness);
        }

        @Override
        public boolean next(MutableTick into) {
            try {
                return next0(into);
            } catch (InternalError e) {
                if (!isMappedFault(e)) {
                    throw e;
                }
                // a full disk (tmpfs): the page after the last record cannot be backed, so even
                // reading it faults; nothing was written there, so there is nothing more to read
                // now
                return false;
            }
        }

        private boolean next0(MutableTick into) {
            while (!done) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return false;
                    }
                    Bytes<?> b = dc.wire().bytes();
                    if (!TickRecord.hasRecordLength(b)) {
                        damaged(dc.index());
                        continue;
                    }
                    // every field read once, then checked, before any is used
                    short local = b.readShort();
                    byte side = b.readByte();
                    long ev = b.readLong();
                    long recv = b.readLong();
                    long id = b.readLong();
                    long price = b.readLong();
                    long qty = b.readLong();
                    if (!TickRecord.checkAfterFields(b, local, side, ev, recv, id, price, qty)) {
                        damaged(dc.index());
                        continue;
                    }
                    if (ev >= stopAt) {
                        done = true;
                        return false;
                    }
                    if (ev < from || ev >= to) {
                        continue;
                    }
                    into.set(
                            dict.symbol(local),
                            ev,
                            recv,
                            id,
                            Double.longBitsToDouble(price),
                            Double.longBitsToDouble(qty),
                            SIDES[side]);
                    lastIndex = dc.index();
                    return true;
                }
            }
            return false;
        }

        private void damaged(long index) {
            if (damaged++ == 0) {
                LOG.warn(
                        "tick store {}: skipped a damaged record at index {} (cycle {}, record {}):"
                                + " its check failed, it was not written whole (a disk that filled"
                                + " up or a power failure); later ones are counted",
                        config.directory(),
                        Long.toHexString(index),
                        queue.rollCycle().toCycle(index),
                        queue.rollCycle().toSequenceNumber(index));
            }
        }

        @Override
        public long damagedRecords() {
            return damaged;
        }

        @Override
        public void close() {
            done = true;
            tailer.close();
        }
    }

    /** A cursor whose position survives restarts once acknowledged. */
    public final class NamedCursor extends Cursor {
        private final String key;

        NamedCursor(ExcerptTailer tailer, String key) {
            super(tailer, Long.MIN_VALUE, Long.MAX_VALUE);
            this.key = key;
        }

        /**
         * Acknowledges every record returned so far: a cursor opened later under this name resumes
         * after the last of them. Records read but not acknowledged are read again after a restart.
         */
        public void ack() {
            if (lastIndex != Long.MIN_VALUE) {
                queue.tableStorePut(key, lastIndex);
            }
        }
    }

    /** Chronicle's clock from the configured {@link org.quantstream.core.time.EpochNanoClock}. */
    private static final class EpochNanoClockTime implements TimeProvider {
        private final ChronicleTickStoreConfig config;

        EpochNanoClockTime(ChronicleTickStoreConfig config) {
            this.config = config;
        }

        @Override
        public long currentTimeMillis() {
            return config.clock().epochNanos() / 1_000_000L;
        }

        @Override
        public long currentTimeMicros() {
            return config.clock().epochNanos() / 1_000L;
        }

        @Override
        public long currentTimeNanos() {
            return config.clock().epochNanos();
        }
    }
}
