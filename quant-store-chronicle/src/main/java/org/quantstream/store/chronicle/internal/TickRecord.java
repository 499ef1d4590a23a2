package org.quantstream.store.chronicle.internal;

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

    private TickRecord() {}

    /**
     * Writes a record.
     *
     * @param b the document's bytes
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
            int localId,
            int side,
            long eventTime,
            long receiveTime,
            long tradeId,
            double price,
            double quantity) {
        b.writeShort((short) localId);
        b.writeByte((byte) side);
        b.writeLong(eventTime);
        b.writeLong(receiveTime);
        b.writeLong(tradeId);
        b.writeDouble(price);
        b.writeDouble(quantity);
        b.writeByte(VERSION);
        b.writeInt(
                check(
                        (short) localId,
                        (byte) side,
                        eventTime,
                        receiveTime,
                        tradeId,
                        Double.doubleToRawLongBits(price),
                        Double.doubleToRawLongBits(quantity)));
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
        if (b.readByte(p + 43) != VERSION) {
            return false;
        }
        int expected =
                check(
                        b.readShort(p),
                        b.readByte(p + 2),
                        b.readLong(p + 3),
                        b.readLong(p + 11),
                        b.readLong(p + 19),
                        b.readLong(p + 27),
                        b.readLong(p + 35));
        return b.readInt(p + 44) == expected;
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

    /** A 32-bit mix of every field (splitmix64 steps); the check of an all-zero record is not 0. */
    static int check(short local, byte side, long ev, long recv, long id, long price, long qty) {
        long h = SEED ^ ((local & 0xFFFFL) << 8 | (side & 0xFFL));
        h = mix(h ^ ev);
        h = mix(h ^ recv);
        h = mix(h ^ id);
        h = mix(h ^ price);
        h = mix(h ^ qty);
        return (int) (h ^ (h >>> 32));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * MUL;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
