package org.quantstream.core.io.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ReadAheadInput} hands over exactly the bytes of the stream it reads, in order, whatever
 * the read sizes; an error comes after the bytes read before it, as on one thread; closing it half
 * way ends its thread.
 */
class ReadAheadInputTest {
    @Test
    void shouldHandOverEveryByteInOrder() throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        for (int size : new int[] {0, 1, 1000, (1 << 18) - 1, 1 << 18, (1 << 18) + 1, 3_000_001}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ReadAheadInput in = new ReadAheadInput(new ByteArrayInputStream(data), "test")) {
                byte[] buf = new byte[1 + random.nextInt(100_000)];
                int n;
                while ((n = in.read(buf, 0, 1 + random.nextInt(buf.length))) >= 0) {
                    out.write(buf, 0, n);
                }
                assertThat(in.read()).isEqualTo(-1);
            }
            assertThat(out.toByteArray()).as("size %d", size).isEqualTo(data);
        }
    }

    @Test
    void shouldReportAnErrorAfterTheBytesBeforeIt() throws IOException {
        byte[] data = new byte[700_000];
        new SplittableRandom(5).nextBytes(data);
        InputStream failing =
                new ByteArrayInputStream(data) {
                    @Override
                    public synchronized int read(byte[] b, int off, int len) {
                        int n = super.read(b, off, len);
                        if (n < 0) {
                            throw new java.io.UncheckedIOException(new IOException("cut"));
                        }
                        return n;
                    }
                };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ReadAheadInput in = new ReadAheadInput(failing, "test")) {
            byte[] buf = new byte[4096];
            assertThatThrownBy(
                            () -> {
                                int n;
                                while ((n = in.read(buf, 0, buf.length)) >= 0) {
                                    out.write(buf, 0, n);
                                }
                            })
                    .hasMessageContaining("cut");
        }
        assertThat(out.toByteArray()).isEqualTo(data);
    }

    @Test
    void shouldStopItsThreadWhenClosedHalfWay() throws Exception {
        byte[] data = new byte[5_000_000];
        ReadAheadInput in = new ReadAheadInput(new ByteArrayInputStream(data), "closing");
        assertThat(in.read(new byte[10], 0, 10)).isEqualTo(10);
        in.close();
        Thread.sleep(50);
        assertThat(
                        Thread.getAllStackTraces().keySet().stream()
                                .anyMatch(t -> t.getName().equals("read-ahead closing")))
                .isFalse();
    }
}
