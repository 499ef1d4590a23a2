package org.quantstream.store.chronicle.internal;

import net.openhft.chronicle.bytes.Bytes;

/**
 * The fixed binary layout of one tick: symbol (store-local id, 2 bytes), aggressor side (1), event
 * time, receive time and trade id (8 each), price and quantity (8 each, IEEE doubles): 43 bytes, 47
 * on disk with Chronicle's 4-byte header. Stateless.
 */
public final class TickRecord {
    /** Bytes of a record's payload. */
    public static final int SIZE = 43;

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
}
