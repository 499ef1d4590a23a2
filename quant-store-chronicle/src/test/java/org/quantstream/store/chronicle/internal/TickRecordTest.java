package org.quantstream.store.chronicle.internal;

import static org.assertj.core.api.Assertions.assertThat;

import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

class TickRecordTest {
    private static Bytes<?> record() {
        Bytes<?> b = Bytes.allocateElasticOnHeap(64);
        TickRecord.write(
                b,
                new byte[TickRecord.SIZE],
                3,
                1,
                1_723_161_256_322_000_000L,
                1_723_161_256_400_123_456L,
                5_266_583_935L,
                61_590.3,
                0.002);
        return b;
    }

    private static Bytes<?> copy(byte[] bytes, int len) {
        Bytes<?> b = Bytes.allocateElasticOnHeap(64);
        b.write(bytes, 0, len);
        return b;
    }

    @Test
    void shouldAcceptAWholeRecordAndReadItsFieldsWhereTheyWere() {
        Bytes<?> b = record();
        assertThat(b.readRemaining()).isEqualTo(TickRecord.SIZE);
        assertThat(TickRecord.isWhole(b)).isTrue();
        assertThat(b.readPosition()).as("not moved").isZero();
        assertThat(TickRecord.peekEventTime(b)).isEqualTo(1_723_161_256_322_000_000L);
        assertThat(b.readShort()).isEqualTo((short) 3);
        assertThat(b.readByte()).isEqualTo((byte) 1);
        assertThat(b.readLong()).isEqualTo(1_723_161_256_322_000_000L);
        assertThat(b.readLong()).isEqualTo(1_723_161_256_400_123_456L);
        assertThat(b.readLong()).isEqualTo(5_266_583_935L);
        assertThat(b.readDouble()).isEqualTo(61_590.3);
        assertThat(b.readDouble()).isEqualTo(0.002);
    }

    @Test
    void shouldRefuseARecordCutAtAnyByteWithTheRestReadAsZeros() {
        byte[] whole = record().toByteArray();
        // the check is one aligned 4-byte store (see the class comment): a cut falls before it
        for (int k = 0; k <= TickRecord.SIZE - 4; k++) {
            byte[] torn = new byte[TickRecord.SIZE];
            System.arraycopy(whole, 0, torn, 0, k);
            assertThat(TickRecord.isWhole(copy(torn, TickRecord.SIZE)))
                    .as("written up to byte %d, zeros after", k)
                    .isFalse();
        }
        assertThat(TickRecord.isWhole(copy(new byte[TickRecord.SIZE], TickRecord.SIZE)))
                .as("all zeros")
                .isFalse();
    }

    @Test
    void shouldRefuseARecordWithAnySingleBitFlipped() {
        byte[] whole = record().toByteArray();
        for (int bit = 0; bit < TickRecord.SIZE * 8; bit++) {
            byte[] flipped = whole.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(TickRecord.isWhole(copy(flipped, TickRecord.SIZE)))
                    .as("bit %d flipped", bit)
                    .isFalse();
        }
    }

    @Test
    void shouldReadRecordsOfTheFirstLayoutUncheckedAndRefuseOtherLengths() {
        byte[] whole = record().toByteArray();
        assertThat(TickRecord.isWhole(copy(whole, TickRecord.UNCHECKED_SIZE))).isTrue();
        for (int len : new int[] {0, 1, 42, 44, 47, 49}) {
            byte[] b = java.util.Arrays.copyOf(whole, len);
            assertThat(TickRecord.isWhole(copy(b, len))).as("length %d", len).isFalse();
        }
    }
}
