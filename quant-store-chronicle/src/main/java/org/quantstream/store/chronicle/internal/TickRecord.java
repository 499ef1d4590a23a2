package org.quantstream.store.chronicle.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import net.openhft.chronicle.bytes.Bytes;

/**
 * The fixed binary layout of one tick: symbol (store-local id, 2 bytes), aggressor side (1), event
 * time, receive time and trade id (8 each), price and quantity (8 each, IEEE doubles), the layout's
 * version (1 byte, 1), then a 4-byte check of all of them: 48 bytes, 52 on disk with Chronicle's
 * 4-byte header (Chronicle starts each header on a 4-byte boundary, so the check is aligned and
 * written in one store).
 *
 * <p>The check is written last, so a record whose payload was only partly stored (a write that
 * faulted on a full disk, a payload page lost in a power failure while its header page was flushed)
 * fails it: its unwritten fields read as zeros, and the check of those zeros is not zero. Records
 * of the first layout (43 bytes, no version, no check) are still read, unchecked. Stateless;
 * allocation-free.
 */
public final class TickRecord {
    /** Bytes of a record's payload. */
    public static final int SIZE = 48;

    /** Bytes of a record of the first layout, which had no check. */
    public static final int UNCHECKED_SIZE = 43;

    private static final byte VERSION = 1;
    private static final long SEED = 0x9E3779B97F4A7C15L;
    private static final long MUL = 0xBF58476D1CE4E5B9L;

    private static final VarHandle SHORT =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.nativeOrder());
    private static final VarHandle INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private TickRecord() {}

    /**
     * Writes a record: composed in {@code scratch}, then stored with one bounds-checked copy (nine
     * checked field writes cost about 20 to 30 ns more an append, measured alternating the two in
     * one JVM).
     *
     * @param b the document's bytes
     * @param scratch at least {@link #SIZE} bytes, the caller's own (not shared between threads)
     * @param localId store-local symbol id
     * @param side aggressor side ordinal
     * @param eventTime event time, epoch ns
     * @param receiveTime receive time, epoch ns
     * @param tradeId trade id
     * @param price price
     * @param quantity quantity
     */
    public static void write(
            Bytes<?> b,
            byte[] scratch,
            int localId,
            int side,
            long eventTime,
            long receiveTime,
            long tradeId,
            double price,
            double quantity) {
        encode(scratch, localId, side, eventTime, receiveTime, tradeId, price, quantity);
        b.write(scratch, 0, SIZE);
    }

    /**
     * The bytes of a record, as {@link #write} stores them (the platform's byte order, as
     * Chronicle's field writes).
     *
     * @param into at least {@link #SIZE} bytes; the first {@link #SIZE} are overwritten
     * @param localId store-local symbol id
     * @param side aggressor side ordinal
     * @param eventTime event time, epoch ns
     * @param receiveTime receive time, epoch ns
     * @param tradeId trade id
     * @param price price
     * @param quantity quantity
     */
    public static void encode(
            byte[] into,
            int localId,
            int side,
            long eventTime,
            long receiveTime,
            long tradeId,
            double price,
            double quantity) {
        long priceBits = Double.doubleToRawLongBits(price);
        long qtyBits = Double.doubleToRawLongBits(quantity);
        SHORT.set(into, 0, (short) localId);
        into[2] = (byte) side;
        LONG.set(into, 3, eventTime);
        LONG.set(into, 11, receiveTime);
        LONG.set(into, 19, tradeId);
        LONG.set(into, 27, priceBits);
        LONG.set(into, 35, qtyBits);
        into[43] = VERSION;
        INT.set(
                into,
                44,
                check(
                        (short) localId,
                        (byte) side,
                        eventTime,
                        receiveTime,
                        tradeId,
                        priceBits,
                        qtyBits));
    }

    /**
     * Whether the record at the read position is whole: a checked record whose check matches, or a
     * record of the first layout. Does not move the read position.
     *
     * @param b the document's bytes
     * @return false for a record of another length or a failed check
     */
    public static boolean isWhole(Bytes<?> b) {
        long len = b.readRemaining();
        if (len == UNCHECKED_SIZE) {
            return true;
        }
        if (len != SIZE) {
            return false;
        }
        long p = b.readPosition();
        return b.readByte(p + 43) == VERSION
                && b.readInt(p + 44)
                        == check(
                                b.readShort(p),
                                b.readByte(p + 2),
                                b.readLong(p + 3),
                                b.readLong(p + 11),
                                b.readLong(p + 19),
                                b.readLong(p + 27),
                                b.readLong(p + 35));
    }

    /**
     * Whether a document has the length of a record, either layout: read its fields only then.
     *
     * @param b the document's bytes at its start
     * @return true for {@link #SIZE} or {@link #UNCHECKED_SIZE} bytes
     */
    public static boolean hasRecordLength(Bytes<?> b) {
        long len = b.readRemaining();
        return len == SIZE || len == UNCHECKED_SIZE;
    }

    /**
     * After the fields were read (for a reader that needs them anyway, so that they are read once):
     * whether the record is whole, reading its version and check.
     *
     * @param b the document's bytes, positioned after the quantity
     * @param local the symbol id read
     * @param side the side read
     * @param ev the event time read
     * @param recv the receive time read
     * @param id the trade id read
     * @param priceBits the price's bits read
     * @param qtyBits the quantity's bits read
     * @return true for a record of the first layout or a matching check
     */
    public static boolean checkAfterFields(
            Bytes<?> b,
            short local,
            byte side,
            long ev,
            long recv,
            long id,
            long priceBits,
            long qtyBits) {
        if (b.readRemaining() == 0) {
            return true; // the first layout
        }
        return b.readByte() == VERSION
                && b.readInt() == check(local, side, ev, recv, id, priceBits, qtyBits);
    }

    /**
     * The event time of the record at the read position, without moving it.
     *
     * @param b the document's bytes
     * @return epoch ns
     */
    public static long peekEventTime(Bytes<?> b) {
        return b.readLong(b.readPosition() + 3);
    }

    /**
     * A 32-bit check of every field: each field times its own odd constant (independent multiplies,
     * so the CPU runs them side by side), summed with a seed, then one splitmix64 finalizer. A
     * change of any single field changes the sum (odd constants are invertible modulo 2^64), the
     * finalizer is a bijection, and the fold to 32 bits keeps a 2^-32 chance of a collision.
     */
    static int check(short local, byte side, long ev, long recv, long id, long price, long qty) {
        long h =
                SEED
                        + ((local & 0xFFFFL) << 8 | (side & 0xFFL)) * 0xD6E8FEB86659FD93L
                        + ev * 0xA0761D6478BD642FL
                        + recv * 0xE7037ED1A0B428DBL
                        + id * 0x8EBC6AF09C88C6E3L
                        + price * 0x589965CC75374CC3L
                        + qty * 0x1D8E4E27C47D124FL;
        h = mix(h);
        return (int) (h ^ (h >>> 32));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * MUL;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
