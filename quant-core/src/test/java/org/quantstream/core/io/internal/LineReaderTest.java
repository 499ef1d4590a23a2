package org.quantstream.core.io.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link LineReader} against {@code BufferedReader.readLine} on the same text, whatever the sizes
 * of the reads underneath (one byte at a time, random chunks), with lines across buffer refills and
 * lines over the limit.
 */
class LineReaderTest {
    @Test
    void shouldSplitLinesAsBufferedReaderWhateverTheReadSizes() throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        for (int round = 0; round < 300; round++) {
            StringBuilder text = new StringBuilder();
            int lines = random.nextInt(40);
            for (int i = 0; i < lines; i++) {
                int len = random.nextInt(5) == 0 ? random.nextInt(100_000) : random.nextInt(60);
                for (int k = 0; k < len; k++) {
                    text.append((char) ('a' + random.nextInt(26)));
                }
                if (random.nextInt(9) == 0) {
                    text.append("é€");
                }
                text.append(new String[] {"\n", "\r\n", "\r"}[random.nextInt(3)]);
            }
            if (random.nextBoolean()) {
                text.append("last");
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            List<String> expected =
                    new java.io.BufferedReader(new java.io.StringReader(text.toString()))
                            .lines()
                            .toList();
            int chunk = round % 3 == 0 ? 1 : 1 + random.nextInt(70_000);
            assertThat(read(new Chunked(bytes, chunk), Integer.MAX_VALUE))
                    .as("round %d, reads of %d bytes", round, chunk)
                    .isEqualTo(expected);
        }
    }

    @Test
    void shouldReportALineOverTheLimitOnceAndGoOnAfterIt() throws IOException {
        String text = "short\n" + "x".repeat(100) + "\r\nafter\n" + "y".repeat(50);
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        for (int chunk : new int[] {1, 7, 64, 1 << 16}) {
            assertThat(read(new Chunked(bytes, chunk), 40))
                    .as("reads of %d", chunk)
                    .containsExactly("short", LineReader.TOO_LONG, "after", LineReader.TOO_LONG);
        }
    }

    private static List<String> read(InputStream in, int max) throws IOException {
        List<String> out = new ArrayList<>();
        try (LineReader r = new LineReader(in, max)) {
            while (r.next()) {
                out.add(r.line());
            }
        }
        return out;
    }

    /** Hands out at most {@code chunk} bytes per read, as a socket or an inflater may. */
    private static final class Chunked extends ByteArrayInputStream {
        private final int chunk;

        Chunked(byte[] b, int chunk) {
            super(b);
            this.chunk = chunk;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, chunk));
        }
    }
}
