package org.quantstream.core.io.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;
import org.quantstream.core.testkit.TestData;

class GzipInputTest {
    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] text(int lines) {
        StringBuilder sb = new StringBuilder();
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < lines; i++) {
            sb.append(i)
                    .append(',')
                    .append(60_000 + r.nextInt(5_000))
                    .append(".1,0.00")
                    .append(r.nextInt(1_000))
                    .append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] inflate(byte[] gz, int buffer) throws IOException {
        try (GzipInput in = new GzipInput(new ByteArrayInputStream(gz), buffer)) {
            return in.readAllBytes();
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void shouldReadTheRealTapesByteForByteAsTheJdkDoes() throws Exception {
        for (String tape : new String[] {TestData.BTC_2024_08_08, TestData.ETH_2024_07_18}) {
            byte[] gz = Files.readAllBytes(TestData.file(tape));
            byte[] expected;
            try (GZIPInputStream jdk = new GZIPInputStream(new ByteArrayInputStream(gz))) {
                expected = jdk.readAllBytes();
            }
            for (int buffer : new int[] {1, 7, 512, 1 << 16}) {
                assertThat(inflate(gz, buffer))
                        .as("%s, buffer %d", tape, buffer)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void shouldReadMembersBackToBackAndEveryOptionalHeaderField() throws Exception {
        byte[] a = text(3_000);
        byte[] b = text(10);
        // a hand-made member with FEXTRA, FNAME, FCOMMENT and FHCRC around b's deflate stream
        byte[] plain = gzip(b);
        byte[] deflated = Arrays.copyOfRange(plain, 10, plain.length - 8);
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 4 | 8 | 16 | 2, 0, 0, 0, 0, 0, 3});
        h.writeBytes(new byte[] {3, 0, 'a', 'b', 'c'});
        h.writeBytes("ticks.csv\0".getBytes(StandardCharsets.ISO_8859_1));
        h.writeBytes("a comment\0".getBytes(StandardCharsets.ISO_8859_1));
        CRC32 hc = new CRC32();
        hc.update(h.toByteArray());
        int hcrc = (int) hc.getValue() & 0xFFFF;
        h.write(hcrc & 0xFF);
        h.write(hcrc >>> 8);
        byte[] fancy =
                concat(
                        h.toByteArray(),
                        deflated,
                        Arrays.copyOfRange(plain, plain.length - 8, plain.length));
        byte[] gz = concat(gzip(a), fancy, gzip(new byte[0]), gzip(a));
        for (int buffer : new int[] {1, 3, 64, 1 << 16}) {
            assertThat(inflate(gz, buffer)).isEqualTo(concat(a, b, a));
        }
        fancy[fancy.length - deflated.length - 8 - 2] ^= 1; // the header CRC
        assertThatThrownBy(() -> inflate(fancy, 64))
                .isInstanceOf(ZipException.class)
                .hasMessage("gzip member 1 at byte 0: header CRC mismatch");
    }

    @Test
    void shouldRefuseGarbageAfterTheLastMemberWhichTheJdkIgnores() throws Exception {
        byte[] whole = gzip(text(2_000));
        for (byte[] tail :
                new byte[][] {
                    "garbage\n".getBytes(StandardCharsets.US_ASCII),
                    new byte[512],
                    {0x1f},
                    {(byte) 0x8b}
                }) {
            byte[] bad = concat(whole, tail);
            try (GZIPInputStream jdk = new GZIPInputStream(new ByteArrayInputStream(bad))) {
                assertThat(jdk.readAllBytes()).as("what the JDK does").isEqualTo(text(2_000));
            } catch (IOException e) {
                // the JDK may also fail on a partial header; either way it is not ours to check
            }
            for (int buffer : new int[] {1, 64, 1 << 16}) {
                assertThatThrownBy(() -> inflate(bad, buffer))
                        .as("tail %s, buffer %d", Arrays.toString(Arrays.copyOf(tail, 2)), buffer)
                        .isInstanceOfAny(ZipException.class, EOFException.class)
                        .hasMessageContaining("at byte " + whole.length);
            }
        }
        assertThatThrownBy(
                        () ->
                                inflate(
                                        concat(
                                                whole,
                                                "garbage".getBytes(StandardCharsets.US_ASCII)),
                                        64))
                .hasMessage(
                        "garbage after gzip member 1 at byte "
                                + whole.length
                                + " (the file holds more than its gzip data: damaged, or another"
                                + " file appended to it)");
    }

    @Test
    void shouldRefuseDataCutAtAnyByte() throws Exception {
        byte[] whole = gzip(text(300));
        for (int cut = 0; cut < whole.length; cut++) {
            byte[] part = Arrays.copyOf(whole, cut);
            assertThatThrownBy(() -> inflate(part, 16))
                    .as("cut at %d of %d", cut, whole.length)
                    .isInstanceOf(EOFException.class);
        }
        assertThat(inflate(whole, 16)).isEqualTo(text(300));
    }

    @Test
    void shouldRefuseDamagedDataOrTrailers() throws Exception {
        byte[] whole = gzip(text(300));
        SplittableRandom r = new SplittableRandom(11);
        int refused = 0;
        for (int trial = 0; trial < 500; trial++) {
            byte[] bad = whole.clone();
            int at = 10 + r.nextInt(whole.length - 10);
            bad[at] ^= (byte) (1 << r.nextInt(8));
            try {
                inflate(bad, 64);
            } catch (ZipException | EOFException e) {
                refused++;
                continue;
            }
            throw new AssertionError("a flipped bit at byte " + at + " was read as good data");
        }
        assertThat(refused).isEqualTo(500);
        byte[] crc = whole.clone();
        crc[crc.length - 8] ^= 1;
        assertThatThrownBy(() -> inflate(crc, 64))
                .isInstanceOf(ZipException.class)
                .hasMessage("gzip member 1: CRC-32 mismatch (the data is damaged)");
        byte[] len = whole.clone();
        len[len.length - 1] ^= 1;
        assertThatThrownBy(() -> inflate(len, 64))
                .isInstanceOf(ZipException.class)
                .hasMessage("gzip member 1: length mismatch (the data is damaged)");
    }
}
